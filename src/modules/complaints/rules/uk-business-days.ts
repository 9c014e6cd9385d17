/**
 * Business days for the FCA complaint clock (DISP 1.5 summary resolution).
 *
 * FCA Handbook Glossary, "business day": a day which is not a Saturday or Sunday, Christmas Day, Good
 * Friday or a bank holiday in the part of the United Kingdom where the thing is done. LoanDesk ships the
 * England & Wales calendar (GOV.UK bank holidays, 2025–2027) as data in
 * `../data/uk-bank-holidays-england-and-wales.json`. Scotland and Northern Ireland have other holidays
 * (2 January, St Andrew's Day, St Patrick's Day, 12 July…): pass them as `extraNonBusinessDays`.
 *
 * Years outside the data have weekends only; `ukBankHolidayDataCovers(year)` lets the clock warn.
 */
import { createRequire } from 'node:module';
import { fromEpochDay, isValidCalendarDate, toEpochDay, type CalendarDate } from '../../../platform/time/calendar-date.ts';

type BankHolidayFile = { division: string; source: string; covers: number[]; events: Array<{ date: string; title: string }> };

const data = createRequire(import.meta.url)('../data/uk-bank-holidays-england-and-wales.json') as BankHolidayFile;

const holidays = new Map<number, string>(data.events.map((e) => [toEpochDay(e.date), e.title]));
const covered = new Set(data.covers);

export const UK_BANK_HOLIDAY_SOURCE = data.source;

export type UkCalendarOptions = {
  /** Further days that are not business days, 'YYYY-MM-DD' (another UK nation's holidays, a proclamation). */
  extraNonBusinessDays?: readonly CalendarDate[];
};

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The England & Wales bank holiday on the date ('Good Friday'), or null. */
export function ukBankHolidayName(date: CalendarDate): string | null {
  if (!isValidCalendarDate(date)) throw new RangeError(`Invalid date: ${date}`);
  return holidays.get(toEpochDay(date)) ?? null;
}

/** Whether the shipped England & Wales data covers the year (other years: weekends only). */
export function ukBankHolidayDataCovers(year: number): boolean {
  return covered.has(year);
}

export function isUkBusinessEpochDay(day: number, options: UkCalendarOptions = {}): boolean {
  const weekday = weekdayOfEpochDay(day);
  if (weekday === 0 || weekday === 6) return false;
  if (holidays.has(day)) return false;
  if (options.extraNonBusinessDays?.some((d) => toEpochDay(d) === day)) return false;
  return true;
}

/** Whether a date is a business day in England & Wales (not a weekend, not a bank holiday). */
export function isUkBusinessDay(date: CalendarDate, options: UkCalendarOptions = {}): boolean {
  if (!isValidCalendarDate(date)) throw new RangeError(`Invalid date: ${date}`);
  return isUkBusinessEpochDay(toEpochDay(date), options);
}

/**
 * The n-th business day FOLLOWING the date (the date itself never counts, whatever it is):
 * DISP 1.5.1R's "third business day following the day on which it is received".
 */
export function nthUkBusinessDayAfter(date: CalendarDate, n: number, options: UkCalendarOptions = {}): CalendarDate {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  let day = toEpochDay(date);
  for (let found = 0; found < n; ) {
    day += 1;
    if (isUkBusinessEpochDay(day, options)) found += 1;
  }
  return fromEpochDay(day);
}
