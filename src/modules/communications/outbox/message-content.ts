import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { checkWording, type Denial } from '../../compliance/context/engine-port.ts';
import { renderTemplate, type Language, type Rendered } from '../templates/render.ts';
import { findSendableVersion, versionText, type TemplateRow, type VersionRow } from '../templates/template-store.ts';

/**
 * Variables the hub fills from the records so callers cannot get them wrong: the customer's name,
 * the lender's name (the customer's branch, in the message's language), and the loan number when
 * the message is about a debt. Caller-supplied values win (a preview may want to show something else).
 */
export async function recordVariables(exec: SqlExecutor, customerId: string, debtId: string | null, language: Language = 'zh-CN'): Promise<Record<string, unknown>> {
  const { rows: [c] } = await exec.query<CustomerRecord>(
    `SELECT c.name, b.name_zh AS branch_name_zh, b.name_en AS branch_name_en FROM customers c JOIN branches b ON b.id = c.branch_id WHERE c.id = $1`,
    [customerId],
  );
  const loan = debtId
    ? (await exec.query<{ loan_number: string; customer_id: string }>(`SELECT loan_number, customer_id FROM loans WHERE id = $1`, [debtId])).rows[0]
    : undefined;
  const vars = variablesFromRecords(customerId, c, language, debtId, loan);
  if (vars instanceof DomainError) throw vars;
  return vars;
}

export type CustomerRecord = { name: string; branch_name_zh: string; branch_name_en: string };

/** The pure part of `recordVariables` (bulk queueing loads the customers and loans of a batch at once). */
export function variablesFromRecords(
  customerId: string, customer: CustomerRecord | undefined, language: Language, debtId: string | null,
  loan: { loan_number: string; customer_id: string } | undefined,
): Record<string, unknown> | DomainError {
  const vars: Record<string, unknown> = {
    customerName: customer?.name,
    lenderName: customer ? (language === 'zh-CN' ? customer.branch_name_zh : customer.branch_name_en) : undefined,
  };
  if (debtId) {
    if (!loan || loan.customer_id !== customerId) {
      return new DomainError('validation', { zh: '该贷款不属于此客户', en: 'That loan does not belong to this customer' }, [{ field: 'debtId', message: 'unknown loan for this customer / 该客户没有此贷款' }]);
    }
    vars.loanNumber = loan.loan_number;
  }
  return vars;
}

export type MessageContent = { template: TemplateRow; version: VersionRow; language: Language; rendered: Rendered };

/** Renders an approved template version; a missing or mistyped variable is a 422 naming it. */
export async function renderMessage(
  exec: SqlExecutor,
  input: { customerId: string; debtId: string | null; templateKey?: string; templateVersionId?: string; variables: Record<string, unknown>; language: Language },
): Promise<MessageContent> {
  const { template, version } = await findSendableVersion(exec, input);
  const content = renderVersion(template, version, input.language, { ...(await recordVariables(exec, input.customerId, input.debtId, input.language)), ...input.variables });
  if (content instanceof DomainError) throw content;
  return content;
}

/** The pure part of `renderMessage`: the version rendered with the values, or the 422 naming the bad variables. */
export function renderVersion(template: TemplateRow, version: VersionRow, language: Language, values: Record<string, unknown>): MessageContent | DomainError {
  const { rendered, problems } = renderTemplate(versionText(version), language, values);
  if (problems.length) {
    return new DomainError(
      'validation',
      { zh: '模板变量缺失或格式错误', en: 'Template variables are missing or invalid' },
      problems.map((p) => ({ field: `variables.${p.name}`, message: p.message, code: p.problem })),
    );
  }
  return { template, version, language, rendered };
}

/**
 * The wording check on the rendered text, as the engine's 'wording' denial. Run on every message
 * before it is queued (the template was checked when submitted, but variable values — a name, a
 * free-text reference — are only known now). Third parties may not be told of a debt.
 */
export function wordingDenial(rendered: Rendered, language: Language, thirdParty: boolean): Denial | null {
  const text = [rendered.subject, rendered.body].filter(Boolean).join('\n');
  const result = checkWording(text, language, { thirdParty });
  if (result.ok && result.findings.length === 0) return null;
  const phrases = [...new Set(result.findings.map((f) => f.phrase))];
  return {
    rule: 'wording',
    messageZh: thirdParty ? `对第三方的消息不得提及债务：${phrases.join('、')}` : `消息含有禁止用语：${phrases.join('、')}`,
    messageEn: thirdParty ? `A message to a third party must not mention the debt: ${phrases.join(', ')}` : `The message contains prohibited wording: ${phrases.join(', ')}`,
    source: thirdParty
      ? '《互联网金融逾期债务催收自律公约》不得向第三方透露债务信息; 12 CFR 1006.6(d)'
      : '《互联网金融逾期债务催收自律公约》文明催收，不得威胁恐吓; 12 CFR 1006.14',
    allowedFrom: null,
    phrases,
    overridable: false,
  };
}
