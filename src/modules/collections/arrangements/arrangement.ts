/**
 * The common result of every arrangement, and its reconciliation. `movements` explain, to the fen,
 * how the amounts owed before become the amounts owed after:
 *   principal after = before − principalReduced + capitalizedInterest + capitalizedFees
 *   interest  after = before − capitalizedInterest − interestWaived − projectedInterestDropped + interestAdded
 *   fees      after = before − capitalizedFees − feesWaived − projectedFeesDropped + feesAdded
 * "Projected" interest and fees are those of instalments not yet overdue, which a restructuring
 * replaces with the new schedule's; they were never accrued, so dropping them is not a waiver.
 * `concessions` (approval.ts) is what the lender gives up, including interest it forgoes.
 */
import type { CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';
import { approvalFor, type ApprovalLimits, type ApprovalReason, type Concessions } from './approval.ts';
import { totalsOf, type Instalment, type ScheduleTotals } from './outstanding-schedule.ts';

export type ArrangementKind = 'grace-period' | 'instalment-plan' | 'restructuring';

export type Movements = {
  principalReducedFen: Fen;
  capitalizedInterestFen: Fen;
  capitalizedFeesFen: Fen;
  interestWaivedFen: Fen;
  feesWaivedFen: Fen;
  projectedInterestDroppedFen: Fen;
  projectedFeesDroppedFen: Fen;
  interestAddedFen: Fen;
  feesAddedFen: Fen;
};

export const NO_MOVEMENTS: Readonly<Movements> = Object.freeze({
  principalReducedFen: 0, capitalizedInterestFen: 0, capitalizedFeesFen: 0, interestWaivedFen: 0, feesWaivedFen: 0,
  projectedInterestDroppedFen: 0, projectedFeesDroppedFen: 0, interestAddedFen: 0, feesAddedFen: 0,
});

export interface ArrangementResult {
  kind: ArrangementKind;
  asOf: CalendarDate;
  /** The new schedule of amounts owed, numbered from 1, in due-date order. */
  schedule: Instalment[];
  before: ScheduleTotals;
  after: ScheduleTotals;
  movements: Movements;
  concessions: Concessions;
  requiresSupervisorApproval: boolean;
  approvalReasons: ApprovalReason[];
}

/** Whether before + movements = after, component by component, and the schedule sums to `after`. */
export function reconciles(r: Pick<ArrangementResult, 'schedule' | 'before' | 'after' | 'movements'>): boolean {
  const m = r.movements;
  const actual = totalsOf(r.schedule);
  return (
    actual.principalFen === r.after.principalFen && actual.interestFen === r.after.interestFen && actual.feeFen === r.after.feeFen &&
    r.after.totalFen === r.after.principalFen + r.after.interestFen + r.after.feeFen &&
    r.after.principalFen === r.before.principalFen - m.principalReducedFen + m.capitalizedInterestFen + m.capitalizedFeesFen &&
    r.after.interestFen === r.before.interestFen - m.capitalizedInterestFen - m.interestWaivedFen - m.projectedInterestDroppedFen + m.interestAddedFen &&
    r.after.feeFen === r.before.feeFen - m.capitalizedFeesFen - m.feesWaivedFen - m.projectedFeesDroppedFen + m.feesAddedFen
  );
}

export function finish(
  kind: ArrangementKind,
  asOf: CalendarDate,
  beforeRows: readonly Instalment[],
  schedule: Instalment[],
  movements: Movements,
  concessions: Concessions,
  limits: ApprovalLimits,
): ArrangementResult {
  const result = { kind, asOf, schedule, before: totalsOf(beforeRows), after: totalsOf(schedule), movements, concessions, ...approvalFor(concessions, limits) };
  for (const row of schedule) {
    for (const v of [row.principalFen, row.interestFen, row.feeFen]) if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${kind}: invalid amount ${v} in the new schedule`);
  }
  if (!reconciles(result)) throw new Error(`${kind}: the new schedule does not reconcile with the old one (a bug)`);
  return result;
}
