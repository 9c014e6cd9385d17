import { describe, expect, it } from 'vitest';
import { isMainlandPublicHoliday, isMainlandWorkingWeekend, mainlandHolidayDataCovers, mainlandHolidayName } from './holidays.ts';

describe('mainland public holidays (chinese-days)', () => {
  it.each([
    ['2026-10-01', true, 'National Day'],
    ['2026-10-07', true, 'last day of the break'],
    ['2026-10-08', false, 'working Thursday after it'],
    ['2026-10-10', false, '调休 working Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-09-20', false, '调休 working Sunday'],
    ['2026-02-17', true, 'Spring Festival'],
    ['2026-02-14', false, '调休 working Saturday before Spring Festival'],
    ['2026-05-01', true, 'Labour Day'],
    ['2026-06-01', false, 'ordinary Monday'],
    ['2025-10-08', true, 'National Day 2025 (8 days)'],
  ])('%s → %s (%s)', (date, holiday) => {
    expect(isMainlandPublicHoliday(date)).toBe(holiday);
  });

  it('working weekends', () => {
    expect(isMainlandWorkingWeekend('2026-10-10')).toBe(true);
    expect(isMainlandWorkingWeekend('2026-10-11')).toBe(false);
    expect(isMainlandWorkingWeekend('2026-10-08')).toBe(false);
  });

  it('configurable extras', () => {
    expect(isMainlandPublicHoliday('2026-06-01', { extraHolidays: ['2026-06-01'] })).toBe(true);
    expect(isMainlandPublicHoliday('2026-10-01', { extraWorkingDays: ['2026-10-01'] })).toBe(false);
  });

  it('names', () => {
    expect(mainlandHolidayName('2026-10-01')).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(mainlandHolidayName('2026-10-10')).toBeNull();
  });

  it('coverage is visible (years the package does not know have no holidays)', () => {
    expect(mainlandHolidayDataCovers(2026)).toBe(true);
    expect(mainlandHolidayDataCovers(2099)).toBe(false);
    expect(isMainlandPublicHoliday('2099-10-01')).toBe(false);
  });

  it('does not depend on the server time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(isMainlandPublicHoliday('2026-10-07')).toBe(true);
      expect(isMainlandWorkingWeekend('2026-10-10')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('rejects invalid dates', () => {
    expect(() => isMainlandPublicHoliday('2026-13-01')).toThrow(RangeError);
  });
});
