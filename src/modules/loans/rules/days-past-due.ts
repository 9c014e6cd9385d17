/**
 * Days past due (逾期天数) as of a calendar date.
 * DPD counts from the due date of the oldest instalment still not fully paid on `asOf`
 * (payments dated after asOf are ignored — the answer must be reproducible for back-dated
 * reports). A payment on the due date is on time; a partial payment leaves the instalment unpaid.
 *
 * Grace (宽限期): an instalment becomes past due only once asOf > dueDate + graceDays, but
 * from then on DPD counts from the ORIGINAL due date, not from the end of grace — so with
 * 3 grace days DPD jumps 0 → 4. Grace forgives a short delay (e.g. no penalty interest),
 * it does not move the due date, so DPD and buckets stay comparable across products.
 */
import { daysBetween, isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';

export interface DpdInstalment {
  dueDate: CalendarDate;
  amountDueFen: Fen;
  paidOn: Array<{ date: CalendarDate; amountFen: Fen }>;
}

export interface DpdInput {
  instalments: DpdInstalment[];
  asOf: CalendarDate;
  graceDays?: number | undefined;
}

export interface DpdResult {
  daysPastDue: number;
  /** Due date DPD is counted from: the oldest instalment past due (after grace), else null. */
  oldestUnpaidDueDate: CalendarDate | null;
  /** Unpaid remainder of the instalments that are past due (after grace). */
  overdueFen: Fen;
  overdueInstalments: number;
}

function validate({ instalments, asOf, graceDays }: DpdInput): void {
  if (!isValidCalendarDate(asOf)) throw new RangeError(`Invalid asOf: ${asOf}`);
  if (graceDays !== undefined && (!Number.isSafeInteger(graceDays) || graceDays < 0)) {
    throw new RangeError('graceDays must be a non-negative integer');
  }
  for (const i of instalments) {
    if (!isValidCalendarDate(i.dueDate)) throw new RangeError(`Invalid dueDate: ${i.dueDate}`);
    if (!Number.isSafeInteger(i.amountDueFen) || i.amountDueFen < 0) throw new RangeError('amountDueFen must be a non-negative integer');
    for (const p of i.paidOn) {
      if (!isValidCalendarDate(p.date)) throw new RangeError(`Invalid payment date: ${p.date}`);
      if (!Number.isSafeInteger(p.amountFen) || p.amountFen < 0) throw new RangeError('Payment amountFen must be a non-negative integer');
    }
  }
}

export function daysPastDue(input: DpdInput): DpdResult {
  validate(input);
  const { instalments, asOf } = input;
  const graceDays = input.graceDays ?? 0;
  let oldest: CalendarDate | null = null;
  let overdueFen = 0;
  let overdueInstalments = 0;
  for (const inst of instalments) {
    // ISO dates compare correctly as strings once validated.
    const paid = inst.paidOn.filter((p) => p.date <= asOf).reduce((s, p) => s + p.amountFen, 0);
    const unpaid = Math.max(0, inst.amountDueFen - paid);
    if (unpaid === 0 || daysBetween(inst.dueDate, asOf) <= graceDays) continue;
    overdueFen += unpaid;
    overdueInstalments += 1;
    if (oldest === null || inst.dueDate < oldest) oldest = inst.dueDate;
  }
  return {
    daysPastDue: oldest === null ? 0 : daysBetween(oldest, asOf),
    oldestUnpaidDueDate: oldest,
    overdueFen,
    overdueInstalments,
  };
}
