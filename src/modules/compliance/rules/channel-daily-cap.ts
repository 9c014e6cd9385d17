/**
 * Per-channel daily caps (policy.channelDailyCaps, e.g. sms: 2): at most N contacts by that channel per
 * person per LOCAL day, every purpose and outcome (a failed send still reached the network). LoanDesk
 * policy against message bombardment (《互联网金融逾期债务催收自律公约（试行）》: no harassment by
 * frequency; 12 CFR 1006.14(a)). Checked in every zone the debtor may be in.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { countInRange, recipientHistory, recipientKey } from '../history-index.ts';
import { startOfLocalDay, startOfNextLocalDay } from '../local-time.ts';
import { CHANNEL_ZH, denial, fromText, horizonEnd, nextInAllZones, validZones, zonesFor } from '../rule-support.ts';

const SOURCE = 'LoanDesk policy channelDailyCaps (no harassment by frequency: 《互联网金融逾期债务催收自律公约（试行）》; 12 CFR 1006.14(a))';

export function checkChannelDailyCap(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const cap = policy.channelDailyCaps[proposal.channel];
  if (cap === undefined || cap === null) return null;
  const sent = recipientHistory(context, recipientKey(proposal.recipient.relationship, proposal.recipient.contactPointId)).byChannel.get(proposal.channel) ?? [];
  if (sent.length < cap) return null;
  const zones = validZones(zonesFor(context, policy));
  const t = proposal.at.getTime();
  let worst = 0;
  let worstZone = zones[0];
  for (const z of zones) {
    const n = countInRange(sent, startOfLocalDay(z, t), startOfNextLocalDay(z, t));
    if (n > worst) {
      worst = n;
      worstZone = z;
    }
  }
  if (worst < cap) return null;
  const end = horizonEnd(proposal, policy);
  const allowedFrom =
    cap <= 0
      ? null
      : nextInAllZones(zones, t, end, (zone, at) => {
          let x = at;
          while (x <= end) {
            const next = startOfNextLocalDay(zone, x);
            if (countInRange(sent, startOfLocalDay(zone, x), next) < cap) return x;
            x = next;
          }
          return null;
        });
  const from = fromText(allowedFrom, worstZone);
  return denial('channel-daily-cap', {
    zh: `当地今日已通过${CHANNEL_ZH[proposal.channel]}联系 ${worst} 次，已达每日上限 ${cap} 次${from.zh}`,
    en: `${worst} ${proposal.channel} contacts already today (local day); the daily limit for ${proposal.channel} is ${cap}${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
