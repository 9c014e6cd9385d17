import { describe, expect, it } from 'vitest';
import {
  anchorDayOf, regularDatesAfter, renumber, termExtensionMonths, totalsOf, validateOutstanding, type OutstandingSchedule,
} from './outstanding-schedule.ts';
import { LOAN_12, outstanding } from './arrangements.test-support.ts';

const row = (dueDate: string, principalFen = 100, interestFen = 10, feeFen = 0) => ({ sequence: 1, dueDate, principalFen, interestFen, feeFen });

describe('totalsOf', () => {
  it('sums each component, counts rows, finds the last due date', () => {
    expect(totalsOf(LOAN_12)).toEqual({ principalFen: 120_000, interestFen: 7942, feeFen: 0, totalFen: 127_942, instalments: 12, lastDueDate: '2024-12-15' });
    expect(totalsOf([])).toEqual({ principalFen: 0, interestFen: 0, feeFen: 0, totalFen: 0, instalments: 0, lastDueDate: null });
  });
});

describe('regularDatesAfter', () => {
  it.each<[string, OutstandingSchedule, number, string[]]>([
    ['the schedule\'s own dates after asOf', outstanding('2024-10-01', 0), 2, ['2024-10-15', '2024-11-15']],
    ['due on asOf is not "after"', outstanding('2024-10-15', 0), 1, ['2024-11-15']],
    ['then monthly past the end', outstanding('2024-11-20', 0), 3, ['2024-12-15', '2025-01-15', '2025-02-15']],
    ['all due already: monthly after asOf', outstanding('2025-03-01', 0), 2, ['2025-03-15', '2025-04-15']],
    ['anchor 31 survives February', { asOf: '2024-01-01', instalments: [row('2024-01-31'), row('2024-02-29')] }, 4, ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']],
  ])('%s', (_, schedule, count, dates) => {
    expect(regularDatesAfter(schedule, count)).toEqual(dates);
  });

  it('anchorDayOf: the largest day of month, or the one given', () => {
    expect(anchorDayOf({ asOf: '2024-01-01', instalments: [row('2024-02-29'), row('2024-03-31')] })).toBe(31);
    expect(anchorDayOf({ asOf: '2024-01-01', instalments: [row('2024-02-29')], anchorDay: 30 })).toBe(30);
  });
});

describe('termExtensionMonths', () => {
  it.each([
    ['2024-12-15', '2024-12-15', 15, 0],
    ['2024-12-15', '2024-11-15', 15, 0],
    ['2024-12-15', '2024-12-16', 15, 1],
    ['2024-12-15', '2025-04-15', 15, 4],
    ['2024-02-29', '2024-03-31', 31, 1], // anchored on the 31st: one month, not two
    ['2024-01-31', '2025-01-31', 31, 12],
  ])('%s → %s (anchor %i) = %i months', (from, to, anchor, months) => {
    expect(termExtensionMonths(from, to, anchor)).toBe(months);
  });
});

describe('renumber', () => {
  it('sorts by due date, stable, and numbers from 1', () => {
    const rows = [{ ...row('2024-03-15'), sequence: 9 }, { ...row('2024-01-15', 1), sequence: 7 }, { ...row('2024-01-15', 2), sequence: 3 }];
    expect(renumber(rows).map((r) => [r.sequence, r.dueDate, r.principalFen])).toEqual([[1, '2024-01-15', 1], [2, '2024-01-15', 2], [3, '2024-03-15', 100]]);
  });
});

describe('validateOutstanding', () => {
  it.each<[string, OutstandingSchedule, RegExp]>([
    ['bad asOf', { asOf: '2024-02-30', instalments: [row('2024-01-15')] }, /asOf/],
    ['bad due date', { asOf: '2024-02-01', instalments: [row('2024-13-15')] }, /instalments\[0\]\.dueDate/],
    ['out of order', { asOf: '2024-02-01', instalments: [row('2024-02-15'), row('2024-01-15')] }, /instalments\[1\] is due 2024-01-15, before the previous/],
    ['fractional fen', { asOf: '2024-02-01', instalments: [row('2024-01-15', 1.5)] }, /instalments\[0\]\.principalFen must be a non-negative integer/],
    ['negative fee', { asOf: '2024-02-01', instalments: [row('2024-01-15', 1, 1, -1)] }, /feeFen/],
    ['nothing owed', { asOf: '2024-02-01', instalments: [row('2024-01-15', 0, 0, 0)] }, /nothing is outstanding/],
    ['no instalments', { asOf: '2024-02-01', instalments: [] }, /nothing is outstanding/],
    ['bad anchor', { asOf: '2024-02-01', instalments: [row('2024-01-15')], anchorDay: 32 }, /anchorDay/],
  ])('%s', (_, schedule, message) => {
    expect(() => validateOutstanding(schedule)).toThrow(message);
  });
});
