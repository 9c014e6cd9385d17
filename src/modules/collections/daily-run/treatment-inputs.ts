import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { CalendarDate } from '../../../platform/time/calendar-date.ts';

/** A delinquent loan's balance, beyond what `delinquentLoans` gives (it reads past-due instalments only). */
export type TreatmentInput = {
  /** Every unpaid instalment amount, due or not (the strategy's balance conditions, the reminder's 剩余应还). */
  outstandingFen: number;
  /** The oldest instalment due before the as-of date and not fully paid on it. */
  oldestDueDate: CalendarDate | null;
};

/**
 * The balances of the day's delinquent loans in one set-based statement. Read per batch through
 * the index, each loan's dozen instalments cost random page reads and were much of the run's time
 * at 1,000,000 loans; read here, PostgreSQL scans the schedule once (in parallel workers). Memory:
 * one small entry per delinquent loan, which the run already holds.
 */
export async function loadTreatmentInputs(exec: SqlExecutor, asOf: CalendarDate, loanIds: string[]): Promise<Map<string, TreatmentInput>> {
  const inputs = new Map<string, TreatmentInput>();
  if (loanIds.length === 0) return inputs;
  const { rows: balances } = await exec.query<{ loan_id: string; outstanding_fen: number; oldest_due_date: string | null }>(
    `SELECT i.loan_id,
            sum(i.principal_fen + i.interest_fen + i.fee_fen - i.paid_principal_fen - i.paid_interest_fen - i.paid_fee_fen) AS outstanding_fen,
            (min(i.due_date) FILTER (WHERE i.due_date < $2::date AND (i.fully_paid_on IS NULL OR i.fully_paid_on > $2::date)))::text AS oldest_due_date
       FROM instalments i
      WHERE i.loan_id = ANY($1::uuid[])
      GROUP BY i.loan_id`,
    [loanIds, asOf],
  );
  for (const b of balances) {
    inputs.set(b.loan_id, { outstandingFen: Math.max(0, Number(b.outstanding_fen ?? 0)), oldestDueDate: b.oldest_due_date });
  }
  return inputs;
}
