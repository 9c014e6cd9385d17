import { buildEqualInstalmentSchedule } from '../../loans/rules/repayment-schedule.ts';
import type { OutstandingSchedule } from './outstanding-schedule.ts';

/**
 * ¥1,200 over 12 months at 12 % (annuity, from 2024-01-15) — the hand-computed table of
 * repayment-schedule.test.ts: principal 9462, 9557, 9652, 9749, 9846, 9945, 10044, 10145, 10246,
 * 10348, 10452, 10554; interest 1200, 1105, 1010, 913, 816, 717, 618, 517, 416, 314, 210, 106.
 */
export const LOAN_12 = buildEqualInstalmentSchedule({ principalFen: 120_000, annualRateBps: 1200, termMonths: 12, firstDueDate: '2024-01-15', method: 'annuity' });

/** The loan with the first `paid` instalments fully paid. */
export const outstanding = (asOf: string, paid: number): OutstandingSchedule => ({
  asOf,
  instalments: LOAN_12.map((r, i) => (i < paid ? { ...r, principalFen: 0, interestFen: 0, feeFen: 0 } : { ...r })),
});
