import { describe, expect, it } from 'vitest';
import { monthEnd, monthEndSnapshots, monthPairs, monthsOf, resolvePeriod } from './period.ts';

describe('resolvePeriod', () => {
  it.each([
    [{}, '2026-11-26', { from: '2026-06-01', to: '2026-11-26', granularity: 'month' }],
    [{ to: '2026-03-31' }, '2026-11-26', { from: '2025-10-01', to: '2026-03-31', granularity: 'month' }],
    [{ from: '2026-11-01' }, '2026-11-26', { from: '2026-11-01', to: '2026-11-26', granularity: 'day' }],
    [{ from: '2026-09-26', to: '2026-11-26' }, 'x', { granularity: 'day' }], // 62 days
    [{ from: '2026-09-25', to: '2026-11-26' }, 'x', { granularity: 'month' }], // 63 days
    [{ from: '2026-11-26', to: '2026-11-26', granularity: 'month' as const }, 'x', { granularity: 'month' }],
  ])('%j on %s', (input, today, expected) => expect(resolvePeriod(input, today)).toMatchObject(expected));
  it.each([
    [{ from: '2026-11-27', to: '2026-11-26' }, /after/],
    [{ from: '2020-01-01', to: '2026-11-26' }, /at most/],
  ])('refuses %j', (input, message) => expect(() => resolvePeriod(input, '2026-11-26')).toThrow(message));
});

describe('months', () => {
  it('lists the months a period touches, across a year end', () => {
    expect(monthsOf({ from: '2025-11-30', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2026-11-03', to: '2026-11-26' })).toEqual(['2026-11']);
  });
  it.each([['2026-02', '2026-02-28'], ['2028-02', '2028-02-29'], ['2026-12', '2026-12-31']])('end of %s is %s', (m, d) => expect(monthEnd(m)).toBe(d));
  it('takes the last run day of each month and pairs adjacent months only', () => {
    const days = monthEndSnapshots(['2026-10-30', '2026-09-30', '2026-10-31', '2026-09-15', '2026-12-31', '2026-11-02']);
    expect(days).toEqual(['2026-09-30', '2026-10-31', '2026-11-02', '2026-12-31']);
    expect(monthPairs(days)).toEqual([['2026-09-30', '2026-10-31'], ['2026-10-31', '2026-11-02'], ['2026-11-02', '2026-12-31']]);
    expect(monthPairs(['2026-09-30', '2026-11-30'])).toEqual([]); // October missing: no pair across the gap
  });
});
