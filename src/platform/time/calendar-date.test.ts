import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  ageOn,
  addMonthsClamped,
  compareDates,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isLeapYear,
  isValidCalendarDate,
  toEpochDay,
  todayInZone,
} from './calendar-date.ts';

describe('isValidCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1970-01-01', true],
    ['2024-12-31', true],
    ['2024-01-31', true],
    ['2024-04-30', true],
    ['2024-02-30', false],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-01-32', false],
    ['2024-2-1', false],
    ['2024-02-1', false],
    ['24-02-01', false],
    ['2024/02/01', false],
    ['20240201', false],
    [' 2024-02-01', false],
    ['2024-02-01 ', false],
    ['2024-02-01T00:00:00Z', false],
    ['２０２４-02-01', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidCalendarDate(s)).toBe(expected);
  });

  it('accepts exactly the strings the ISO pattern accepts with a day of that month (any string near the format)', () => {
    const reference = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
    };
    const near = fc.array(fc.constantFrom(...'0123456789-', '0', '1', '2', '3', '9', ' ', '/', 'T', '٣', '２', 'a', '+', '.'), { minLength: 8, maxLength: 12 }).map((cs) => cs.join(''));
    const shaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(fc.oneof(near, shaped, fc.string()), (s) => isValidCalendarDate(s) === reference(s)), { numRuns: 20_000 });
  });

  it('rejects non-strings without throwing', () => {
    expect(isValidCalendarDate(undefined as unknown as string)).toBe(false);
    expect(isValidCalendarDate(20240201 as unknown as string)).toBe(false);
  });
});

describe('isLeapYear / daysInMonth', () => {
  it.each([
    [1900, false],
    [2000, true],
    [2023, false],
    [2024, true],
    [2100, false],
    [2400, true],
  ])('isLeapYear(%i) = %s', (y, expected) => {
    expect(isLeapYear(y)).toBe(expected);
  });

  it.each([
    [2024, 1, 31],
    [2024, 2, 29],
    [2023, 2, 28],
    [2024, 4, 30],
    [2024, 6, 30],
    [2024, 9, 30],
    [2024, 11, 30],
    [2024, 12, 31],
  ])('daysInMonth(%i, %i) = %i', (y, m, expected) => {
    expect(daysInMonth(y, m)).toBe(expected);
  });
});

describe('toEpochDay / fromEpochDay', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-01-01', 10957],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
    ['2024-03-01', 19783],
    ['1900-01-01', -25567],
    ['1900-03-01', -25508],
    ['2200-12-31', 84370],
  ])('%s ↔ %i', (date, day) => {
    expect(toEpochDay(date)).toBe(day);
    expect(fromEpochDay(day)).toBe(date);
  });

  it('agrees with Date.UTC for every day 1900–2200 and round-trips', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2200, 11, 31) / 86_400_000;
    for (let n = start; n <= end; n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      const date = fromEpochDay(n);
      if (date !== iso || toEpochDay(date) !== n) {
        throw new Error(`mismatch at ${n}: ${date} vs ${iso}`);
      }
    }
  });

  it.each(['2024-02-30', '2024-2-1', ''])('toEpochDay(%j) throws RangeError', (s) => {
    expect(() => toEpochDay(s)).toThrow(RangeError);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 10_000_000])('fromEpochDay(%s) throws RangeError', (n) => {
    expect(() => fromEpochDay(n)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-01-01', '2024-01-01', 0],
    ['2024-01-01', '2024-01-02', 1],
    ['2024-01-02', '2024-01-01', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2023-01-01', '2024-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['1999-12-31', '2000-01-01', 1],
    ['1900-01-01', '2200-01-01', 109573],
  ])('%s → %s = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-15', 0, '2024-01-15'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it('rejects non-integer day counts', () => {
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('addMonthsClamped', () => {
  it.each<[string, number, number | undefined, string]>([
    ['2024-01-15', 1, undefined, '2024-02-15'],
    ['2024-01-31', 1, undefined, '2024-02-29'],
    ['2023-01-31', 1, undefined, '2023-02-28'],
    ['2024-01-31', 2, undefined, '2024-03-31'],
    ['2024-01-31', 3, undefined, '2024-04-30'],
    ['2024-02-29', 1, undefined, '2024-03-29'],
    ['2024-02-29', 1, 31, '2024-03-31'],
    ['2024-02-29', 2, 31, '2024-04-30'],
    ['2024-02-29', 12, undefined, '2025-02-28'],
    ['2024-02-29', 48, undefined, '2028-02-29'],
    ['2024-11-30', 1, undefined, '2024-12-30'],
    ['2024-12-31', 1, undefined, '2025-01-31'],
    ['2024-12-15', 13, undefined, '2026-01-15'],
    ['2024-03-31', -1, undefined, '2024-02-29'],
    ['2024-01-31', -1, undefined, '2023-12-31'],
    ['2024-01-15', -13, undefined, '2022-12-15'],
    ['2024-01-15', 0, undefined, '2024-01-15'],
    ['2024-01-15', 0, 31, '2024-01-31'],
    ['2024-04-30', 0, 31, '2024-04-30'],
    ['2024-01-10', 1, 30, '2024-02-29'],
    ['2024-01-10', 1, 1, '2024-02-01'],
  ])('%s + %i months (anchor %s) = %s', (d, months, anchor, expected) => {
    expect(addMonthsClamped(d, months, anchor)).toBe(expected);
  });

  it('an anchor-31 schedule never drifts', () => {
    const due = Array.from({ length: 13 }, (_, i) => addMonthsClamped('2024-01-31', i, 31));
    expect(due).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30',
      '2024-07-31', '2024-08-31', '2024-09-30', '2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31',
    ]);
  });

  it.each([0, 32, 1.5])('rejects anchor day %s', (anchor) => {
    expect(() => addMonthsClamped('2024-01-01', 1, anchor)).toThrow(RangeError);
  });

  it('rejects invalid inputs', () => {
    expect(() => addMonthsClamped('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2024-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('todayInZone', () => {
  it.each([
    // 2024-01-31T16:00Z is midnight 2024-02-01 in Shanghai (UTC+8, no DST).
    ['2024-01-31T15:59:59.999Z', 'Asia/Shanghai', '2024-01-31'],
    ['2024-01-31T16:00:00.000Z', 'Asia/Shanghai', '2024-02-01'],
    ['2024-02-28T16:00:00.000Z', 'Asia/Shanghai', '2024-02-29'],
    ['2024-12-31T16:00:00.000Z', 'Asia/Shanghai', '2025-01-01'],
    ['2024-01-31T16:00:00.000Z', 'UTC', '2024-01-31'],
    ['2024-07-01T03:59:59.000Z', 'America/New_York', '2024-06-30'],
    ['2024-07-01T04:00:00.000Z', 'America/New_York', '2024-07-01'],
  ])('%s in %s = %s', (iso, zone, expected) => {
    expect(todayInZone(new Date(iso), zone)).toBe(expected);
  });

  it('rejects invalid dates and zones', () => {
    expect(() => todayInZone(new Date('nope'), 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => todayInZone(new Date(), 'Not/AZone')).toThrow(RangeError);
  });
});

describe('compareDates', () => {
  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-01-01', '2024-01-01', 0],
    ['2023-12-31', '2024-01-01', -1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it('sorts chronologically', () => {
    expect(['2024-03-01', '2023-12-31', '2024-02-29'].sort(compareDates)).toEqual([
      '2023-12-31', '2024-02-29', '2024-03-01',
    ]);
  });

  it('throws on invalid dates', () => {
    expect(() => compareDates('2024-02-30', '2024-01-01')).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it.each([
    ['1990-05-20', '2026-05-19', 35], // the day before the birthday
    ['1990-05-20', '2026-05-20', 36], // on the birthday
    ['1990-05-20', '2026-12-31', 36],
    ['2000-02-29', '2026-02-28', 25], // a leap-day birthday in a common year: still 25 on 28 February…
    ['2000-02-29', '2026-03-01', 26], // …26 from 1 March
    ['2000-02-29', '2028-02-29', 28],
    ['2026-11-26', '2026-11-26', 0],
  ])('born %s, on %s: %i', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });

  it('is null without a birth date, or before it', () => {
    expect(ageOn(null, '2026-11-26')).toBeNull();
    expect(ageOn('2026-11-27', '2026-11-26')).toBeNull();
  });
});

