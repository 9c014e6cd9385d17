import { z } from 'zod';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { reallocateLoanPayments } from '../../loans/reallocate-payments.ts';
import { integerCell, requiredCode, requiredDate, yuanCell } from '../cells.ts';
import { lookupIds } from '../reference-cache.ts';
import { buildUpsertSql, columnArrays, type UpsertColumn } from '../upsert-sql.ts';
import { reject, type ImportKindDefinition, type ValidRow } from './kind.ts';

const schema = z.object({
  loan_number: requiredCode(),
  sequence: integerCell(1, 600),
  due_date: requiredDate,
  principal: yuanCell({ positive: false }),
  interest: yuanCell({ positive: false }),
  fee: yuanCell({ positive: false, fallback: 0 }),
});

type Row = z.output<typeof schema>;

/**
 * Only loans with payments (whose allocation may move), with derived paid state to recompute, or
 * with an instalment owing nothing (which counts as paid on its due date) need re-allocating: for
 * the rest the derived paid_* columns stay zero. Skipping them keeps a first schedule import from rewriting every instalment it just wrote.
 */
async function loansNeedingReallocation(sql: SqlExecutor, changedLoanIds: string[], rows: Array<ValidRow<Row> & { loanId: string }>): Promise<string[]> {
  const changed = [...new Set(changedLoanIds)];
  if (changed.length === 0) return [];
  const { rows: paid } = await sql.query<{ loan_id: string }>(
    `SELECT loan_id FROM repayments WHERE loan_id = ANY($1::uuid[])
     UNION
     SELECT loan_id FROM instalments WHERE loan_id = ANY($1::uuid[]) AND (fully_paid_on IS NOT NULL OR paid_principal_fen + paid_interest_fen + paid_fee_fen > 0)`,
    [changed],
  );
  const needed = new Set(paid.map((p) => p.loan_id));
  const changedSet = new Set(changed);
  for (const v of rows) {
    if (changedSet.has(v.loanId) && v.row.principal + v.row.interest + v.row.fee === 0) needed.add(v.loanId);
  }
  return [...needed];
}

/**
 * Instalments keyed by (loan_number, sequence). paid_* columns are not in the file: they are
 * derived. Any inserted or changed instalment re-allocates its loan's payments in the same
 * transaction, so a corrected schedule immediately corrects what is overdue.
 */
export const schedulesKind: ImportKindDefinition<Row> = {
  kind: 'schedules',
  requiredColumns: ['loan_number', 'sequence', 'due_date', 'principal', 'interest'],
  optionalColumns: ['fee'],
  schema,
  key: { columns: ['loan_number', 'sequence'], of: (r) => `${r.loan_number}\u0000${r.sequence}` },
  maxConcurrency: 1,

  async writeBatch(sql, rows, ctx) {
    const loanIds = await lookupIds(sql, 'loans', 'loan_number', rows.map((v) => v.row.loan_number));
    const rejections = [];
    const writable: Array<ValidRow<Row> & { loanId: string }> = [];
    for (const v of rows) {
      const loanId = loanIds.get(v.row.loan_number);
      if (loanId) writable.push({ ...v, loanId });
      else rejections.push(reject(v.line, 'loan_number', 'unknown loan / 贷款不存在（请先导入贷款）', v.row.loan_number));
    }
    if (writable.length === 0) return { inserted: 0, updated: 0, rejections };

    const columns: UpsertColumn[] = [
      { name: 'loan_id', type: 'uuid' },
      { name: 'sequence', type: 'int' },
      { name: 'due_date', type: 'date' },
      { name: 'principal_fen', type: 'bigint' },
      { name: 'interest_fen', type: 'bigint' },
      { name: 'fee_fen', type: 'bigint', onUpdate: ctx.present.has('fee') ? 'set' : 'keep' },
    ];
    const params = columnArrays(writable, [
      (v) => v.loanId,
      (v) => v.row.sequence,
      (v) => v.row.due_date,
      (v) => v.row.principal,
      (v) => v.row.interest,
      (v) => v.row.fee,
    ]);
    const text = buildUpsertSql({ table: 'instalments', conflict: ['loan_id', 'sequence'], columns, returning: 'loan_id' });
    const { rows: changed } = await sql.query<{ inserted: boolean; loan_id: string }>(text, params);
    await reallocateLoanPayments(sql, await loansNeedingReallocation(sql, changed.map((c) => c.loan_id), writable));
    const inserted = changed.filter((c) => c.inserted).length;
    return { inserted, updated: changed.length - inserted, rejections };
  },
};
