import type { SqlExecutor } from '../../../platform/db/client.ts';
import { declarationProblems, type TemplateText } from './render.ts';
import { templateWordingFindings } from './template-store.ts';
import { COLLECTIONS_TEMPLATES } from './collections-templates.ts';
import { COMPLAINT_TEMPLATES } from './complaint-templates.ts';

type DefaultTemplate = { key: string; nameZh: string; nameEn: string; purpose: 'servicing' | 'collections'; text: TemplateText };

export const SYSTEM_TEMPLATE_ACTOR = 'system:default-templates';

/**
 * The templates every install starts with. Their wording is reviewed in code review (this file)
 * rather than in the console, so they are inserted already approved; changing one in the console
 * makes a new version that goes through the normal draft → approval flow. Wording follows the
 * 公约's respectful-language rules: no threats, no shaming, and the customer is invited to talk
 * about difficulties (domain guide, workflow 1). `customerName` and `loanNumber` are filled in by
 * the hub from the customer and the debt. The collections strategy's messages and scripts are in
 * ./collections-templates.ts.
 */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: 'payment-reminder', nameZh: '还款提醒', nameEn: 'Payment reminder', purpose: 'servicing',
    text: {
      variables: [
        { name: 'customerName', type: 'string', required: true },
        { name: 'loanNumber', type: 'string', required: true },
        { name: 'amountDueFen', type: 'money-fen', required: true },
        { name: 'dueDate', type: 'date', required: true },
      ],
      subjectZh: '还款提醒：贷款 {{loanNumber}}',
      bodyZh: '尊敬的{{customerName}}：您的贷款{{loanNumber}}本期应还金额{{amountDueFen}}，还款日为{{dueDate}}，请确保还款账户余额充足。如已还款，请忽略本消息。回复TD退订。',
      subjectEn: 'Payment reminder: loan {{loanNumber}}',
      bodyEn: 'Dear {{customerName}}, the instalment of {{amountDueFen}} on your loan {{loanNumber}} is due on {{dueDate}}. Please make sure your repayment account has sufficient funds. If you have already paid, please ignore this message. Reply STOP to opt out.',
    },
  },
  {
    key: 'overdue-notice', nameZh: '逾期提醒', nameEn: 'Overdue notice', purpose: 'collections',
    text: {
      variables: [
        { name: 'customerName', type: 'string', required: true },
        { name: 'loanNumber', type: 'string', required: true },
        { name: 'overdueAmountFen', type: 'money-fen', required: true },
        { name: 'daysPastDue', type: 'integer', required: true },
      ],
      subjectZh: '逾期提醒：贷款 {{loanNumber}}',
      bodyZh: '尊敬的{{customerName}}：您的贷款{{loanNumber}}已逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}。如您暂时遇到还款困难，欢迎与我们联系，我们可以一起商议合适的还款安排。',
      subjectEn: 'Overdue notice: loan {{loanNumber}}',
      bodyEn: 'Dear {{customerName}}, your loan {{loanNumber}} is {{daysPastDue}} days overdue; the overdue amount is {{overdueAmountFen}}. If you are having difficulty repaying, please contact us and we will work out a suitable repayment arrangement together.',
    },
  },
  {
    key: 'promise-to-pay-confirmation', nameZh: '承诺还款确认', nameEn: 'Promise-to-pay confirmation', purpose: 'collections',
    text: {
      variables: [
        { name: 'customerName', type: 'string', required: true },
        { name: 'loanNumber', type: 'string', required: true },
        { name: 'promisedAmountFen', type: 'money-fen', required: true },
        { name: 'promisedDate', type: 'date', required: true },
      ],
      subjectZh: '还款承诺确认：贷款 {{loanNumber}}',
      bodyZh: '尊敬的{{customerName}}：感谢您的沟通。现确认您承诺于{{promisedDate}}前归还贷款{{loanNumber}}款项{{promisedAmountFen}}。如有变化，请及时与我们联系。',
      subjectEn: 'Promise to pay confirmed: loan {{loanNumber}}',
      bodyEn: 'Dear {{customerName}}, thank you for talking with us. This confirms your promise to pay {{promisedAmountFen}} on loan {{loanNumber}} by {{promisedDate}}. If anything changes, please contact us.',
    },
  },
  {
    key: 'complaint-acknowledgement', nameZh: '投诉受理回执', nameEn: 'Complaint acknowledgement', purpose: 'servicing',
    text: {
      variables: [
        { name: 'customerName', type: 'string', required: true },
        { name: 'complaintReference', type: 'string', required: true },
        { name: 'receivedDate', type: 'date', required: true },
      ],
      subjectZh: '投诉受理回执 {{complaintReference}}',
      bodyZh: '尊敬的{{customerName}}：我们已于{{receivedDate}}受理您的投诉（编号{{complaintReference}}），将在24小时内与您联系并告知处理进展。感谢您的反馈。',
      subjectEn: 'Complaint received: {{complaintReference}}',
      bodyEn: 'Dear {{customerName}}, we received your complaint (reference {{complaintReference}}) on {{receivedDate}}. We will contact you within 24 hours with the first update on how we are handling it. Thank you for telling us.',
    },
  },
  // The collections strategy's messages and scripts, and the complaint survey invitation, live in their own files.
  ...COLLECTIONS_TEMPLATES,
  ...COMPLAINT_TEMPLATES,
];

/**
 * Inserts the default templates that are missing (by key) as approved system templates; existing
 * ones, and any versions made since, are left alone. Safe to call on every start or seed.
 */
export async function ensureDefaultTemplates(exec: SqlExecutor, at: Date = new Date()): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const t of DEFAULT_TEMPLATES) {
    const problems = [...declarationProblems(t.text), ...templateWordingFindings(t.text, 'debtor').map((f) => `prohibited wording "${f.phrase}"`)];
    if (problems.length) throw new Error(`default template ${t.key} is invalid: ${problems.join('; ')}`);
    const { rows: [row] } = await exec.query<{ id: string }>(
      `INSERT INTO message_templates (key, name_zh, name_en, purpose, audience, system, created_by, created_at)
       VALUES ($1, $2, $3, $4, 'debtor', true, $5, $6::timestamptz) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [t.key, t.nameZh, t.nameEn, t.purpose, SYSTEM_TEMPLATE_ACTOR, at.toISOString()],
    );
    if (!row) continue;
    await exec.query(
      `INSERT INTO template_versions (template_id, version, status, variables, subject_zh, body_zh, subject_en, body_en,
                                      created_by, created_at, submitted_by, submitted_at, approved_by, approved_at)
       VALUES ($1, 1, 'approved', $2::jsonb, $3, $4, $5, $6, $7, $8::timestamptz, $7, $8::timestamptz, $7, $8::timestamptz)`,
      [row.id, JSON.stringify(t.text.variables), t.text.subjectZh, t.text.bodyZh, t.text.subjectEn, t.text.bodyEn, SYSTEM_TEMPLATE_ACTOR, at.toISOString()],
    );
    created.push(t.key);
  }
  return { created };
}
