/**
 * Times the consumer said are inconvenient (12 CFR 1006.6(b)(1)(i), Regulation F: a debt collector
 * must not communicate at a time it knows or should know is inconvenient). Applied to every profile and
 * purpose: a stated preference does not depend on why we call. Local time, every zone the debtor may
 * be in; intervals may wrap midnight. Letters are exempt.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { formatLocalTime, inDailyWindow, localSecondOfDay, nextInstantOutsideDailyWindow, parseClockTime } from '../local-time.ts';
import { denial, fromText, horizonEnd, nextInAllZones, validZones, zonesFor } from '../rule-support.ts';

const SOURCE = '12 CFR 1006.6(b)(1)(i) (Regulation F): times the consumer stated are inconvenient';

export function checkInconvenientTime(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const stated = context.customer.inconvenientTimes;
  if (!stated.length || proposal.channel === 'letter') return null;
  const intervals: Array<[number, number, string]> = [];
  for (const i of stated) {
    const s = parseClockTime(i.start);
    const e = parseClockTime(i.end);
    if (s !== e) intervals.push([s, e, `${i.start}–${i.end}`]);
  }
  if (!intervals.length) return null;
  const zones = validZones(zonesFor(context, policy));
  const t = proposal.at.getTime();
  const hits: string[] = [];
  for (const z of zones) {
    const sec = localSecondOfDay(z, t);
    for (const [s, e, label] of intervals) if (inDailyWindow(sec, s, e)) hits.push(`${formatLocalTime(t, z)} (${z}) ∈ ${label}`);
  }
  if (!hits.length) return null;
  const allowedFrom = nextInAllZones(zones, t, horizonEnd(proposal, policy), (zone, at) => {
    let x = at;
    for (let round = 0; round < 50; round++) {
      let moved = false;
      for (const [s, e] of intervals) {
        const n = nextInstantOutsideDailyWindow(zone, x, s, e);
        if (n > x) {
          x = n;
          moved = true;
        }
      }
      if (!moved) return x;
    }
    return null;
  });
  const from = fromText(allowedFrom, zones[0]);
  return denial('inconvenient-time', {
    zh: `客户表示以下时间不方便联系：${hits.join('；')}${from.zh}`,
    en: `The consumer said this time is inconvenient: ${hits.join('; ')}${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
