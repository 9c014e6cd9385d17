/**
 * Customer quiet hours: the debtor set a daily interval (local time, may wrap midnight, e.g.
 * 12:00–14:00 or 21:00–09:00) in which they do not want to be contacted, for every purpose.
 * Source: the customer's contact preference (LoanDesk portal, 联系偏好), honoured as a stated
 * preference under PIPL art. 44 (the individual's right to decide on processing) and, in the US, as a
 * time the consumer said is inconvenient (12 CFR 1006.6(b)(1)(i)). Must hold in every zone the debtor
 * may be in. Letters are exempt. start === end means no quiet hours.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { formatLocalTime, inDailyWindow, localSecondOfDay, nextInstantOutsideDailyWindow, parseClockTime } from '../local-time.ts';
import { denial, fromText, horizonEnd, nextInAllZones, validZones, zonesFor } from '../rule-support.ts';

const SOURCE = "Customer contact preference: quiet hours set by the debtor (PIPL art. 44; 12 CFR 1006.6(b)(1)(i) for US consumers)";

export function checkQuietHours(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const quiet = context.customer.quietHours;
  if (!quiet || proposal.channel === 'letter') return null;
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === end) return null;
  const zones = validZones(zonesFor(context, policy));
  const t = proposal.at.getTime();
  const failing = zones.filter((z) => inDailyWindow(localSecondOfDay(z, t), start, end));
  if (!failing.length) return null;
  const allowedFrom = nextInAllZones(zones, t, horizonEnd(proposal, policy), (zone, at) =>
    nextInstantOutsideDailyWindow(zone, at, start, end),
  );
  const from = fromText(allowedFrom, failing[0]);
  const where = failing.map((z) => `${formatLocalTime(t, z)} (${z})`).join(', ');
  return denial('quiet-hours', {
    zh: `当地时间 ${where} 处于客户设置的免打扰时段 ${quiet.start}–${quiet.end} 内${from.zh}`,
    en: `${where} local time is inside the customer's quiet hours ${quiet.start}–${quiet.end}${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
