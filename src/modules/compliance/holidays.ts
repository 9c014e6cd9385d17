/**
 * Mainland China public holidays, from `chinese-days` (the State Council General Office's annual
 * notice, 国务院办公厅关于部分节假日安排的通知, incl. 调休). A public holiday is a day off in the
 * official calendar (e.g. 2026-10-01…10-07). An ordinary weekend is NOT a public holiday, and a 调休
 * working weekend (2026-10-10, a Saturday) is a working day, so neither is reported here.
 *
 * The data is chinese-days' prebuilt calendar (dist/chinese-days.json: holidays, workdays, inLieuDays
 * keyed 'YYYY-MM-DD'). Its runtime functions are not used: they parse 'YYYY-MM-DD' as UTC midnight and
 * print in the process time zone, so on a server west of UTC (TZ=America/Los_Angeles) 2026-10-07 stops
 * being a holiday and 2026-10-10 stops being a working day. The JSON has no such dependency.
 *
 * Coverage: the package ships years up to the latest notice (2004–2026 in 1.5.x). Years it does not
 * know have no holidays here (the rule fails open: skipping holidays is LoanDesk policy, not a legal
 * ban); `mainlandHolidayDataCovers(year)` lets a health check warn, and `extraHolidays` / the policy's
 * `extraPublicHolidays` can fill the gap until the package is updated.
 */
import { createRequire } from 'node:module';
import { isValidCalendarDate, toEpochDay } from '../../platform/time/calendar-date.ts';

type CalendarData = {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
};

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as CalendarData;

const holidayDays = new Set<number>();
const workingDays = new Set<number>();
const coveredYears = new Set<number>();
for (const d of Object.keys(data.holidays)) {
  holidayDays.add(toEpochDay(d));
  coveredYears.add(Number(d.slice(0, 4)));
}
for (const d of Object.keys(data.workdays)) workingDays.add(toEpochDay(d));

/** Whether the mainland calendar has the local epoch day as a public holiday (no extras). */
export function isMainlandPublicHolidayEpochDay(day: number): boolean {
  return holidayDays.has(day);
}

export type HolidayOptions = {
  /** Extra days off, 'YYYY-MM-DD' (bank-specific, or next year's notice before the package has it). */
  extraHolidays?: readonly string[];
  /** Days that are working days although the calendar says holiday (rare corrections). */
  extraWorkingDays?: readonly string[];
};

const listSets = new WeakMap<readonly string[], Set<number>>();

/** A list of 'YYYY-MM-DD' dates as a cached set of epoch days (invalid dates throw). */
export function epochDaySet(list: readonly string[]): Set<number> {
  let set = listSets.get(list);
  if (!set) {
    set = new Set(list.map((d) => toEpochDay(d)));
    listSets.set(list, set);
  }
  return set;
}

/** Public holiday check on a local epoch day, with configurable extras. */
export function isPublicHolidayEpochDay(day: number, options: HolidayOptions = {}): boolean {
  if (options.extraWorkingDays?.length && epochDaySet(options.extraWorkingDays).has(day)) return false;
  if (options.extraHolidays?.length && epochDaySet(options.extraHolidays).has(day)) return true;
  return isMainlandPublicHolidayEpochDay(day);
}

/**
 * Whether a local date 'YYYY-MM-DD' is a mainland public holiday (days off of the official calendar,
 * plus `extraHolidays`). Weekends are not holidays; 调休 working weekends are working days.
 */
export function isMainlandPublicHoliday(localDate: string, options: HolidayOptions = {}): boolean {
  if (!isValidCalendarDate(localDate)) throw new RangeError(`Invalid local date: ${localDate}`);
  return isPublicHolidayEpochDay(toEpochDay(localDate), options);
}

/** Whether the local date is a 调休 working weekend (a Saturday or Sunday that is a working day). */
export function isMainlandWorkingWeekend(localDate: string): boolean {
  if (!isValidCalendarDate(localDate)) throw new RangeError(`Invalid local date: ${localDate}`);
  const day = toEpochDay(localDate);
  const weekday = (((day + 4) % 7) + 7) % 7;
  return (weekday === 0 || weekday === 6) && workingDays.has(day);
}

/** The holiday's name in Chinese and English ('国庆节' / 'National Day'), or null. */
export function mainlandHolidayName(localDate: string): { zh: string; en: string } | null {
  if (!isMainlandPublicHoliday(localDate)) return null;
  const raw = data.holidays[localDate];
  if (!raw) return null;
  const [en, zh] = raw.split(',');
  return { zh: zh ?? en, en };
}

/** Whether chinese-days has the official calendar for the year (false → no holidays are known). */
export function mainlandHolidayDataCovers(year: number): boolean {
  return coveredYears.has(year);
}
