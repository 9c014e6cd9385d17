/**
 * A legal hold (court order, bankruptcy / insolvency stay, litigation in which the debtor is
 * represented) pauses collection contact and marketing; contact goes through the legal channel.
 * Source: 11 U.S.C. 362(a)(6) (automatic stay), 15 U.S.C. 1692c(a)(2) (represented consumer); China:
 * 《企业破产法》/《民事诉讼法》 enforcement measures, LoanDesk legal-hold policy. Servicing continues.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { denial, openCaseFor } from '../rule-support.ts';

const SOURCE = 'Legal hold: 11 U.S.C. 362(a)(6), 15 U.S.C. 1692c(a)(2); LoanDesk legal-hold policy';

export function checkPausedLegalHold(proposal: ContactProposal, context: ContactContext, _policy: CompliancePolicy): Denial | null {
  if (proposal.purpose !== 'collections' && proposal.purpose !== 'marketing') return null;
  const open = openCaseFor(context, proposal, 'legal-hold');
  if (!open) return null;
  return denial('paused-legal-hold', {
    zh: `存在法律程序（诉讼、破产或法院命令）${open.debtId ? `（债务 ${open.debtId}）` : ''}，暂停催收和营销，请通过法务渠道处理`,
    en: `A legal hold is in place${open.debtId ? ` (debt ${open.debtId})` : ''}; collection and marketing contact are paused — go through the legal channel`,
    source: SOURCE,
    allowedFrom: null,
  });
}
