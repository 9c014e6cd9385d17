/**
 * No collection contact on a mainland China public holiday when policy.collectionsOnPublicHolidays is
 * false. Calendar: the State Council General Office's annual holiday notice (《国务院办公厅关于部分节假日
 * 安排的通知》, via chinese-days) plus policy.extraPublicHolidays; a 调休 working weekend (2026-10-10)
 * is a working day and an ordinary weekend is not a holiday. Checked on the debtor's local date in every
 * zone they may be in. This is LoanDesk/bank policy, not a statutory ban, so it is overridable. Letters
 * are exempt (posting date only).
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { isMainlandPublicHolidayEpochDay, isPublicHolidayEpochDay, mainlandHolidayName } from '../holidays.ts';
import { localDate, localEpochDay, startOfLocalDate } from '../local-time.ts';
import { denial, fromText, horizonEnd, nextInAllZones, validZones, zonesFor } from '../rule-support.ts';

const SOURCE =
  'LoanDesk policy collectionsOnPublicHolidays=false; mainland calendar per 《国务院办公厅关于部分节假日安排的通知》 (调休 working weekends are working days)';

export function checkPublicHoliday(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  if (policy.collectionsOnPublicHolidays || proposal.purpose !== 'collections' || proposal.channel === 'letter') return null;
  const zones = validZones(zonesFor(context, policy));
  const t = proposal.at.getTime();
  const extra = policy.extraPublicHolidays;
  let first: string | null = null;
  for (const z of zones) {
    const day = localEpochDay(z, t);
    if (isMainlandPublicHolidayEpochDay(day) || (extra?.length && isPublicHolidayEpochDay(day, { extraHolidays: extra }))) {
      first = z;
      break;
    }
  }
  if (first === null) return null;
  const options = { extraHolidays: extra };
  const end = horizonEnd(proposal, policy);
  const allowedFrom = nextInAllZones(zones, t, end, (zone, at) => {
    const day = localEpochDay(zone, at);
    if (!isPublicHolidayEpochDay(day, options)) return at;
    let d = day + 1;
    for (; d < day + 400 && isPublicHolidayEpochDay(d, options); d++);
    const next = startOfLocalDate(zone, d, at);
    return next > end ? null : next;
  });
  const date = localDate(t, first);
  const name = mainlandHolidayName(date);
  const from = fromText(allowedFrom, first);
  return denial('public-holiday', {
    zh: `债务人当地日期 ${date}${name ? `（${name.zh}）` : ''}为法定节假日，政策规定节假日不进行催收${from.zh}`,
    en: `${date}${name ? ` (${name.en})` : ''} is a public holiday at the debtor's location and the policy makes no collection contact on public holidays${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
