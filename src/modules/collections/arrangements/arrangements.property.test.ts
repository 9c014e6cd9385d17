import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonthsClamped } from '../../../platform/time/calendar-date.ts';
import { reconciles, type ArrangementResult } from './arrangement.ts';
import { gracePeriod } from './grace-period.ts';
import { instalmentPlan } from './instalment-plan.ts';
import { restructuring } from './restructuring.ts';
import { monthlyInterestFen } from '../../loans/rules/repayment-schedule.ts';
import { isOverdue, totalsOf, type OutstandingSchedule } from './outstanding-schedule.ts';

const amount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 99 }));
const row = fc.record({ principalFen: amount, interestFen: amount, feeFen: fc.oneof(fc.constant(0), amount) });

/** A monthly schedule on a random anchor day with random unpaid amounts, and an asOf somewhere along it. */
const schedule: fc.Arbitrary<OutstandingSchedule> = fc
  .record({
    start: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    rows: fc.array(row, { minLength: 1, maxLength: 40 }),
    asOfOffset: fc.integer({ min: -40, max: 1300 }),
  })
  .map(({ start, rows, asOfOffset }) => {
    const anchor = Number(start.slice(8, 10));
    const instalments = rows.map((r, i) => ({ sequence: i + 1, dueDate: addMonthsClamped(start, i, anchor), ...r }));
    if (!instalments.some((r) => r.principalFen + r.interestFen + r.feeFen > 0)) instalments[0]!.principalFen = 1;
    return { asOf: addDays(start, asOfOffset), instalments };
  });

function check(r: ArrangementResult, s: OutstandingSchedule): void {
  expect(reconciles(r)).toBe(true);
  expect(totalsOf(r.schedule).totalFen).toBe(r.after.totalFen);
  r.schedule.forEach((x, i) => {
    expect(x.sequence).toBe(i + 1);
    for (const v of [x.principalFen, x.interestFen, x.feeFen]) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
    if (i > 0) expect(x.dueDate >= r.schedule[i - 1]!.dueDate).toBe(true);
  });
  // Nothing in a new schedule is already overdue.
  expect(r.schedule.every((x) => x.dueDate >= s.asOf)).toBe(true);
  expect(r.requiresSupervisorApproval).toBe(r.approvalReasons.length > 0);
}

describe('arrangements reconcile exactly, to the fen', () => {
  it('grace period: before + interest added = after; principal, fees unchanged', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 1, max: 24 }), fc.constantFrom('accrue', 'waive') as fc.Arbitrary<'accrue' | 'waive'>, fc.integer({ min: 0, max: 3600 }), (s, months, interest, bps) => {
        const r = gracePeriod(s, { months, interest, annualRateBps: bps });
        check(r, s);
        expect(r.after.principalFen).toBe(r.before.principalFen);
        expect(r.after.feeFen).toBe(r.before.feeFen);
        expect(r.after.totalFen - r.before.totalFen).toBe(r.movements.interestAddedFen);
        expect(r.movements.interestAddedFen + r.concessions.interestWaivedFen).toBe(months * monthlyInterestFen(r.before.principalFen, bps));
        expect(r.concessions.termExtensionMonths).toBeGreaterThanOrEqual(months);
      }),
      { numRuns: 300 },
    );
  });

  it('instalment plan: before + plan fee = after; every component conserved', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 1, max: 36 }), fc.integer({ min: 0, max: 100_000 }), (s, months, feeFen) => {
        fc.pre(s.instalments.some((x) => isOverdue(x, s.asOf) && x.principalFen + x.interestFen + x.feeFen > 0));
        const r = instalmentPlan(s, { months, feeFen });
        check(r, s);
        expect(r.after.principalFen).toBe(r.before.principalFen);
        expect(r.after.interestFen).toBe(r.before.interestFen);
        expect(r.after.feeFen).toBe(r.before.feeFen + feeFen);
      }),
      { numRuns: 300 },
    );
  });

  it('restructuring: every movement accounted for, whatever happens to the arrears', () => {
    const request = fc.record({
      termMonths: fc.integer({ min: 1, max: 120 }),
      annualRateBps: fc.integer({ min: 0, max: 3600 }),
      method: fc.constantFrom('annuity', 'equal-principal', 'interest-only-bullet') as fc.Arbitrary<'annuity' | 'equal-principal' | 'interest-only-bullet'>,
      arrearsCharges: fc.constantFrom('capitalize', 'waive', 'first-instalment') as fc.Arbitrary<'capitalize' | 'waive' | 'first-instalment'>,
      reductionShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
    });
    fc.assert(
      fc.property(schedule, request, (s, { reductionShare, ...rest }) => {
        const principal = totalsOf(s.instalments).principalFen;
        const principalReductionFen = Math.floor(principal * reductionShare);
        fc.pre(principal - principalReductionFen > 0);
        const r = restructuring(s, { ...rest, principalReductionFen });
        check(r, s);
        expect(r.concessions.principalReductionFen).toBe(principalReductionFen);
        expect(r.after.principalFen).toBe(principal - principalReductionFen + r.movements.capitalizedInterestFen + r.movements.capitalizedFeesFen);
      }),
      { numRuns: 300 },
    );
  });
});
