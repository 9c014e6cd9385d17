import type { SqlExecutor } from '../../platform/db/client.ts';
import { allocateRepayments, type AllocationPolicy, DEFAULT_ALLOCATION_POLICY } from './rules/allocate-repayments.ts';

type InstalmentRow = { id: string; loan_id: string; sequence: number; due_date: string; principal_fen: number; interest_fen: number; fee_fen: number };
type RepaymentRow = { id: string; loan_id: string; value_date: string; amount_fen: number };

const groupBy = <T extends { loan_id: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.loan_id) ?? [];
    list.push(r);
    map.set(r.loan_id, list);
  }
  return map;
};

/**
 * Re-derives every allocation of the given loans from scratch: a backdated or out-of-order payment
 * changes what earlier payments paid, so allocations are never patched incrementally. Rewrites
 * repayment_allocations, the paid_* cache on instalments (every instalment of the loan is in the
 * allocation result, so unpaid ones are written back to zero) and the loan's credit balance.
 * Call inside the transaction that recorded the payments or schedule change.
 */
export async function reallocateLoanPayments(
  sql: SqlExecutor,
  loanIds: string[],
  policy: AllocationPolicy = DEFAULT_ALLOCATION_POLICY,
): Promise<void> {
  if (loanIds.length === 0) return;
  const [{ rows: schedule }, { rows: payments }] = [
    await sql.query<InstalmentRow>(
      `SELECT id, loan_id, sequence, due_date::text AS due_date, principal_fen, interest_fen, fee_fen
         FROM instalments WHERE loan_id = ANY($1::uuid[]) ORDER BY loan_id, sequence`,
      [loanIds],
    ),
    await sql.query<RepaymentRow>(
      `SELECT id, loan_id, value_date::text AS value_date, amount_fen
         FROM repayments WHERE loan_id = ANY($1::uuid[]) ORDER BY loan_id, value_date, created_at, external_id`,
      [loanIds],
    ),
  ];
  const scheduleByLoan = groupBy(schedule);
  const paymentsByLoan = groupBy(payments);

  const alloc = { repayment: [] as string[], instalment: [] as string[], component: [] as string[], amount: [] as number[] };
  const paid = { id: [] as string[], principal: [] as number[], interest: [] as number[], fee: [] as number[], on: [] as (string | null)[] };
  const credit = { loan: [] as string[], amount: [] as number[] };

  for (const loanId of loanIds) {
    const result = allocateRepayments(
      (scheduleByLoan.get(loanId) ?? []).map((i) => ({
        id: i.id, sequence: i.sequence, dueDate: i.due_date, principalFen: Number(i.principal_fen), interestFen: Number(i.interest_fen), feeFen: Number(i.fee_fen),
      })),
      (paymentsByLoan.get(loanId) ?? []).map((p) => ({ id: p.id, valueDate: p.value_date, amountFen: Number(p.amount_fen) })),
      policy,
    );
    for (const a of result.allocations) {
      alloc.repayment.push(a.paymentId);
      alloc.instalment.push(a.instalmentId);
      alloc.component.push(a.component);
      alloc.amount.push(a.amountFen);
    }
    for (const [instalmentId, p] of result.paidByInstalment) {
      paid.id.push(instalmentId);
      paid.principal.push(p.principalFen);
      paid.interest.push(p.interestFen);
      paid.fee.push(p.feeFen);
      paid.on.push(p.fullyPaidOn);
    }
    credit.loan.push(loanId);
    credit.amount.push(result.overpaymentFen);
  }

  await sql.query(
    `DELETE FROM repayment_allocations ra USING repayments r WHERE ra.repayment_id = r.id AND r.loan_id = ANY($1::uuid[])`,
    [loanIds],
  );
  if (alloc.repayment.length) {
    await sql.query(
      `INSERT INTO repayment_allocations (repayment_id, instalment_id, component, amount_fen)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[])`,
      [alloc.repayment, alloc.instalment, alloc.component, alloc.amount],
    );
  }
  if (paid.id.length) {
    await sql.query(
      `UPDATE instalments i SET paid_principal_fen = u.p, paid_interest_fen = u.i, paid_fee_fen = u.f, fully_paid_on = u.d
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::date[]) AS u(id, p, i, f, d)
        WHERE i.id = u.id
          AND (i.paid_principal_fen, i.paid_interest_fen, i.paid_fee_fen, i.fully_paid_on) IS DISTINCT FROM (u.p, u.i, u.f, u.d)`,
      [paid.id, paid.principal, paid.interest, paid.fee, paid.on],
    );
  }
  await sql.query(
    `UPDATE loans l SET credit_balance_fen = u.c, updated_at = now()
       FROM unnest($1::uuid[], $2::bigint[]) AS u(id, c) WHERE l.id = u.id AND l.credit_balance_fen IS DISTINCT FROM u.c`,
    [credit.loan, credit.amount],
  );
}
