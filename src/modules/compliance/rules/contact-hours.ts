/**
 * Contact hours in the debtor's LOCAL time.
 * - China: no collection contact 22:00–08:00 local unless the debtor agreed a time window
 *   (《互联网金融 个人网络消费信贷 贷后催收风控指引》, national standard, 2025); a bank may configure a
 *   stricter window (policy.collectionHours, e.g. 08:00–21:00).
 * - US: 12 CFR 1006.6(b)(1)(i) (Regulation F) — before 8:00 a.m. and after 9:00 p.m. local time at the
 *   consumer's location is inconvenient; when the location is uncertain (address and phone area code
 *   in different zones) the contact must be inside the window in EVERY zone the consumer may be in.
 * - Other purposes (servicing, visits, marketing) use policy.generalHours.
 * A window the debtor agreed (customer.agreedContactWindow) is allowed in addition to the policy
 * window (consumer consent, 1006.6(b)(1)(i); China "unless the debtor agreed"). Letters are exempt:
 * their instant is the posting, not the moment the debtor is reached.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { formatLocalTime, inDailyWindow, localSecondOfDay, nextInstantInDailyWindow, parseClockTime } from '../local-time.ts';
import { denial, fromText, horizonEnd, nextInAllZones, validZones, zonesFor } from '../rule-support.ts';

const CN_STANDARD = '《互联网金融 个人网络消费信贷 贷后催收风控指引》(2025): no collection contact 22:00–08:00 local time unless the debtor agreed a time window';
const REG_F = '12 CFR 1006.6(b)(1)(i) (Regulation F): only 8:00 a.m.–9:00 p.m. local time at the consumer\'s location, in every zone the consumer may be in';

function sourceFor(policy: CompliancePolicy, collection: boolean, start: string, end: string): string {
  if (!collection) return `LoanDesk policy generalHours ${start}–${end} (debtor's local time)`;
  if (policy.profile === 'us-reg-f') {
    return start === '08:00' && end === '21:00' ? REG_F : `${REG_F}; policy window ${start}–${end}`;
  }
  return start === '08:00' && end === '22:00' ? CN_STANDARD : `${CN_STANDARD}; stricter policy window ${start}–${end}`;
}

type HoursWindow = { start: number; end: number; agreed: boolean; aStart: number; aEnd: number };

function inside(zone: string, at: number, w: HoursWindow): boolean {
  const sec = localSecondOfDay(zone, at);
  return inDailyWindow(sec, w.start, w.end) || (w.agreed && inDailyWindow(sec, w.aStart, w.aEnd));
}

function nextInside(zone: string, at: number, w: HoursWindow): number {
  const a = nextInstantInDailyWindow(zone, at, w.start, w.end);
  return w.agreed ? Math.min(a, nextInstantInDailyWindow(zone, at, w.aStart, w.aEnd)) : a;
}

export function checkContactHours(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  if (proposal.channel === 'letter') return null;
  const collection = proposal.purpose === 'collections';
  const hours = collection ? policy.collectionHours : policy.generalHours;
  const start = parseClockTime(hours.start);
  const end = parseClockTime(hours.end);
  const agreed = context.customer.agreedContactWindow;
  const aStart = agreed ? parseClockTime(agreed.start) : 0;
  const aEnd = agreed ? parseClockTime(agreed.end) : 0;
  const zones = zonesFor(context, policy);
  const known = validZones(zones);
  if (known.length !== zones.length) {
    const source = sourceFor(policy, collection, hours.start, hours.end);
    const unknown = zones.filter((z) => !known.includes(z)).join(', ');
    return denial('contact-hours', {
      zh: `无法识别债务人所在时区（${unknown}），无法确定当地时间，请先更正客户所在地`,
      en: `Unknown time zone (${unknown}): the debtor's local time cannot be determined; correct the customer's location first`,
      source,
      allowedFrom: null,
    });
  }
  const t = proposal.at.getTime();
  const window: HoursWindow = { start, end, agreed: agreed !== null, aStart, aEnd };
  let failing: string[] | null = null;
  for (const zone of zones) {
    if (!inside(zone, t, window)) (failing ??= []).push(zone);
  }
  if (failing === null) return null;

  const allowedFrom = nextInAllZones(zones, t, horizonEnd(proposal, policy), (zone, at) => nextInside(zone, at, window));
  let where = '';
  let whereZh = '';
  for (const z of failing) {
    const time = formatLocalTime(t, z);
    where += `${where ? ', ' : ''}${time} (${z})`;
    whereZh += `${whereZh ? '、' : ''}${time}（${z}）`;
  }
  const kindZh = collection ? '催收' : '联系';
  const kindEn = collection ? 'collection' : 'contact';
  const agreedZh = agreed ? `，亦不在债务人约定的时段 ${agreed.start}–${agreed.end} 内` : '';
  const agreedEn = agreed ? `, nor in the window the debtor agreed (${agreed.start}–${agreed.end})` : '';
  const multiZh = zones.length > 1 ? `（债务人可能位于 ${zones.join('、')}，须在每个时区均处于允许时段）` : '';
  const multiEn = zones.length > 1 ? ` (the debtor may be in ${zones.join(', ')}; every zone must be inside the window)` : '';
  const from = fromText(allowedFrom, zones[0]);
  const source = sourceFor(policy, collection, hours.start, hours.end);
  return denial('contact-hours', {
    zh: `当地时间 ${whereZh}不在允许的${kindZh}时段 ${hours.start}–${hours.end} 内${agreedZh}${multiZh}${from.zh}`,
    en: `${where} local time is outside the ${kindEn} hours ${hours.start}–${hours.end}${agreedEn}${multiEn}${from.en}`,
    source,
    allowedFrom,
  });
}
