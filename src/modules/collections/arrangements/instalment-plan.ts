/**
 * Instalment plan (分期还款): the overdue amount is spread over `months` months on top of the regular
 * schedule. Each component of the arrears (principal, interest, fees) is split evenly to the fen
 * (Hamilton: the first months take any leftover fen) and added to the next `months` regular due
 * dates after asOf — past the end of the schedule the plan continues monthly on the anchor day,
 * which extends the term. An optional plan fee is split the same way. Instalments not yet overdue
 * are unchanged.
 */
import { splitProportionally } from '../../../platform/money/fen.ts';
import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from './approval.ts';
import { finish, NO_MOVEMENTS, type ArrangementResult } from './arrangement.ts';
import {
  anchorDayOf, isOverdue, owedRows, regularDatesAfter, renumber, sum, termExtensionMonths, validateOutstanding,
  type Instalment, type OutstandingSchedule,
} from './outstanding-schedule.ts';

export interface InstalmentPlanRequest {
  months: number;
  /** One-off plan fee in fen, spread with the arrears (default 0). */
  feeFen?: number;
}

export function instalmentPlan(schedule: OutstandingSchedule, request: InstalmentPlanRequest, limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS): ArrangementResult {
  validateOutstanding(schedule);
  const { months } = request;
  const planFee = request.feeFen ?? 0;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months must be an integer 1–120: ${months}`);
  if (!Number.isSafeInteger(planFee) || planFee < 0) throw new RangeError(`feeFen must be a non-negative integer: ${planFee}`);

  const rows = owedRows(schedule);
  const arrears = rows.filter((r) => isOverdue(r, schedule.asOf));
  if (arrears.length === 0) throw new RangeError(`nothing is overdue on ${schedule.asOf}: an instalment plan spreads arrears`);
  const current = rows.filter((r) => !isOverdue(r, schedule.asOf));

  const even = (total: number) => (total === 0 ? Array<number>(months).fill(0) : splitProportionally(total, Array<number>(months).fill(1)));
  const principal = even(sum(arrears, 'principalFen'));
  const interest = even(sum(arrears, 'interestFen'));
  const fees = even(sum(arrears, 'feeFen') + planFee);

  const next: Instalment[] = current.map((r) => ({ ...r }));
  regularDatesAfter(schedule, months).forEach((dueDate, i) => {
    let row = next.find((r) => r.dueDate === dueDate);
    if (!row) next.push((row = { sequence: 0, dueDate, principalFen: 0, interestFen: 0, feeFen: 0 }));
    row.principalFen += principal[i]!;
    row.interestFen += interest[i]!;
    row.feeFen += fees[i]!;
  });
  const renumbered = renumber(next);

  return finish(
    'instalment-plan',
    schedule.asOf,
    rows,
    renumbered,
    { ...NO_MOVEMENTS, feesAddedFen: planFee },
    {
      termExtensionMonths: termExtensionMonths(rows.at(-1)!.dueDate, renumbered.at(-1)!.dueDate, anchorDayOf(schedule)),
      principalReductionFen: 0,
      interestWaivedFen: 0,
      feesWaivedFen: 0,
      rateReductionBps: 0,
    },
    limits,
  );
}
