import { z } from 'zod';
import { CONTACT_KINDS, CONTACT_RELATIONSHIPS, CONTACT_SOURCES } from '../../customers/customers.schema.ts';
import { normalisePhone } from '../../customers/rules/phone.ts';
import {
  MAX_LENGTH, booleanCell, oneOf, optionalText, optionalTimestamp, requiredCode, requiredText,
} from '../cells.ts';
import { lookupIds } from '../reference-cache.ts';
import { buildUpsertSql, columnArrays, countingUpsertSql, type UpsertColumn } from '../upsert-sql.ts';
import { reject, type ImportKindDefinition, type ValidRow } from './kind.ts';

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is checked by sending.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const schema = z
  .object({
    external_id: requiredCode(),
    customer_external_id: requiredCode(),
    kind: oneOf(CONTACT_KINDS),
    value: requiredText(MAX_LENGTH.address),
    label: optionalText(MAX_LENGTH.short),
    relationship: oneOf(CONTACT_RELATIONSHIPS, 'self'),
    third_party_name: optionalText(MAX_LENGTH.name),
    is_primary: booleanCell(false),
    verified: booleanCell(false),
    source: oneOf(CONTACT_SOURCES, 'core-banking'),
    last_verified_at: optionalTimestamp,
  })
  .transform((r, ctx) => {
    const issue = (column: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [column], message });
      return z.NEVER;
    };
    if (r.relationship !== 'self' && !r.third_party_name) {
      issue('third_party_name', `is required when relationship is ${r.relationship} / relationship 为 ${r.relationship} 时必填`);
    }
    let value = r.value;
    if (r.kind === 'phone') {
      const phone = normalisePhone(r.value, 'CN');
      if (!phone.ok) return issue('value', 'is not a valid phone number / 不是有效的电话号码');
      value = phone.e164;
    } else if (r.kind === 'email') {
      if (value.length > MAX_LENGTH.email || !EMAIL.test(value)) return issue('value', 'is not a valid e-mail address / 不是有效的电子邮箱地址');
      value = value.toLowerCase();
    }
    return { ...r, value };
  });

type Row = z.output<typeof schema>;

const KEEP_WHEN_ABSENT = ['label', 'third_party_name', 'is_primary', 'verified', 'source', 'last_verified_at'];

export const contactsKind: ImportKindDefinition<Row> = {
  kind: 'contacts',
  requiredColumns: ['external_id', 'customer_external_id', 'kind', 'value'],
  optionalColumns: ['label', 'relationship', 'third_party_name', 'is_primary', 'verified', 'source', 'last_verified_at'],
  schema,
  key: { columns: ['external_id'], of: (r) => r.external_id },
  maxConcurrency: 2,

  async writeBatch(sql, rows, ctx) {
    const customerIds = await lookupIds(sql, 'customers', 'external_id', rows.map((v) => v.row.customer_external_id));
    const rejections = [];
    const writable: Array<ValidRow<Row> & { customerId: string }> = [];
    for (const v of rows) {
      const customerId = customerIds.get(v.row.customer_external_id);
      if (customerId) writable.push({ ...v, customerId });
      else rejections.push(reject(v.line, 'customer_external_id', 'unknown customer / 客户不存在（请先导入客户）', v.row.customer_external_id));
    }
    if (writable.length === 0) return { inserted: 0, updated: 0, rejections };

    const columns: UpsertColumn[] = [
      { name: 'external_id', type: 'text' },
      { name: 'customer_id', type: 'uuid' },
      { name: 'kind', type: 'text' },
      { name: 'value', type: 'text' },
      { name: 'label', type: 'text' },
      { name: 'relationship', type: 'text' },
      { name: 'third_party_name', type: 'text' },
      { name: 'is_primary', type: 'boolean' },
      { name: 'verified', type: 'boolean' },
      { name: 'source', type: 'text' },
      { name: 'last_verified_at', type: 'timestamptz' },
    ];
    for (const c of columns) if (KEEP_WHEN_ABSENT.includes(c.name) && !ctx.present.has(c.name)) c.onUpdate = 'keep';
    const params = columnArrays(writable, [
      (v) => v.row.external_id,
      (v) => v.customerId,
      (v) => v.row.kind,
      (v) => v.row.value,
      (v) => v.row.label,
      (v) => v.row.relationship,
      (v) => v.row.third_party_name,
      (v) => v.row.is_primary,
      (v) => v.row.verified,
      (v) => v.row.source,
      (v) => v.row.last_verified_at,
    ]);
    const text = countingUpsertSql(buildUpsertSql({ table: 'contact_points', conflict: ['external_id'], columns }));
    const { rows: [counts] } = await sql.query<{ inserted: number; updated: number }>(text, params);
    return { inserted: counts!.inserted, updated: counts!.updated, rejections };
  },
};
