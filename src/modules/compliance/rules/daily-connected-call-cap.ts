/**
 * China: at most policy.maxConnectedVoiceCallsPerDay (3) connected voice calls per debtor per LOCAL day
 * — human and automated, every agency and the lender together (《互联网金融 个人网络消费信贷 贷后催收
 * 风控指引》, 2025). A call counts when it was answered (outcome connected or conversation); calls of
 * every purpose count, so a "servicing" call cannot be used to get round the cap; the cap applies to
 * collection calls. With 3 connected calls today the 4th is refused until the next local day. Counted
 * per person called (the debtor, or one third-party contact point) in every zone the debtor may be in.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { countInRange, recipientHistory, recipientKey } from '../history-index.ts';
import { startOfLocalDay, startOfNextLocalDay } from '../local-time.ts';
import { denial, fromText, horizonEnd, nextInAllZones, validZones, zonesFor } from '../rule-support.ts';

const SOURCE =
  '《互联网金融 个人网络消费信贷 贷后催收风控指引》(2025): at most 3 connected collection calls per debtor per day, all agencies together (policy.maxConnectedVoiceCallsPerDay)';

export function checkDailyConnectedCallCap(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const cap = policy.maxConnectedVoiceCallsPerDay;
  if (cap === null || proposal.channel !== 'phone' || proposal.purpose !== 'collections') return null;
  const calls = recipientHistory(context, recipientKey(proposal.recipient.relationship, proposal.recipient.contactPointId)).connectedCalls;
  if (calls.length < cap) return null;
  const zones = validZones(zonesFor(context, policy));
  const t = proposal.at.getTime();
  let worst = 0;
  let worstZone = zones[0];
  for (const z of zones) {
    const n = countInRange(calls, startOfLocalDay(z, t), startOfNextLocalDay(z, t));
    if (n > worst) {
      worst = n;
      worstZone = z;
    }
  }
  if (worst < cap) return null;
  const end = horizonEnd(proposal, policy);
  const allowedFrom = nextInAllZones(zones, t, end, (zone, at) => {
    let x = at;
    while (x <= end) {
      const next = startOfNextLocalDay(zone, x);
      if (countInRange(calls, startOfLocalDay(zone, x), next) < cap) return x;
      x = next;
    }
    return null;
  });
  const from = fromText(allowedFrom, worstZone);
  return denial('daily-connected-call-cap', {
    zh: `债务人当地今日已接通 ${worst} 通电话，已达每日上限 ${cap} 通${from.zh}`,
    en: `${worst} calls have already been answered today (debtor's local day); the daily limit is ${cap} connected calls${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
