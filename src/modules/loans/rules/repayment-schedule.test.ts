import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  annuityPaymentFen,
  buildEqualInstalmentSchedule,
  monthlyInterestFen,
  type RepaymentMethod,
  type ScheduleInput,
} from './repayment-schedule.ts';

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

describe('monthlyInterestFen', () => {
  it.each([
    [120000, 1200, 1200], // 1 % of 1 200.00 yuan
    [110538, 1200, 1105], // 1 105.38 → 1 105
    [100000000, 490, 408333], // 408 333.33…
    [100000000, 435, 362500], // exactly 362 500
    [24000, 5, 1], // 24000 × 5 / 120000 = 1.0
    [12000, 5, 1], // 0.5 → rounds half up
    [11999, 5, 0], // 0.49996 → 0
    [36000, 5, 2], // 1.5 → 2
    [0, 435, 0],
    [100000000, 0, 0],
    [Number.MAX_SAFE_INTEGER, 10000, 750599937895083], // no precision loss: BigInt arithmetic
  ])('interest(%i fen @ %i bps) = %i', (balance, bps, expected) => {
    expect(monthlyInterestFen(balance, bps)).toBe(expected);
  });
});

describe('annuityPaymentFen', () => {
  it.each([
    [100000000, 490, 360, 530727], // ¥1,000,000 / 30 y / 4.9 % → the widely quoted ¥5,307.27
    [120000, 1200, 12, 10662], // 10 661.85… → 10 662
    [1000000, 435, 12, 85310], // 85 309.90… → 85 310
    [10000000, 435, 36, 296799], // 296 799.34… → 296 799
    [1200, 0, 12, 100],
    [1000, 0, 3, 334],
  ])('payment(%i, %i bps, %i months) = %i', (p, bps, n, expected) => {
    expect(annuityPaymentFen(p, bps, n)).toBe(expected);
  });
});

describe('buildEqualInstalmentSchedule — annuity', () => {
  it('matches a hand-computed 12 % / 12-month table (payment 106.62, last instalment absorbs rounding)', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 120000,
      annualRateBps: 1200,
      termMonths: 12,
      firstDueDate: '2024-01-15',
      method: 'annuity',
    });
    // Month 1: interest 1 % × 1 200.00 = 12.00, principal 106.62 − 12.00 = 94.62;
    // month 2: interest 1 % × 1 105.38 = 11.0538 → 11.05, principal 95.57; …
    expect(rows.map((r) => [r.principalFen, r.interestFen])).toEqual([
      [9462, 1200], [9557, 1105], [9652, 1010], [9749, 913], [9846, 816], [9945, 717],
      [10044, 618], [10145, 517], [10246, 416], [10348, 314], [10452, 210], [10554, 106],
    ]);
    expect(rows.slice(0, 11).every((r) => r.principalFen + r.interestFen === 10662)).toBe(true);
    expect(rows[11]!.principalFen + rows[11]!.interestFen).toBe(10660);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows.map((r) => r.dueDate)).toEqual([
      '2024-01-15', '2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15', '2024-06-15',
      '2024-07-15', '2024-08-15', '2024-09-15', '2024-10-15', '2024-11-15', '2024-12-15',
    ]);
    expect(rows.every((r) => r.feeFen === 0)).toBe(true);
  });

  it('¥1,000,000 over 30 years at 4.9 %: 5 307.27 a month and principal sums exactly', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 100000000,
      annualRateBps: 490,
      termMonths: 360,
      firstDueDate: '2024-01-31',
      method: 'annuity',
    });
    expect(rows).toHaveLength(360);
    expect(rows[0]).toEqual({ sequence: 1, dueDate: '2024-01-31', principalFen: 122394, interestFen: 408333, feeFen: 0 });
    expect(rows.slice(0, 359).every((r) => r.principalFen + r.interestFen === 530727)).toBe(true);
    // The exact payment is 530 726.72 fen; rounding up 0.28 fen a month for 359 months (plus the
    // interest saved on it) leaves the last instalment ¥2.08 smaller.
    expect(rows[359]).toEqual({ sequence: 360, dueDate: '2053-12-31', principalFen: 528362, interestFen: 2157, feeFen: 0 });
    expect(sum(rows.map((r) => r.principalFen))).toBe(100000000);
    // Published total interest for this loan is ¥910,616.19; per-period fen rounding stays within ¥2.
    expect(Math.abs(sum(rows.map((r) => r.interestFen)) - 91061619)).toBeLessThan(200);
    expect(rows[359]!.dueDate).toBe('2053-12-31');
  });

  it('an interest-free annuity is split evenly, larger fen first', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 1000,
      annualRateBps: 0,
      termMonths: 3,
      firstDueDate: '2024-01-10',
      method: 'annuity',
    });
    expect(rows.map((r) => [r.principalFen, r.interestFen])).toEqual([[334, 0], [333, 0], [333, 0]]);
  });

  it('a single-month term repays everything at once', () => {
    expect(
      buildEqualInstalmentSchedule({ principalFen: 100000, annualRateBps: 1200, termMonths: 1, firstDueDate: '2024-03-01', method: 'annuity' }),
    ).toEqual([{ sequence: 1, dueDate: '2024-03-01', principalFen: 100000, interestFen: 1000, feeFen: 0 }]);
  });
});

describe('buildEqualInstalmentSchedule — equal-principal', () => {
  it('¥1,000,000 / 30 y / 4.9 %: first month 2 777.78 + 4 083.33 = 6 861.11', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 100000000,
      annualRateBps: 490,
      termMonths: 360,
      firstDueDate: '2024-02-29',
      method: 'equal-principal',
    });
    expect(rows[0]).toEqual({ sequence: 1, dueDate: '2024-02-29', principalFen: 277778, interestFen: 408333, feeFen: 0 });
    // 100 000 000 = 360 × 277 777 + 280: the first 280 instalments carry the extra fen.
    expect(rows.filter((r) => r.principalFen === 277778)).toHaveLength(280);
    expect(rows.filter((r) => r.principalFen === 277777)).toHaveLength(80);
    expect(sum(rows.map((r) => r.principalFen))).toBe(100000000);
    // Interest declines every month.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.interestFen).toBeLessThanOrEqual(rows[i - 1]!.interestFen);
    expect(rows.slice(0, 4).map((r) => r.dueDate)).toEqual(['2024-02-29', '2024-03-29', '2024-04-29', '2024-05-29']);
    expect(rows[12]!.dueDate).toBe('2025-02-28');
  });

  it('matches a hand-computed 3-month table', () => {
    // 1 000.00 at 12 %: balances 1000, 666.66, 333.33 → interest 10.00, 6.6666→6.67, 3.3333→3.33.
    const rows = buildEqualInstalmentSchedule({
      principalFen: 100000,
      annualRateBps: 1200,
      termMonths: 3,
      firstDueDate: '2024-01-31',
      method: 'equal-principal',
    });
    expect(rows).toEqual([
      { sequence: 1, dueDate: '2024-01-31', principalFen: 33334, interestFen: 1000, feeFen: 0 },
      { sequence: 2, dueDate: '2024-02-29', principalFen: 33333, interestFen: 667, feeFen: 0 },
      { sequence: 3, dueDate: '2024-03-31', principalFen: 33333, interestFen: 333, feeFen: 0 },
    ]);
  });
});

describe('buildEqualInstalmentSchedule — interest-only-bullet', () => {
  it('charges interest on the full principal monthly and repays principal at the end', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 10000000,
      annualRateBps: 435,
      termMonths: 4,
      firstDueDate: '2023-11-30',
      method: 'interest-only-bullet',
    });
    // 100 000.00 × 4.35 % / 12 = 362.50
    expect(rows).toEqual([
      { sequence: 1, dueDate: '2023-11-30', principalFen: 0, interestFen: 36250, feeFen: 0 },
      { sequence: 2, dueDate: '2023-12-30', principalFen: 0, interestFen: 36250, feeFen: 0 },
      { sequence: 3, dueDate: '2024-01-30', principalFen: 0, interestFen: 36250, feeFen: 0 },
      { sequence: 4, dueDate: '2024-02-29', principalFen: 10000000, interestFen: 36250, feeFen: 0 },
    ]);
  });
});

describe('due dates', () => {
  it('anchor 31 clamps to month end and returns to 31 (Jan 31 → Feb 29 → Mar 31 …)', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 1200000,
      annualRateBps: 435,
      termMonths: 6,
      firstDueDate: '2024-01-31',
      method: 'equal-principal',
    });
    expect(rows.map((r) => r.dueDate)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30']);
  });

  it('a non-leap February clamps to the 28th', () => {
    const rows = buildEqualInstalmentSchedule({
      principalFen: 300000,
      annualRateBps: 435,
      termMonths: 3,
      firstDueDate: '2022-12-30',
      method: 'annuity',
    });
    expect(rows.map((r) => r.dueDate)).toEqual(['2022-12-30', '2023-01-30', '2023-02-28']);
  });
});

describe('validation', () => {
  const base: ScheduleInput = { principalFen: 100000, annualRateBps: 435, termMonths: 12, firstDueDate: '2024-01-15', method: 'annuity' };
  it.each<[string, Partial<ScheduleInput>]>([
    ['zero principal', { principalFen: 0 }],
    ['negative principal', { principalFen: -1 }],
    ['fractional principal', { principalFen: 100.5 }],
    ['negative rate', { annualRateBps: -1 }],
    ['fractional rate', { annualRateBps: 4.35 }],
    ['zero term', { termMonths: 0 }],
    ['fractional term', { termMonths: 1.5 }],
    ['huge term', { termMonths: 1201 }],
    ['invalid date', { firstDueDate: '2023-02-29' }],
    ['unknown method', { method: 'balloon' as RepaymentMethod }],
  ])('rejects %s', (_, override) => {
    expect(() => buildEqualInstalmentSchedule({ ...base, ...override })).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('principal sums exactly, amounts are non-negative integers, interest follows the balance, dates increase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 1, max: 360 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom<RepaymentMethod>('annuity', 'equal-principal', 'interest-only-bullet'),
        (principalFen, annualRateBps, termMonths, dayOffset, method) => {
          const firstDueDate = new Date(Date.UTC(2020, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const rows = buildEqualInstalmentSchedule({ principalFen, annualRateBps, termMonths, firstDueDate, method });
          expect(rows).toHaveLength(termMonths);
          expect(sum(rows.map((r) => r.principalFen))).toBe(principalFen);
          let balance = principalFen;
          rows.forEach((r, i) => {
            expect(r.sequence).toBe(i + 1);
            expect(Number.isSafeInteger(r.principalFen) && r.principalFen >= 0).toBe(true);
            expect(r.interestFen).toBe(monthlyInterestFen(balance, annualRateBps));
            if (i > 0) expect(r.dueDate > rows[i - 1]!.dueDate).toBe(true);
            balance -= r.principalFen;
          });
        },
      ),
    );
  });
});
