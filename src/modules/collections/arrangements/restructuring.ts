/**
 * Restructuring (债务重组): the remaining principal gets a new term and rate, rebuilt with
 * buildEqualInstalmentSchedule (annuity by default). What happens to overdue interest and fees:
 *  - 'capitalize': added to the principal of the new schedule (the usual bank practice);
 *  - 'waive': forgiven — counted as interest / fees waived for approval;
 *  - 'first-instalment': kept and due with the first new instalment.
 * Interest and fees of instalments not yet overdue were never accrued; the new schedule's interest
 * replaces them (reported as projected amounts dropped, not waived). An optional principal reduction
 * (haircut) is taken off first, and always needs approval under the default limits.
 */
import { isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { buildEqualInstalmentSchedule, type RepaymentMethod } from '../../loans/rules/repayment-schedule.ts';
import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from './approval.ts';
import { finish, NO_MOVEMENTS, type ArrangementResult } from './arrangement.ts';
import {
  anchorDayOf, isOverdue, owedRows, regularDatesAfter, sum, termExtensionMonths, validateOutstanding, type OutstandingSchedule,
} from './outstanding-schedule.ts';

export interface RestructuringRequest {
  termMonths: number;
  annualRateBps: number;
  method?: RepaymentMethod;
  /** Default: the next regular due date after asOf. */
  firstDueDate?: CalendarDate;
  arrearsCharges: 'capitalize' | 'waive' | 'first-instalment';
  principalReductionFen?: number;
  /** The contract rate; when given, a lower new rate is a concession (rateReductionBps). */
  currentAnnualRateBps?: number;
}

export function restructuring(schedule: OutstandingSchedule, request: RestructuringRequest, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): ArrangementResult {
  validateOutstanding(schedule);
  const reduction = request.principalReductionFen ?? 0;
  const firstDueDate = request.firstDueDate ?? regularDatesAfter(schedule, 1)[0]!;
  if (!['capitalize', 'waive', 'first-instalment'].includes(request.arrearsCharges)) {
    throw new RangeError(`arrearsCharges must be capitalize, waive or first-instalment: ${String(request.arrearsCharges)}`);
  }
  if (!isValidCalendarDate(firstDueDate) || firstDueDate <= schedule.asOf) throw new RangeError(`firstDueDate must be a date after asOf (${schedule.asOf}): ${String(firstDueDate)}`);
  const current = request.currentAnnualRateBps;
  if (current !== undefined && (!Number.isSafeInteger(current) || current < 0)) throw new RangeError(`currentAnnualRateBps must be a non-negative integer: ${current}`);

  const rows = owedRows(schedule);
  const arrears = rows.filter((r) => isOverdue(r, schedule.asOf));
  const upcoming = rows.filter((r) => !isOverdue(r, schedule.asOf));
  const remainingPrincipal = sum(rows, 'principalFen');
  if (!Number.isSafeInteger(reduction) || reduction < 0 || reduction > remainingPrincipal) {
    throw new RangeError(`principalReductionFen must be an integer 0–${remainingPrincipal} (the remaining principal): ${reduction}`);
  }
  const arrearsInterest = sum(arrears, 'interestFen');
  const arrearsFees = sum(arrears, 'feeFen');
  const capitalize = request.arrearsCharges === 'capitalize';
  const principalFen = remainingPrincipal - reduction + (capitalize ? arrearsInterest + arrearsFees : 0);
  if (principalFen <= 0) throw new RangeError('nothing is left to restructure after the principal reduction');

  const next = buildEqualInstalmentSchedule({
    principalFen, annualRateBps: request.annualRateBps, termMonths: request.termMonths, firstDueDate, method: request.method ?? 'annuity',
  });
  const newInterest = sum(next, 'interestFen');
  if (request.arrearsCharges === 'first-instalment') {
    next[0]!.interestFen += arrearsInterest;
    next[0]!.feeFen += arrearsFees;
  }
  const waive = request.arrearsCharges === 'waive';

  return finish(
    'restructuring',
    schedule.asOf,
    rows,
    next,
    {
      ...NO_MOVEMENTS,
      principalReducedFen: reduction,
      capitalizedInterestFen: capitalize ? arrearsInterest : 0,
      capitalizedFeesFen: capitalize ? arrearsFees : 0,
      interestWaivedFen: waive ? arrearsInterest : 0,
      feesWaivedFen: waive ? arrearsFees : 0,
      projectedInterestDroppedFen: sum(upcoming, 'interestFen'),
      projectedFeesDroppedFen: sum(upcoming, 'feeFen'),
      interestAddedFen: newInterest,
    },
    {
      termExtensionMonths: termExtensionMonths(rows.at(-1)!.dueDate, next.at(-1)!.dueDate, anchorDayOf(schedule)),
      principalReductionFen: reduction,
      interestWaivedFen: waive ? arrearsInterest : 0,
      feesWaivedFen: waive ? arrearsFees : 0,
      rateReductionBps: current === undefined ? 0 : Math.max(0, current - request.annualRateBps),
    },
    limits,
  );
}
