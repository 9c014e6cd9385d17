/**
 * A third party who said they do not want to be contacted again (recipient.refusedAt, or a history
 * entry to that contact point with outcome 'refused') is never contacted again
 * (《互联网金融逾期债务催收自律公约（试行）》 art. 14; the 2025 national standard; US: 15 U.S.C.
 * 1692c(c) by analogy). Not overridable; no allowedFrom.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { latestAtOrBefore, recipientHistory, recipientKey } from '../history-index.ts';
import { denial, whenText, zonesFor } from '../rule-support.ts';

const SOURCE = '《互联网金融逾期债务催收自律公约（试行）》 art. 14; 《互联网金融 个人网络消费信贷 贷后催收风控指引》(2025)';

export function checkThirdPartyRefused(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const { relationship, contactPointId, refusedAt } = proposal.recipient;
  if (relationship === 'self') return null;
  const t = proposal.at.getTime();
  let refused: number | null = refusedAt && refusedAt.getTime() <= t ? refusedAt.getTime() : null;
  if (contactPointId !== null) {
    const logged = latestAtOrBefore(recipientHistory(context, recipientKey(relationship, contactPointId)).refused, t);
    if (logged !== null && (refused === null || logged > refused)) refused = logged;
  }
  if (refused === null) return null;
  const when = whenText(refused, zonesFor(context, policy)[0]);
  return denial('third-party-refused', {
    zh: `该第三方已于 ${when} 明确拒绝再被联系，不得再次联系`,
    en: `This third party refused further contact at ${when}; never contact them again`,
    source: SOURCE,
    allowedFrom: null,
  });
}
