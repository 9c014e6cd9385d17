import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { checkWording, type Denial } from '../../compliance/context/engine-port.ts';
import { renderTemplate, type Language, type Rendered } from '../templates/render.ts';
import { findSendableVersion, versionText, type TemplateRow, type VersionRow } from '../templates/template-store.ts';

/**
 * Variables the hub fills from the records so callers cannot get them wrong: the customer's name,
 * and the loan number when the message is about a debt. Caller-supplied values win (a preview may
 * want to show something else).
 */
export async function recordVariables(exec: SqlExecutor, customerId: string, debtId: string | null): Promise<Record<string, unknown>> {
  const { rows: [c] } = await exec.query<{ name: string }>(`SELECT name FROM customers WHERE id = $1`, [customerId]);
  const vars: Record<string, unknown> = { customerName: c?.name };
  if (debtId) {
    const { rows: [l] } = await exec.query<{ loan_number: string; customer_id: string }>(`SELECT loan_number, customer_id FROM loans WHERE id = $1`, [debtId]);
    if (!l || l.customer_id !== customerId) {
      throw new DomainError('validation', { zh: '该贷款不属于此客户', en: 'That loan does not belong to this customer' }, [{ field: 'debtId', message: 'unknown loan for this customer' }]);
    }
    vars.loanNumber = l.loan_number;
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
  const values = { ...(await recordVariables(exec, input.customerId, input.debtId)), ...input.variables };
  const { rendered, problems } = renderTemplate(versionText(version), input.language, values);
  if (problems.length) {
    throw new DomainError(
      'validation',
      { zh: '模板变量缺失或格式错误', en: 'Template variables are missing or invalid' },
      problems.map((p) => ({ field: `variables.${p.name}`, message: p.message, code: p.problem })),
    );
  }
  return { template, version, language: input.language, rendered };
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
