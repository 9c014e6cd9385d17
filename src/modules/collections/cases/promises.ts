/**
 * Promises to pay (承诺还款): recording one, and the daily marking.
 *  - kept: the loan's payments valued from promised_on up to due_on (and up to asOf) add up to the
 *    amount; resolved_on = the value date of the payment that completed it;
 *  - broken: still open the day after due_on (asOf > due_on); resolved_on = due_on + 1.
 * Both are set-based statements over open promises, so marking is idempotent: a promise is
 * resolved once and never revisited, and re-running a day changes nothing.
 */
import type { Actor } from '../../../platform/auth/actor.ts';
import { actorId } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { CalendarDate } from '../../../platform/time/calendar-date.ts';

export type RecordPromiseInput = {
  caseId: string;
  promisedOn: CalendarDate;
  dueOn: CalendarDate;
  amountFen: number;
  actor: Actor;
  at?: Date;
};

/** Records a promise on an open case, with its audit event, in the caller's transaction. */
export async function recordPromiseToPay(exec: SqlExecutor, input: RecordPromiseInput): Promise<{ id: string }> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw new RangeError('amountFen must be a positive integer');
  if (input.dueOn < input.promisedOn) throw new RangeError('dueOn must not be before promisedOn');
  const { rows: [row] } = await exec.query<{ id: string; loan_id: string }>(
    `INSERT INTO promises_to_pay (case_id, loan_id, promised_on, due_on, amount_fen, recorded_by)
     SELECT c.id, c.loan_id, $2::date, $3::date, $4, $5 FROM collection_cases c WHERE c.id = $1 AND c.status = 'open'
     RETURNING id, loan_id`,
    [input.caseId, input.promisedOn, input.dueOn, input.amountFen, actorId(input.actor)],
  );
  if (!row) throw new RangeError(`No open collection case ${input.caseId}`);
  await recordAudit(exec, {
    actor: input.actor, action: 'collections.promise-to-pay.recorded', entityType: 'promise-to-pay', entityId: row.id,
    after: { caseId: input.caseId, loanId: row.loan_id, promisedOn: input.promisedOn, dueOn: input.dueOn, amountFen: input.amountFen },
  }, input.at);
  return { id: row.id };
}

/** Marks open promises kept or broken as of `asOf`. Returns the ids changed. */
export async function markPromises(exec: SqlExecutor, asOf: CalendarDate): Promise<{ kept: string[]; broken: string[] }> {
  const { rows: kept } = await exec.query<{ id: string }>(
    `WITH pay AS (
       SELECT p.id, p.amount_fen, r.value_date,
              sum(r.amount_fen) OVER (PARTITION BY p.id ORDER BY r.value_date, r.id) AS covered
         FROM promises_to_pay p
         JOIN repayments r ON r.loan_id = p.loan_id AND r.value_date >= p.promised_on AND r.value_date <= p.due_on AND r.value_date <= $1::date
        WHERE p.status = 'open'),
     hit AS (SELECT id, min(value_date) AS on_date FROM pay WHERE covered >= amount_fen GROUP BY id)
     UPDATE promises_to_pay p SET status = 'kept', resolved_on = hit.on_date
       FROM hit WHERE p.id = hit.id AND p.status = 'open'
     RETURNING p.id`,
    [asOf],
  );
  const { rows: broken } = await exec.query<{ id: string }>(
    `UPDATE promises_to_pay SET status = 'broken', resolved_on = due_on + 1
      WHERE status = 'open' AND due_on < $1::date
     RETURNING id`,
    [asOf],
  );
  return { kept: kept.map((r) => r.id), broken: broken.map((r) => r.id) };
}
