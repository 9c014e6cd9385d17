/**
 * Regulation F, 12 CFR 1006.14(b)(2)(i)(B): no telephone call about a debt within 7 days after having a
 * telephone conversation with the person about that debt (policy.noCallDaysAfterConversation). A
 * conversation about no particular debt counts for every debt. Rolling days of 24 h from the
 * conversation (Reg F counts the conversation's date as day 1; 24 h days are never earlier, so
 * conservative): a conversation 6 days 23 hours ago still blocks for one hour. Collection calls only.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { conversationsForDebt, debtsToCheck, latestAtOrBefore, recipientHistory, recipientKey } from '../history-index.ts';
import { DAY_MS } from '../local-time.ts';
import { denial, fromText, horizonEnd, whenText, zonesFor } from '../rule-support.ts';

const SOURCE = '12 CFR 1006.14(b)(2)(i)(B) (Regulation F): no call within 7 days after a telephone conversation about the debt';

export function checkPostConversationWait(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const days = policy.noCallDaysAfterConversation;
  if (days === null || days <= 0 || proposal.channel !== 'phone' || proposal.purpose !== 'collections') return null;
  const r = recipientHistory(context, recipientKey(proposal.recipient.relationship, proposal.recipient.contactPointId));
  if (!r.conversationsByDebt.size) return null;
  const wait = days * DAY_MS;
  const t = proposal.at.getTime();
  const debts = debtsToCheck(r.conversationsByDebt, proposal.debtId);
  let last: number | null = null;
  for (const debt of debts) {
    const c = latestAtOrBefore(conversationsForDebt(r, debt), t);
    if (c !== null && t < c + wait && (last === null || c > last)) last = c;
  }
  if (last === null) return null;
  // A later conversation inside the wait extends it; step until no conversation blocks.
  let x = last + wait;
  const end = horizonEnd(proposal, policy);
  for (let round = 0; round < 100 && x <= end; round++) {
    let latest: number | null = null;
    for (const debt of debts) {
      const c = latestAtOrBefore(conversationsForDebt(r, debt), x);
      if (c !== null && x < c + wait && (latest === null || c > latest)) latest = c;
    }
    if (latest === null) break;
    x = latest + wait;
  }
  const allowedFrom = x <= end ? x : null;
  const zone = zonesFor(context, policy)[0];
  const from = fromText(allowedFrom, zone);
  const when = whenText(last, zone);
  return denial('post-conversation-wait', {
    zh: `已于 ${when} 与债务人就该笔债务通话，${days} 天内不得再次致电${from.zh}`,
    en: `A telephone conversation about this debt took place at ${when}; no call for ${days} days after it${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
