import { describe, it, expect } from 'vitest';
import { daysPastDue, type DpdInstalment } from './days-past-due.ts';

const due = (dueDate: string, amountDueFen: number, paidOn: Array<[string, number]> = []): DpdInstalment => ({
  dueDate,
  amountDueFen,
  paidOn: paidOn.map(([date, amountFen]) => ({ date, amountFen })),
});

// Anchor-31 monthly schedule: Jan 31, Feb 29 (leap), Mar 31, Apr 30.
const MONTH_END = [due('2024-01-31', 1000), due('2024-02-29', 1000), due('2024-03-31', 1000), due('2024-04-30', 1000)];

type Case = [string, DpdInstalment[], string, number | undefined, { dpd: number; oldest: string | null; overdueFen: number; count: number }];

const cases: Case[] = [
  ['no instalments', [], '2024-05-01', undefined, { dpd: 0, oldest: null, overdueFen: 0, count: 0 }],
  ['asOf before the first due date', MONTH_END, '2024-01-15', undefined, { dpd: 0, oldest: null, overdueFen: 0, count: 0 }],
  ['asOf on the due date is not late', MONTH_END, '2024-01-31', undefined, { dpd: 0, oldest: null, overdueFen: 0, count: 0 }],
  ['one day after the due date', MONTH_END, '2024-02-01', undefined, { dpd: 1, oldest: '2024-01-31', overdueFen: 1000, count: 1 }],
  // Jan 31 → Feb 29 is 29 days in a leap year; Feb 29 itself is due and not yet late.
  ['on 29 February, Jan 31 unpaid', MONTH_END, '2024-02-29', undefined, { dpd: 29, oldest: '2024-01-31', overdueFen: 1000, count: 1 }],
  ['1 March, two unpaid', MONTH_END, '2024-03-01', undefined, { dpd: 30, oldest: '2024-01-31', overdueFen: 2000, count: 2 }],
  ['31st-of-month schedule, three unpaid', MONTH_END, '2024-04-01', undefined, { dpd: 61, oldest: '2024-01-31', overdueFen: 3000, count: 3 }],
  ['all four unpaid', MONTH_END, '2024-05-01', undefined, { dpd: 91, oldest: '2024-01-31', overdueFen: 4000, count: 4 }],
  [
    'payment on the due date is on time',
    [due('2024-01-31', 1000, [['2024-01-31', 1000]]), due('2024-02-29', 1000)],
    '2024-02-15',
    undefined,
    { dpd: 0, oldest: null, overdueFen: 0, count: 0 },
  ],
  [
    'partial payment leaves it unpaid',
    [due('2024-01-31', 1000, [['2024-01-31', 999]])],
    '2024-02-10',
    undefined,
    { dpd: 10, oldest: '2024-01-31', overdueFen: 1, count: 1 },
  ],
  [
    'two partial payments that add up cure it',
    [due('2024-01-31', 1000, [['2024-01-31', 600], ['2024-02-05', 400]])],
    '2024-02-10',
    undefined,
    { dpd: 0, oldest: null, overdueFen: 0, count: 0 },
  ],
  [
    'paid one day late: still 0 DPD on the due date itself',
    [due('2024-01-31', 1000, [['2024-02-01', 1000]])],
    '2024-01-31',
    undefined,
    { dpd: 0, oldest: null, overdueFen: 0, count: 0 },
  ],
  [
    'paid one day late: cured on the payment date',
    [due('2024-01-31', 1000, [['2024-02-01', 1000]])],
    '2024-02-01',
    undefined,
    { dpd: 0, oldest: null, overdueFen: 0, count: 0 },
  ],
  [
    'payments after asOf are ignored',
    [due('2024-01-31', 1000, [['2024-02-20', 1000]])],
    '2024-02-10',
    undefined,
    { dpd: 10, oldest: '2024-01-31', overdueFen: 1000, count: 1 },
  ],
  [
    'older instalment paid late, newer one overdue: count from the newer',
    [due('2024-01-31', 1000, [['2024-02-10', 1000]]), due('2024-02-29', 1000)],
    '2024-03-05',
    undefined,
    { dpd: 5, oldest: '2024-02-29', overdueFen: 1000, count: 1 },
  ],
  [
    'newer paid, older still unpaid: count from the older',
    [due('2024-01-31', 1000), due('2024-02-29', 1000, [['2024-02-29', 1000]])],
    '2024-03-05',
    undefined,
    { dpd: 34, oldest: '2024-01-31', overdueFen: 1000, count: 1 },
  ],
  [
    'input order does not matter',
    [due('2024-03-31', 1000), due('2024-01-31', 1000), due('2024-02-29', 1000)],
    '2024-04-01',
    undefined,
    { dpd: 61, oldest: '2024-01-31', overdueFen: 3000, count: 3 },
  ],
  [
    'everything paid',
    MONTH_END.map((i) => ({ ...i, paidOn: [{ date: i.dueDate, amountFen: 1000 }] })),
    '2024-06-30',
    undefined,
    { dpd: 0, oldest: null, overdueFen: 0, count: 0 },
  ],
  [
    'overpaying one instalment does not cover another',
    [due('2024-01-31', 1000, [['2024-01-31', 2000]]), due('2024-02-29', 1000)],
    '2024-03-01',
    undefined,
    { dpd: 1, oldest: '2024-02-29', overdueFen: 1000, count: 1 },
  ],
  ['zero-amount instalment is never overdue', [due('2024-01-31', 0)], '2024-03-01', undefined, { dpd: 0, oldest: null, overdueFen: 0, count: 0 }],
  ['non-leap year: Jan 31 → Mar 1', [due('2023-01-31', 500)], '2023-03-01', undefined, { dpd: 29, oldest: '2023-01-31', overdueFen: 500, count: 1 }],
  ['29 Feb due date, one year later', [due('2024-02-29', 500)], '2025-02-28', undefined, { dpd: 365, oldest: '2024-02-29', overdueFen: 500, count: 1 }],
  // Grace boundaries.
  ['grace 0, asOf = due + 1', [due('2024-01-31', 1000)], '2024-02-01', 0, { dpd: 1, oldest: '2024-01-31', overdueFen: 1000, count: 1 }],
  ['grace 3, asOf = due + 1', [due('2024-01-31', 1000)], '2024-02-01', 3, { dpd: 0, oldest: null, overdueFen: 0, count: 0 }],
  ['grace 3, asOf = due + 3 (last grace day)', [due('2024-01-31', 1000)], '2024-02-03', 3, { dpd: 0, oldest: null, overdueFen: 0, count: 0 }],
  ['grace 3, asOf = due + 4 counts from the original due date', [due('2024-01-31', 1000)], '2024-02-04', 3, { dpd: 4, oldest: '2024-01-31', overdueFen: 1000, count: 1 }],
  [
    'grace 3, paid within grace',
    [due('2024-01-31', 1000, [['2024-02-03', 1000]])],
    '2024-02-10',
    3,
    { dpd: 0, oldest: null, overdueFen: 0, count: 0 },
  ],
  [
    'grace 3: older instalment past grace, newer one still within grace',
    [due('2024-01-31', 1000), due('2024-02-29', 1000)],
    '2024-03-02',
    3,
    { dpd: 31, oldest: '2024-01-31', overdueFen: 1000, count: 1 },
  ],
  [
    'grace 3: both past grace',
    [due('2024-01-31', 1000), due('2024-02-29', 1000)],
    '2024-03-04',
    3,
    { dpd: 33, oldest: '2024-01-31', overdueFen: 2000, count: 2 },
  ],
];

describe('daysPastDue', () => {
  it.each(cases)('%s', (_, instalments, asOf, graceDays, expected) => {
    expect(daysPastDue({ instalments, asOf, graceDays })).toEqual({
      daysPastDue: expected.dpd,
      oldestUnpaidDueDate: expected.oldest,
      overdueFen: expected.overdueFen,
      overdueInstalments: expected.count,
    });
  });

  it('tracks DPD day by day through a late payment and cure', () => {
    const instalments = [due('2024-01-31', 1000, [['2024-02-03', 400], ['2024-02-05', 600]])];
    const series = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-02-03', '2024-02-04', '2024-02-05', '2024-02-06'].map(
      (asOf) => daysPastDue({ instalments, asOf }).daysPastDue,
    );
    expect(series).toEqual([0, 0, 1, 2, 3, 4, 0, 0]);
  });

  it.each<[string, Parameters<typeof daysPastDue>[0]]>([
    ['invalid asOf', { instalments: [], asOf: '2024-02-30' }],
    ['negative grace', { instalments: [], asOf: '2024-01-01', graceDays: -1 }],
    ['fractional grace', { instalments: [], asOf: '2024-01-01', graceDays: 1.5 }],
    ['invalid due date', { instalments: [due('2023-02-29', 1)], asOf: '2024-01-01' }],
    ['negative amount due', { instalments: [due('2024-01-01', -1)], asOf: '2024-01-01' }],
    ['invalid payment date', { instalments: [due('2024-01-01', 1, [['2024-1-2', 1]])], asOf: '2024-01-01' }],
    ['negative payment', { instalments: [due('2024-01-01', 1, [['2024-01-02', -1]])], asOf: '2024-01-01' }],
  ])('rejects %s', (_, input) => {
    expect(() => daysPastDue(input)).toThrow(RangeError);
  });
});
