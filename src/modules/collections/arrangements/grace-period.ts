/**
 * Grace period (宽限期 / 延期还款): no payments for `months` months, then the unpaid instalments resume
 * in their original order, one per regular due date. Concretely the next `months` regular due dates
 * after asOf are skipped and every unpaid instalment (overdue ones first) moves onto the following
 * dates — with nothing overdue this is exactly "every instalment N months later"; overdue instalments
 * each take their own month after the grace, so the term grows by N plus their number.
 * Interest for the grace months (N × one month's interest on the outstanding principal, 按月计息):
 *  - 'accrue': added, spread evenly (to the fen, Hamilton) over the rescheduled instalments — the
 *    gentlest repayment for a borrower in hardship;
 *  - 'waive': not charged, and counted as interest waived for approval.
 * Penalty interest (罚息) on arrears is outside this calculator: the schedule carries what is owed.
 */
import { splitProportionally } from '../../../platform/money/fen.ts';
import { monthlyInterestFen } from '../../loans/rules/repayment-schedule.ts';
import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from './approval.ts';
import { finish, NO_MOVEMENTS, type ArrangementResult } from './arrangement.ts';
import {
  anchorDayOf, owedRows, regularDatesAfter, renumber, sum, termExtensionMonths, validateOutstanding, type OutstandingSchedule,
} from './outstanding-schedule.ts';

export interface GracePeriodRequest {
  months: number;
  interest: 'accrue' | 'waive';
  /** Contract rate, for the grace months' interest; basis points a year (435 = 4.35 %). */
  annualRateBps: number;
}

export function gracePeriod(schedule: OutstandingSchedule, request: GracePeriodRequest, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): ArrangementResult {
  validateOutstanding(schedule);
  const { months, interest, annualRateBps } = request;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months must be an integer 1–120: ${months}`);
  if (!Number.isSafeInteger(annualRateBps) || annualRateBps < 0) throw new RangeError(`annualRateBps must be a non-negative integer: ${annualRateBps}`);
  if (interest !== 'accrue' && interest !== 'waive') throw new RangeError(`interest must be accrue or waive: ${String(interest)}`);

  const rows = owedRows(schedule);
  const dates = regularDatesAfter(schedule, months + rows.length).slice(months);
  const graceInterest = months * monthlyInterestFen(sum(rows, 'principalFen'), annualRateBps);
  const added = interest === 'accrue' && graceInterest > 0 ? splitProportionally(graceInterest, rows.map(() => 1)) : rows.map(() => 0);
  const next = renumber(rows.map((r, i) => ({ ...r, dueDate: dates[i]!, interestFen: r.interestFen + added[i]! })));

  const anchor = anchorDayOf(schedule);
  return finish(
    'grace-period',
    schedule.asOf,
    rows,
    next,
    { ...NO_MOVEMENTS, interestAddedFen: interest === 'accrue' ? graceInterest : 0 },
    {
      termExtensionMonths: termExtensionMonths(rows.at(-1)!.dueDate, next.at(-1)!.dueDate, anchor),
      principalReductionFen: 0,
      interestWaivedFen: interest === 'waive' ? graceInterest : 0,
      feesWaivedFen: 0,
      rateReductionBps: 0,
    },
    limits,
  );
}
