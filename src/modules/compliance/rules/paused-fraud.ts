/**
 * An open fraud incident (the borrower is the victim: a loan taken out in their name, stolen funds) on
 * the loan, or customer-wide, pauses:
 * - collection contact (collecting a possibly fraudulent debt from its victim);
 * - marketing;
 * - automated contact of any purpose (reminders, bulk SMS), except a legally required servicing notice.
 * Decision: human servicing contact and follow-up visits continue — that is how the fraud team gives
 * the "frequent updates on several channels" and support the fraud playbook asks for (seed 000).
 * Source: LoanDesk fraud-incident playbook; 《银行保险机构消费者权益保护管理办法》; US: 15 U.S.C.
 * 1692g(b) (a disputed, possibly fraudulent debt is not collected until verified).
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { denial, isMandatedNotice, openCaseFor } from '../rule-support.ts';

const SOURCE =
  'LoanDesk fraud-incident playbook (borrower is the victim): no collection, marketing or automated contact while the incident is open';

export function checkPausedFraud(proposal: ContactProposal, context: ContactContext, _policy: CompliancePolicy): Denial | null {
  const paused =
    proposal.purpose === 'collections' ||
    proposal.purpose === 'marketing' ||
    (proposal.mode === 'automated' && !isMandatedNotice(proposal));
  if (!paused) return null;
  const open = openCaseFor(context, proposal, 'fraud-incident');
  if (!open) return null;
  return denial('paused-fraud', {
    zh: `存在未结的欺诈事件${open.debtId ? `（债务 ${open.debtId}）` : '（客户级）'}，暂停催收、营销及自动联系，仅可由专人进行服务沟通`,
    en: `A fraud incident is open${open.debtId ? ` (debt ${open.debtId})` : ' (customer-wide)'}; collection, marketing and automated contact are paused — only human servicing contact may proceed`,
    source: SOURCE,
    allowedFrom: null,
  });
}
