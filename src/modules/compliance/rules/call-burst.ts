/**
 * Burst limit: no call within policy.burstMinutes after an unanswered call (no-answer or attempted) to
 * the same person, so that two unanswered calls are never that close together. Repeated redialling is
 * the classic harassment pattern (《互联网金融逾期债务催收自律公约（试行）》: no harassing frequency;
 * 12 CFR 1006.14(b)(1): causing a telephone to ring repeatedly). Every phone purpose.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { latestAtOrBefore, recipientHistory, recipientKey } from '../history-index.ts';
import { denial, fromText, whenText, zonesFor } from '../rule-support.ts';

const SOURCE =
  'LoanDesk policy burstMinutes (no repeated redialling: 《互联网金融逾期债务催收自律公约（试行）》; 12 CFR 1006.14(b)(1))';

export function checkCallBurst(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const minutes = policy.burstMinutes;
  if (minutes === null || minutes <= 0 || proposal.channel !== 'phone') return null;
  const unanswered = recipientHistory(context, recipientKey(proposal.recipient.relationship, proposal.recipient.contactPointId)).unansweredCalls;
  if (!unanswered.length) return null;
  const gap = minutes * 60_000;
  const t = proposal.at.getTime();
  const last = latestAtOrBefore(unanswered, t);
  if (last === null || t >= last + gap) return null;
  let x = last + gap;
  for (let round = 0; round < 1000; round++) {
    const l = latestAtOrBefore(unanswered, x);
    if (l === null || x >= l + gap) break;
    x = l + gap;
  }
  const zone = zonesFor(context, policy)[0];
  const from = fromText(x, zone);
  const when = whenText(last, zone);
  return denial('call-burst', {
    zh: `上一通未接通电话在 ${when}，${minutes} 分钟内不得再次拨打${from.zh}`,
    en: `An unanswered call was placed at ${when}; no new call within ${minutes} minutes of it${from.en}`,
    source: SOURCE,
    allowedFrom: x,
  });
}
