import { describe, expect, it } from 'vitest';
import { buildEqualInstalmentSchedule } from '../../loans/rules/repayment-schedule.ts';
import { restructuring } from './restructuring.ts';
import { reconciles } from './arrangement.ts';
import { outstanding } from './arrangements.test-support.ts';

const JUNE = outstanding('2024-06-20', 3);
const PRINCIPAL_LEFT = 91_329; // 120 000 − 9 462 − 9 557 − 9 652
const ARREARS_INTEREST = 913 + 816 + 717; // 2 446
const UPCOMING_INTEREST = 618 + 517 + 416 + 314 + 210 + 106; // 2 181

describe('restructuring', () => {
  it('capitalises the overdue interest and rebuilds an annuity from the next due date', () => {
    const r = restructuring(JUNE, { termMonths: 24, annualRateBps: 600, arrearsCharges: 'capitalize' });
    const expected = buildEqualInstalmentSchedule({ principalFen: PRINCIPAL_LEFT + ARREARS_INTEREST, annualRateBps: 600, termMonths: 24, firstDueDate: '2024-07-15', method: 'annuity' });
    expect(r.schedule).toEqual(expected);
    expect(r.movements).toMatchObject({ capitalizedInterestFen: ARREARS_INTEREST, projectedInterestDroppedFen: UPCOMING_INTEREST, interestWaivedFen: 0 });
    expect(r.after.principalFen).toBe(93_775);
    expect(r.concessions).toEqual({ termExtensionMonths: 18, principalReductionFen: 0, interestWaivedFen: 0, feesWaivedFen: 0, rateReductionBps: 0 });
    expect(r.approvalReasons.map((a) => a.code)).toEqual(['term-extension']); // Dec 2024 → Jun 2026
    expect(reconciles(r)).toBe(true);
  });

  it('waiving the overdue interest counts as interest waived', () => {
    const r = restructuring(JUNE, { termMonths: 6, annualRateBps: 1200, arrearsCharges: 'waive' });
    expect(r.after.principalFen).toBe(PRINCIPAL_LEFT);
    expect(r.concessions.interestWaivedFen).toBe(ARREARS_INTEREST);
    expect(r.requiresSupervisorApproval).toBe(false); // ¥24.46 waived, term unchanged
  });

  it('first-instalment keeps the overdue interest and fees due with the first new instalment', () => {
    const withFee = { ...JUNE, instalments: JUNE.instalments.map((x, i) => (i === 3 ? { ...x, feeFen: 500 } : x)) };
    const r = restructuring(withFee, { termMonths: 6, annualRateBps: 1200, arrearsCharges: 'first-instalment', method: 'equal-principal' });
    const plain = buildEqualInstalmentSchedule({ principalFen: PRINCIPAL_LEFT, annualRateBps: 1200, termMonths: 6, firstDueDate: '2024-07-15', method: 'equal-principal' });
    expect(r.schedule[0]).toEqual({ ...plain[0], interestFen: plain[0]!.interestFen + ARREARS_INTEREST, feeFen: 500 });
    expect(r.schedule.slice(1)).toEqual(plain.slice(1));
    expect(r.concessions.interestWaivedFen + r.concessions.feesWaivedFen).toBe(0);
    expect(reconciles(r)).toBe(true);
  });

  it('any principal reduction and any rate cut need approval', () => {
    const r = restructuring(JUNE, {
      termMonths: 6, annualRateBps: 800, currentAnnualRateBps: 1200, arrearsCharges: 'waive', principalReductionFen: 1329, firstDueDate: '2024-08-01',
    });
    expect(r.after.principalFen).toBe(90_000);
    expect(r.schedule[0]!.dueDate).toBe('2024-08-01');
    expect(r.concessions).toMatchObject({ principalReductionFen: 1329, rateReductionBps: 400 });
    expect(r.approvalReasons.map((a) => a.code)).toEqual(['principal-reduction', 'rate-reduction']);
    expect(r.approvalReasons[0]!.messageZh).toBe('减免本金¥13.29，超过¥0.00的权限');
  });

  it.each([
    [{ termMonths: 6, annualRateBps: 600, arrearsCharges: 'forgive' }, /arrearsCharges/],
    [{ termMonths: 0, annualRateBps: 600, arrearsCharges: 'waive' }, /termMonths/],
    [{ termMonths: 6, annualRateBps: 600, arrearsCharges: 'waive', firstDueDate: '2024-06-20' }, /firstDueDate must be a date after asOf/],
    [{ termMonths: 6, annualRateBps: 600, arrearsCharges: 'waive', principalReductionFen: PRINCIPAL_LEFT + 1 }, /principalReductionFen must be an integer 0–91329/],
    [{ termMonths: 6, annualRateBps: 600, arrearsCharges: 'waive', principalReductionFen: PRINCIPAL_LEFT }, /nothing is left to restructure/],
    [{ termMonths: 6, annualRateBps: 600, arrearsCharges: 'waive', currentAnnualRateBps: -5 }, /currentAnnualRateBps/],
  ] as const)('rejects %o', (request, message) => {
    expect(() => restructuring(JUNE, request as never)).toThrow(message);
  });
});
