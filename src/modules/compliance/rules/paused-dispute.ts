/**
 * An open dispute of the debt pauses collection contact about it until the dispute is answered
 * (US: 15 U.S.C. 1692g(b) — cease collection of the disputed amount until verification is mailed;
 * China: LoanDesk policy, verify the debtor's objection before collecting, as the 2025 standard asks
 * objections to be handled). Servicing (e.g. sending the verification) continues.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { denial, openCaseFor } from '../rule-support.ts';

const SOURCE = '15 U.S.C. 1692g(b) (cease collection of a disputed debt until verified); LoanDesk dispute policy';

export function checkPausedDispute(proposal: ContactProposal, context: ContactContext, _policy: CompliancePolicy): Denial | null {
  if (proposal.purpose !== 'collections') return null;
  const open = openCaseFor(context, proposal, 'dispute');
  if (!open) return null;
  return denial('paused-dispute', {
    zh: `债务人对债务${open.debtId ? ` ${open.debtId} ` : ''}提出异议且尚未处理完毕，暂停催收`,
    en: `The debt${open.debtId ? ` ${open.debtId}` : ''} is disputed and the dispute is open; collection contact is paused`,
    source: SOURCE,
    allowedFrom: null,
  });
}
