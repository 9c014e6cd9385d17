import { describe, expect, it } from 'vitest';
import { isUkBusinessDay, nthUkBusinessDayAfter, ukBankHolidayDataCovers, ukBankHolidayName } from './uk-business-days.ts';

/** Easter Sunday (anonymous Gregorian algorithm), to cross-check the shipped Good Friday / Easter Monday. */
function easter(year: number): string {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
const shift = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('England & Wales business days', () => {
  it.each([2025, 2026, 2027])('%i: Good Friday and Easter Monday match the Easter computus; 8 holidays, all on weekdays', (year) => {
    const sunday = easter(year);
    expect(ukBankHolidayName(shift(sunday, -2))).toBe('Good Friday');
    expect(ukBankHolidayName(shift(sunday, 1))).toBe('Easter Monday');
    expect(ukBankHolidayDataCovers(year)).toBe(true);
    let count = 0;
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = shift(d, 1)) {
      if (ukBankHolidayName(d)) {
        count += 1;
        const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
        expect(weekday === 0 || weekday === 6).toBe(false);
      }
    }
    expect(count).toBe(8);
  });

  it.each([
    ['2026-04-02', true, 'Thursday before Easter'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-04', false, 'Saturday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-07', true, 'Tuesday after Easter'],
    ['2026-12-28', false, 'Boxing Day substitute'],
    ['2027-12-27', false, 'Christmas substitute'],
    ['2028-05-01', true, 'not covered: weekends only'],
  ])('%s → business day %s (%s)', (date, expected) => {
    expect(isUkBusinessDay(date as string)).toBe(expected);
  });

  it.each([
    ['2026-04-02', 3, '2026-04-09', 'Thursday before Easter → Tuesday, Wednesday, Thursday'],
    ['2026-04-01', 3, '2026-04-08', 'Wednesday before Easter'],
    ['2026-03-27', 3, '2026-04-01', 'an ordinary Friday'],
    ['2026-04-04', 1, '2026-04-07', 'received on Easter Saturday'],
    ['2026-12-24', 3, '2026-12-31', 'Christmas Eve'],
  ])('the %s + %i business days = %s (%s)', (date, n, expected) => {
    expect(nthUkBusinessDayAfter(date as string, n as number)).toBe(expected);
  });

  it('extra non-business days (another UK nation) are honoured', () => {
    expect(nthUkBusinessDayAfter('2026-11-27', 1, { extraNonBusinessDays: ['2026-11-30'] })).toBe('2026-12-01'); // St Andrew's Day
    expect(() => nthUkBusinessDayAfter('2026-11-27', 0)).toThrow(RangeError);
    expect(() => isUkBusinessDay('2026-02-30')).toThrow(RangeError);
  });
});
