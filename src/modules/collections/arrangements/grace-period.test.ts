import { describe, expect, it } from 'vitest';
import { gracePeriod } from './grace-period.ts';
import { reconciles } from './arrangement.ts';
import { LOAN_12, outstanding } from './arrangements.test-support.ts';

// On 2024-04-20 instalments 1–3 are paid, April's is overdue, May–December are still to come.
const APRIL = outstanding('2024-04-20', 3);
const PRINCIPAL_LEFT = 120_000 - 9462 - 9557 - 9652; // 91 329
const GRACE_INTEREST_3 = 3 * 913; // one month at 1 % of 91 329 fen = 913.29 → 913

describe('gracePeriod', () => {
  it('3 months, interest waived: the overdue instalment and the rest resume after three skipped due dates', () => {
    const r = gracePeriod(APRIL, { months: 3, interest: 'waive', annualRateBps: 1200 });
    // May, June, July are skipped; April's instalment falls due in August, December's in April 2025.
    expect(r.schedule.map((x) => x.dueDate)).toEqual([
      '2024-08-15', '2024-09-15', '2024-10-15', '2024-11-15', '2024-12-15', '2025-01-15', '2025-02-15', '2025-03-15', '2025-04-15',
    ]);
    expect(r.schedule.map((x) => [x.sequence, x.principalFen, x.interestFen])).toEqual(
      LOAN_12.slice(3).map((x, i) => [i + 1, x.principalFen, x.interestFen]),
    );
    expect(r.after).toEqual({ ...r.before, lastDueDate: '2025-04-15' });
    expect(r.concessions).toEqual({ termExtensionMonths: 4, principalReductionFen: 0, interestWaivedFen: GRACE_INTEREST_3, feesWaivedFen: 0, rateReductionBps: 0 });
    expect(r.requiresSupervisorApproval).toBe(false);
    expect(r.before.principalFen).toBe(PRINCIPAL_LEFT);
    expect(reconciles(r)).toBe(true);
  });

  it('interest accrued: three months of interest spread over the nine instalments to the fen', () => {
    const r = gracePeriod(APRIL, { months: 3, interest: 'accrue', annualRateBps: 1200 });
    const extra = r.schedule.map((x, i) => x.interestFen - LOAN_12[3 + i]!.interestFen);
    expect(extra).toEqual([305, 305, 305, 304, 304, 304, 304, 304, 304]); // 2739 = 9 × 304 + 3
    expect(r.movements.interestAddedFen).toBe(GRACE_INTEREST_3);
    expect(r.after.totalFen - r.before.totalFen).toBe(GRACE_INTEREST_3);
    expect(r.concessions.interestWaivedFen).toBe(0);
  });

  it('nothing overdue: every instalment exactly N months later', () => {
    const r = gracePeriod(outstanding('2024-05-01', 4), { months: 2, interest: 'waive', annualRateBps: 1200 });
    expect(r.schedule.map((x) => x.dueDate)).toEqual(['2024-07-15', '2024-08-15', '2024-09-15', '2024-10-15', '2024-11-15', '2024-12-15', '2025-01-15', '2025-02-15']);
    expect(r.concessions.termExtensionMonths).toBe(2);
  });

  it('a long grace needs approval for the extension; a large waiver for the interest', () => {
    const long = gracePeriod(APRIL, { months: 12, interest: 'accrue', annualRateBps: 1200 });
    expect(long.concessions.termExtensionMonths).toBe(13);
    expect(long.approvalReasons.map((a) => a.code)).toEqual(['term-extension']);

    const big = { asOf: '2024-04-20', instalments: [{ sequence: 1, dueDate: '2024-05-15', principalFen: 100_000_000, interestFen: 0, feeFen: 0 }] };
    const waived = gracePeriod(big, { months: 2, interest: 'waive', annualRateBps: 600 }); // 2 × 500 000 fen
    expect(waived.concessions.interestWaivedFen).toBe(1_000_000);
    expect(waived.approvalReasons.map((a) => a.code)).toEqual(['interest-waived']);
  });

  it('a prepaid instalment\'s date is not a payment date to skip', () => {
    const prepaidMay = { ...APRIL, asOf: '2024-04-10', instalments: APRIL.instalments.map((x, i) => (i === 4 ? { ...x, principalFen: 0, interestFen: 0 } : x)) };
    const r = gracePeriod(prepaidMay, { months: 1, interest: 'waive', annualRateBps: 1200 });
    // Payment dates are April 15 (not yet due on the 10th), June 15, July 15…; the grace skips April's,
    // so April's instalment moves to June 15 and June's to July 15 — May had nothing to pay anyway.
    expect(r.schedule.slice(0, 2).map((x) => x.dueDate)).toEqual(['2024-06-15', '2024-07-15']);
  });

  it('interest-free loans add nothing', () => {
    const r = gracePeriod(APRIL, { months: 3, interest: 'accrue', annualRateBps: 0 });
    expect(r.after.totalFen).toBe(r.before.totalFen);
  });

  it.each([
    [{ months: 0, interest: 'waive', annualRateBps: 1200 }, /months must be an integer 1–120/],
    [{ months: 1.5, interest: 'waive', annualRateBps: 1200 }, /months/],
    [{ months: 3, interest: 'forgive', annualRateBps: 1200 }, /interest must be accrue or waive/],
    [{ months: 3, interest: 'waive', annualRateBps: -1 }, /annualRateBps/],
  ] as const)('rejects %o', (request, message) => {
    expect(() => gracePeriod(APRIL, request as never)).toThrow(message);
  });
});
