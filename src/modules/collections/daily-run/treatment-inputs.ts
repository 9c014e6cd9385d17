import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { CollectionAccount } from '../strategies/index.ts';

/** What the strategy needs about a delinquent loan beyond the case itself, read once per run. */
export type TreatmentInput = {
  product: CollectionAccount['product'];
  customerType: CollectionAccount['customerType'];
  birthDate: string | null;
  /** Every unpaid instalment amount, due or not (the strategy's balance conditions, the reminder's 剩余应还). */
  outstandingFen: number;
  /** The oldest instalment due before the as-of date and not fully paid on it. */
  oldestDueDate: CalendarDate | null;
};

/**
 * The treatment inputs of the day's delinquent loans, in two set-based statements. Read per batch
 * through the indexes, the same rows cost a random page read each (loan, customer, a dozen
 * instalments) and were most of the run's time at 1,000,000 loans; read here, PostgreSQL joins
 * them by hash and scans the schedule once (in parallel workers). Memory: one small entry per
 * delinquent loan, which the run already holds.
 */
export async function loadTreatmentInputs(exec: SqlExecutor, asOf: CalendarDate, loanIds: string[]): Promise<Map<string, TreatmentInput>> {
  const inputs = new Map<string, TreatmentInput>();
  if (loanIds.length === 0) return inputs;
  const { rows: loans } = await exec.query<{ loan_id: string; product: TreatmentInput['product']; customer_type: TreatmentInput['customerType']; birth_date: string | null }>(
    `SELECT l.id AS loan_id, l.product, cu.type AS customer_type, cu.birth_date::text AS birth_date
       FROM unnest($1::uuid[]) AS d(loan_id)
       JOIN loans l ON l.id = d.loan_id
       JOIN customers cu ON cu.id = l.customer_id`,
    [loanIds],
  );
  for (const l of loans) {
    inputs.set(l.loan_id, { product: l.product, customerType: l.customer_type, birthDate: l.birth_date, outstandingFen: 0, oldestDueDate: null });
  }
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
    const input = inputs.get(b.loan_id);
    if (!input) continue;
    input.outstandingFen = Math.max(0, Number(b.outstanding_fen ?? 0));
    input.oldestDueDate = b.oldest_due_date;
  }
  return inputs;
}
