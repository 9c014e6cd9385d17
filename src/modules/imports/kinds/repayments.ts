import { z } from 'zod';
import { fenToDecimalString } from '../../../platform/money/fen.ts';
import { reallocateLoanPayments } from '../../loans/reallocate-payments.ts';
import { MAX_LENGTH, optionalText, requiredCode, requiredDate, yuanCell } from '../cells.ts';
import { lookupIds } from '../reference-cache.ts';
import { buildUpsertSql, columnArrays, type UpsertColumn } from '../upsert-sql.ts';
import { reject, type ImportKindDefinition, type ValidRow } from './kind.ts';

const schema = z.object({
  external_id: requiredCode(),
  loan_number: requiredCode(),
  value_date: requiredDate,
  amount: yuanCell({ positive: true }),
  channel: optionalText(MAX_LENGTH.short),
});

type Row = z.output<typeof schema>;

type Existing = { external_id: string; loan_number: string; value_date: string; amount_fen: number; channel: string | null };

export const IMMUTABLE_REASON = 'repayments are immutable; post a reversal';

/**
 * Repayments are money received: once recorded they are never edited. Re-sending the identical
 * row is a no-op (unchanged); the same external id with a different loan, date, amount or
 * channel is rejected. New payments re-allocate all payments of their loans, so a backdated or
 * out-of-order payment lands on the right instalments.
 */
export const repaymentsKind: ImportKindDefinition<Row> = {
  kind: 'repayments',
  requiredColumns: ['external_id', 'loan_number', 'value_date', 'amount'],
  optionalColumns: ['channel'],
  schema,
  key: { columns: ['external_id'], of: (r) => r.external_id },
  maxConcurrency: 1,

  async writeBatch(sql, rows) {
    const { rows: found } = await sql.query<Existing>(
      `SELECT r.external_id, l.loan_number, r.value_date::text AS value_date, r.amount_fen, r.channel
         FROM repayments r JOIN loans l ON l.id = r.loan_id WHERE r.external_id = ANY($1::text[])`,
      [rows.map((v) => v.row.external_id)],
    );
    const existing = new Map(found.map((e) => [e.external_id, e]));
    const loanIds = await lookupIds(sql, 'loans', 'loan_number', rows.map((v) => v.row.loan_number));

    const rejections = [];
    const fresh: Array<ValidRow<Row> & { loanId: string }> = [];
    for (const v of rows) {
      const { row } = v;
      const before = existing.get(row.external_id);
      if (before) {
        const changed = firstDifference(before, row);
        if (changed) rejections.push(reject(v.line, changed.column, `${IMMUTABLE_REASON} (stored: ${changed.stored}) / 还款记录不可修改，请录入冲正（已存值：${changed.stored}）`, changed.value));
        continue; // identical: unchanged
      }
      const loanId = loanIds.get(row.loan_number);
      if (!loanId) {
        rejections.push(reject(v.line, 'loan_number', 'unknown loan / 贷款不存在（请先导入贷款）', row.loan_number));
        continue;
      }
      fresh.push({ ...v, loanId });
    }
    if (fresh.length === 0) return { inserted: 0, updated: 0, rejections };

    const columns: UpsertColumn[] = [
      { name: 'external_id', type: 'text' },
      { name: 'loan_id', type: 'uuid', onUpdate: 'keep' },
      { name: 'value_date', type: 'date', onUpdate: 'keep' },
      { name: 'amount_fen', type: 'bigint', onUpdate: 'keep' },
      { name: 'channel', type: 'text', onUpdate: 'keep' },
    ];
    const params = columnArrays(fresh, [
      (v) => v.row.external_id,
      (v) => v.loanId,
      (v) => v.row.value_date,
      (v) => v.row.amount,
      (v) => v.row.channel,
    ]);
    // All columns 'keep' → ON CONFLICT DO NOTHING: a row inserted concurrently by another run is left as it is.
    const text = buildUpsertSql({ table: 'repayments', conflict: ['external_id'], columns, returning: 'loan_id' });
    const { rows: inserted } = await sql.query<{ loan_id: string }>(text, params);
    await reallocateLoanPayments(sql, [...new Set(inserted.map((r) => r.loan_id))]);
    return { inserted: inserted.length, updated: 0, rejections };
  },
};

function firstDifference(before: Existing, row: Row): { column: string; stored: string; value: string } | null {
  if (before.loan_number !== row.loan_number) return { column: 'loan_number', stored: before.loan_number, value: row.loan_number };
  if (before.value_date !== row.value_date) return { column: 'value_date', stored: before.value_date, value: row.value_date };
  if (Number(before.amount_fen) !== row.amount) {
    return { column: 'amount', stored: fenToDecimalString(Number(before.amount_fen)), value: fenToDecimalString(row.amount) };
  }
  // An absent channel column says nothing about the channel; a present one must match.
  if (row.channel !== undefined && (before.channel ?? null) !== (row.channel ?? null)) {
    return { column: 'channel', stored: before.channel ?? '(empty)', value: row.channel ?? '' };
  }
  return null;
}
