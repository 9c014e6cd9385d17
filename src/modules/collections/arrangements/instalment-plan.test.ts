import { describe, expect, it } from 'vitest';
import { instalmentPlan } from './instalment-plan.ts';
import { reconciles } from './arrangement.ts';
import { LOAN_12, outstanding } from './arrangements.test-support.ts';

// On 2024-06-20 April, May and June are overdue (principal 9749 + 9846 + 9945, interest 913 + 816 + 717).
const JUNE = outstanding('2024-06-20', 3);

describe('instalmentPlan', () => {
  it('spreads the arrears over the next 3 due dates on top of the regular instalments, with a fee', () => {
    const r = instalmentPlan(JUNE, { months: 3, feeFen: 3000 });
    const rows = r.schedule.map((x) => [x.sequence, x.dueDate, x.principalFen, x.interestFen, x.feeFen]);
    expect(rows).toEqual([
      [1, '2024-07-15', 10044 + 9847, 618 + 816, 1000], // 29 540 / 3 = 9846.67: the first months take the 2 leftover fen
      [2, '2024-08-15', 10145 + 9847, 517 + 815, 1000], // 2 446 / 3 = 815.33
      [3, '2024-09-15', 10246 + 9846, 416 + 815, 1000],
      [4, '2024-10-15', 10348, 314, 0],
      [5, '2024-11-15', 10452, 210, 0],
      [6, '2024-12-15', 10554, 106, 0],
    ]);
    expect(r.movements.feesAddedFen).toBe(3000);
    expect(r.after.totalFen).toBe(r.before.totalFen + 3000);
    expect(r.concessions.termExtensionMonths).toBe(0);
    expect(r.requiresSupervisorApproval).toBe(false);
    expect(reconciles(r)).toBe(true);
  });

  it('a plan longer than the remaining schedule continues monthly and extends the term', () => {
    const r = instalmentPlan(outstanding('2024-11-20', 9), { months: 4 });
    // October and November (overdue) are spread over Dec 15 and three new months.
    expect(r.schedule.map((x) => x.dueDate)).toEqual(['2024-12-15', '2025-01-15', '2025-02-15', '2025-03-15']);
    expect(r.schedule[0]!.principalFen).toBe(10554 + Math.ceil((10348 + 10452) / 4));
    expect(r.concessions.termExtensionMonths).toBe(3);
    expect(r.after.totalFen).toBe(r.before.totalFen);
  });

  it('a plan over more than 12 months beyond the end needs approval', () => {
    const r = instalmentPlan(outstanding('2024-11-20', 9), { months: 14 });
    expect(r.concessions.termExtensionMonths).toBe(13);
    expect(r.approvalReasons.map((a) => a.code)).toEqual(['term-extension']);
  });

  it('an instalment due on asOf is not arrears', () => {
    const r = instalmentPlan(outstanding('2024-06-15', 3), { months: 2 });
    expect(r.schedule[0]).toEqual({ ...LOAN_12[5], sequence: 1 }); // June 15, unchanged
  });

  it.each([
    [outstanding('2024-03-01', 2), { months: 3 }, /nothing is overdue on 2024-03-01/],
    [JUNE, { months: 0 }, /months must be an integer 1–120/],
    [JUNE, { months: 3, feeFen: -1 }, /feeFen/],
  ] as const)('rejects %#', (schedule, request, message) => {
    expect(() => instalmentPlan(schedule, request)).toThrow(message);
  });
});
