/**
 * An open collection-conduct complaint pauses collection contact on the debt it concerns (or every
 * debt when customer-wide) until the complaint is resolved, so the complaint is not answered with more
 * of the conduct complained of and the complainant is not retaliated against (《银行保险机构消费者
 * 权益保护管理办法》 complaint handling; 《互联网金融逾期债务催收自律公约（试行）》). Servicing,
 * follow-up visits and the complaint handler's own contact (purpose 'servicing') continue.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { denial, openCaseFor } from '../rule-support.ts';

const SOURCE = 'LoanDesk conduct policy: collection paused while a collection-conduct complaint is open (《银行保险机构消费者权益保护管理办法》)';

export function checkPausedComplaint(proposal: ContactProposal, context: ContactContext, _policy: CompliancePolicy): Denial | null {
  if (proposal.purpose !== 'collections') return null;
  const open = openCaseFor(context, proposal, 'collection-conduct-complaint');
  if (!open) return null;
  return denial('paused-complaint', {
    zh: `存在未结的催收行为投诉${open.debtId ? `（债务 ${open.debtId}）` : ''}，投诉处理完毕前暂停催收`,
    en: `A collection-conduct complaint is open${open.debtId ? ` (debt ${open.debtId})` : ''}; collection contact is paused until it is resolved`,
    source: SOURCE,
    allowedFrom: null,
  });
}
