import { z } from 'zod';
import { LOAN_PRODUCTS, LOAN_STATUSES } from '../../loans/loans.schema.ts';
import { integerCell, oneOf, optionalCode, percentCell, requiredCode, requiredDate, yuanCell } from '../cells.ts';
import { lookupIds } from '../reference-cache.ts';
import { buildUpsertSql, columnArrays, countingUpsertSql, type UpsertColumn } from '../upsert-sql.ts';
import { reject, type ImportKindDefinition, type ValidRow } from './kind.ts';

const schema = z.object({
  loan_number: requiredCode(),
  customer_external_id: requiredCode(),
  product: oneOf(LOAN_PRODUCTS),
  // 10 billion yuan: far above any real single loan, low enough to catch a misplaced decimal point.
  principal: yuanCell({ positive: true, maxFen: 1_000_000_000_000 }),
  annual_rate: percentCell(10_000),
  term_months: integerCell(1, 600),
  disbursement_date: requiredDate,
  branch_id: requiredCode(),
  officer_code: optionalCode(),
  status: oneOf(LOAN_STATUSES, 'active'),
  credit_line_external_id: optionalCode(),
});

type Row = z.output<typeof schema>;

export const loansKind: ImportKindDefinition<Row> = {
  kind: 'loans',
  requiredColumns: [
    'loan_number', 'customer_external_id', 'product', 'principal', 'annual_rate', 'term_months', 'disbursement_date', 'branch_id',
  ],
  optionalColumns: ['officer_code', 'status', 'credit_line_external_id'],
  schema,
  key: { columns: ['loan_number'], of: (r) => r.loan_number },
  maxConcurrency: 2,

  async writeBatch(sql, rows, ctx) {
    const customerIds = await lookupIds(sql, 'customers', 'external_id', rows.map((v) => v.row.customer_external_id));
    const lineRefs = rows.flatMap((v) => (v.row.credit_line_external_id ? [v.row.credit_line_external_id] : []));
    const creditLineIds = lineRefs.length ? await lookupIds(sql, 'credit_lines', 'external_id', lineRefs) : new Map<string, string>();

    const rejections = [];
    // Parallel arrays rather than one merged object per row: this is the 1M-row hot path.
    const writable: ValidRow<Row>[] = [];
    const customerIdOf: string[] = [];
    const officerIdOf: (string | null)[] = [];
    const creditLineIdOf: (string | null)[] = [];
    for (const v of rows) {
      const { row } = v;
      const customerId = customerIds.get(row.customer_external_id);
      if (!customerId) {
        rejections.push(reject(v.line, 'customer_external_id', 'unknown customer / 客户不存在（请先导入客户）', row.customer_external_id));
        continue;
      }
      if (!ctx.refs.hasBranch(row.branch_id)) {
        rejections.push(reject(v.line, 'branch_id', 'unknown branch / 机构不存在', row.branch_id));
        continue;
      }
      const officerId = row.officer_code ? ctx.refs.staffId(row.officer_code) : null;
      if (officerId === undefined) {
        rejections.push(reject(v.line, 'officer_code', 'unknown staff employee code / 员工工号不存在', row.officer_code));
        continue;
      }
      const creditLineId = row.credit_line_external_id ? creditLineIds.get(row.credit_line_external_id) : null;
      if (creditLineId === undefined) {
        rejections.push(reject(v.line, 'credit_line_external_id', 'unknown credit line / 授信额度不存在', row.credit_line_external_id));
        continue;
      }
      writable.push(v);
      customerIdOf.push(customerId);
      officerIdOf.push(officerId);
      creditLineIdOf.push(creditLineId);
    }
    if (writable.length === 0) return { inserted: 0, updated: 0, rejections };

    const columns: UpsertColumn[] = [
      { name: 'loan_number', type: 'text' },
      { name: 'customer_id', type: 'uuid' },
      { name: 'product', type: 'text' },
      { name: 'principal_fen', type: 'bigint' },
      { name: 'annual_rate_bps', type: 'int' },
      { name: 'term_months', type: 'int' },
      { name: 'disbursement_date', type: 'date' },
      { name: 'branch_id', type: 'text' },
      { name: 'officer_id', type: 'uuid', onUpdate: ctx.present.has('officer_code') ? 'set' : 'keep' },
      { name: 'status', type: 'text', onUpdate: ctx.present.has('status') ? 'set' : 'keep' },
      { name: 'credit_line_id', type: 'uuid', onUpdate: ctx.present.has('credit_line_external_id') ? 'set' : 'keep' },
    ];
    const rowsOnly = writable.map((v) => v.row);
    const params = [
      ...columnArrays(rowsOnly, [(r) => r.loan_number]),
      customerIdOf,
      ...columnArrays(rowsOnly, [(r) => r.product, (r) => r.principal, (r) => r.annual_rate, (r) => r.term_months, (r) => r.disbursement_date, (r) => r.branch_id]),
      officerIdOf,
      ...columnArrays(rowsOnly, [(r) => r.status]),
      creditLineIdOf,
    ];
    const text = countingUpsertSql(
      buildUpsertSql({ table: 'loans', conflict: ['loan_number'], columns, touch: 'updated_at = now()' }),
    );
    const { rows: [counts] } = await sql.query<{ inserted: number; updated: number }>(text, params);
    return { inserted: counts!.inserted, updated: counts!.updated, rejections };
  },
};
