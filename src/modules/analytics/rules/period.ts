/** The analytics period: defaults and the month ends inside it (pure; `today` is an input). */
import { addMonthsClamped, compareDates, daysBetween, daysInMonth, type CalendarDate } from '../../../platform/time/calendar-date.ts';

export type Period = { from: CalendarDate; to: CalendarDate; granularity: 'day' | 'month' };

/** Longest period one request may ask for: five years of month ends is plenty for a regulator's report. */
export const MAX_PERIOD_DAYS = 366 * 5;

/**
 * Defaults: `to` = today; `from` = the first day of the month five months earlier (six calendar
 * months, enough for five month-over-month roll-rate matrices); granularity day up to 62 days.
 */
export function resolvePeriod(input: { from?: CalendarDate; to?: CalendarDate; granularity?: 'day' | 'month' }, today: CalendarDate): Period {
  const to = input.to ?? today;
  const from = input.from ?? `${addMonthsClamped(to, -5).slice(0, 7)}-01`;
  if (compareDates(from, to) > 0) throw new RangeError(`from (${from}) is after to (${to})`);
  const days = daysBetween(from, to) + 1;
  if (days > MAX_PERIOD_DAYS) throw new RangeError(`the period is ${days} days; at most ${MAX_PERIOD_DAYS}`);
  return { from, to, granularity: input.granularity ?? (days <= 62 ? 'day' : 'month') };
}

/** 'YYYY-MM' of every month the period touches, in order. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  const end = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m++;
    if (m > 12) { m = 1; y++; }
  }
}

/** The last calendar day of a 'YYYY-MM' month. */
export const monthEnd = (month: string): CalendarDate => `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/**
 * The snapshot day standing for each month: the latest run day in the month (runs need not happen on
 * the calendar month end). Months without a run are left out, so a roll-rate pair always joins two
 * real snapshots. `runDays` sorted or not.
 */
export function monthEndSnapshots(runDays: readonly CalendarDate[]): CalendarDate[] {
  const last = new Map<string, CalendarDate>();
  for (const d of runDays) {
    const key = d.slice(0, 7);
    const cur = last.get(key);
    if (!cur || compareDates(d, cur) > 0) last.set(key, d);
  }
  return [...last.values()].sort(compareDates);
}

/** Consecutive pairs of month snapshot days, only between adjacent calendar months. */
export function monthPairs(monthDays: readonly CalendarDate[]): Array<[CalendarDate, CalendarDate]> {
  const pairs: Array<[CalendarDate, CalendarDate]> = [];
  for (let i = 1; i < monthDays.length; i++) {
    const a = monthDays[i - 1]!;
    const b = monthDays[i]!;
    if (addMonthsClamped(`${a.slice(0, 7)}-01`, 1).slice(0, 7) === b.slice(0, 7)) pairs.push([a, b]);
  }
  return pairs;
}
