import { z } from 'zod';
import { CUSTOMER_TYPES, GENDERS, LANGUAGES, RISK_TIERS } from '../../customers/customers.schema.ts';
import { validateResidentId } from '../../customers/rules/resident-id.ts';
import { validateUnifiedSocialCreditCode } from '../../customers/rules/unified-social-credit-code.ts';
import { maskResidentId } from '../../../platform/privacy/masking.ts';
import {
  MAX_LENGTH, oneOf, optionalCode, optionalDate, optionalOneOf, optionalText, requiredCode, requiredText,
} from '../cells.ts';
import { buildUpsertSql, columnArrays, countingUpsertSql, type UpsertColumn } from '../upsert-sql.ts';
import { reject, type ImportKindDefinition, type ValidRow } from './kind.ts';

const ID_REASONS: Record<string, string> = {
  length: 'must be 18 characters / 应为 18 位',
  format: 'must be 17 digits followed by a digit or X / 须为 17 位数字加 1 位数字或 X',
  'birth-date': 'contains an impossible birth date / 包含不存在的出生日期',
  'check-digit': 'has an invalid check digit / 校验位错误',
};
const CREDIT_CODE_REASONS: Record<string, string> = {
  length: 'must be 18 characters / 应为 18 位',
  format: 'contains characters outside the GB 32100 alphabet / 含有 GB 32100 字符集以外的字符',
  'check-digit': 'has an invalid check digit / 校验位错误',
};

const schema = z
  .object({
    external_id: requiredCode(),
    type: oneOf(CUSTOMER_TYPES),
    name: requiredText(MAX_LENGTH.name),
    id_number: optionalText(18 + 2),
    birth_date: optionalDate,
    gender: optionalOneOf(GENDERS),
    occupation: optionalText(MAX_LENGTH.short),
    credit_code: optionalText(18 + 2),
    industry: optionalText(MAX_LENGTH.short),
    legal_representative: optionalText(MAX_LENGTH.name),
    branch_id: requiredCode(),
    relationship_manager_code: optionalCode(),
    risk_tier: oneOf(RISK_TIERS, 'medium'),
    time_zone: optionalText(MAX_LENGTH.short),
    preferred_language: oneOf(LANGUAGES, 'zh-CN'),
  })
  .transform((r, ctx) => {
    const issue = (column: string, message: string) => ctx.addIssue({ code: 'custom', path: [column], message });
    if (r.time_zone && !isTimeZone(r.time_zone)) issue('time_zone', 'is not an IANA time zone such as Asia/Shanghai / 不是 IANA 时区（如 Asia/Shanghai）');
    let id: { normalised: string; birthDate: string; gender: 'male' | 'female' } | null = null;
    if (r.type === 'individual') {
      if (r.credit_code) issue('credit_code', 'applies to enterprises only / 仅适用于企业客户，个人须留空');
      if (!r.id_number) {
        issue('id_number', 'is required for an individual / 个人客户必填');
      } else {
        const check = validateResidentId(r.id_number);
        if (!check.ok) {
          issue('id_number', ID_REASONS[check.reason] ?? 'is not a valid resident ID number / 不是有效的居民身份证号码');
        } else {
          id = check;
          if (r.birth_date && r.birth_date !== check.birthDate) issue('birth_date', `does not match the ID number (${check.birthDate}) / 与身份证号不符（${check.birthDate}）`);
          if (r.gender && r.gender !== check.gender) issue('gender', `does not match the ID number (${check.gender}) / 与身份证号不符（${check.gender}）`);
        }
      }
    } else {
      if (r.id_number) issue('id_number', 'applies to individuals only / 仅适用于个人客户，企业须留空');
      if (!r.credit_code) {
        issue('credit_code', 'is required for an enterprise / 企业客户必填');
      } else {
        const check = validateUnifiedSocialCreditCode(r.credit_code);
        if (!check.ok) issue('credit_code', CREDIT_CODE_REASONS[check.reason] ?? 'is not a valid unified social credit code / 不是有效的统一社会信用代码');
      }
    }
    // Individuals: birth date and gender come from the (validated) ID number when not given.
    return {
      ...r,
      id_number: id ? id.normalised : null,
      credit_code: r.type === 'enterprise' && r.credit_code ? r.credit_code.toUpperCase() : null,
      birth_date: id ? id.birthDate : null,
      gender: id ? id.gender : null,
      time_zone: r.time_zone || 'Asia/Shanghai',
    };
  });

type Row = z.output<typeof schema>;

const zoneCache = new Map<string, boolean>();
function isTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}

/** Optional CSV columns whose DB column is left alone on update when the column is absent. */
const KEEP_WHEN_ABSENT: Record<string, string> = {
  occupation: 'occupation',
  industry: 'industry',
  legal_representative: 'legal_representative',
  relationship_manager_code: 'relationship_manager_id',
  risk_tier: 'risk_tier',
  time_zone: 'time_zone',
  preferred_language: 'preferred_language',
};

export const customersKind: ImportKindDefinition<Row> = {
  kind: 'customers',
  requiredColumns: ['external_id', 'type', 'name', 'branch_id'],
  optionalColumns: [
    'id_number', 'birth_date', 'gender', 'occupation', 'credit_code', 'industry', 'legal_representative',
    'relationship_manager_code', 'risk_tier', 'time_zone', 'preferred_language',
  ],
  schema,
  key: { columns: ['external_id'], of: (r) => r.external_id },
  alsoUnique: [{ column: 'credit_code', of: (r) => r.credit_code }],
  maxConcurrency: 2,

  async writeBatch(sql, rows, ctx) {
    const rejections = [];
    const accepted: Array<ValidRow<Row> & { rmId: string | null }> = [];
    for (const v of rows) {
      const { row } = v;
      if (!ctx.refs.hasBranch(row.branch_id)) {
        rejections.push(reject(v.line, 'branch_id', 'unknown branch / 机构不存在', row.branch_id));
        continue;
      }
      let rmId: string | null = null;
      if (row.relationship_manager_code) {
        rmId = ctx.refs.staffId(row.relationship_manager_code) ?? null;
        if (!rmId) {
          rejections.push(reject(v.line, 'relationship_manager_code', 'unknown staff employee code / 员工工号不存在', row.relationship_manager_code));
          continue;
        }
      }
      accepted.push({ ...v, rmId });
    }

    // A credit code is unique across customers: refuse it here rather than failing the batch.
    const codes = accepted.flatMap((v) => (v.row.credit_code ? [v.row.credit_code] : []));
    const owners = new Map<string, string>();
    if (codes.length > 0) {
      const { rows: found } = await sql.query<{ credit_code: string; external_id: string }>(
        'SELECT credit_code, external_id FROM customers WHERE credit_code = ANY($1::text[])',
        [codes],
      );
      for (const f of found) owners.set(f.credit_code, f.external_id);
    }
    const writable = accepted.filter((v) => {
      const owner = v.row.credit_code ? owners.get(v.row.credit_code) : undefined;
      if (owner === undefined || owner === v.row.external_id) return true;
      rejections.push(reject(v.line, 'credit_code', `already belongs to customer ${owner} / 已属于客户 ${owner}`, v.row.credit_code));
      return false;
    });
    if (writable.length === 0) return { inserted: 0, updated: 0, rejections };

    const columns: UpsertColumn[] = [
      { name: 'external_id', type: 'text' },
      { name: 'type', type: 'text' },
      { name: 'name', type: 'text' },
      // AES-GCM ciphertexts differ on every run (random IV): compare the keyed hash, and only
      // replace the ciphertext when the ID number itself changed.
      {
        name: 'id_number_ciphertext',
        type: 'text',
        onUpdate: { expr: 'CASE WHEN customers.id_number_hash IS DISTINCT FROM excluded.id_number_hash THEN excluded.id_number_ciphertext ELSE customers.id_number_ciphertext END' },
      },
      { name: 'id_number_hash', type: 'text' },
      { name: 'id_number_masked', type: 'text' },
      { name: 'birth_date', type: 'date' },
      { name: 'gender', type: 'text' },
      { name: 'occupation', type: 'text' },
      { name: 'credit_code', type: 'text' },
      { name: 'industry', type: 'text' },
      { name: 'legal_representative', type: 'text' },
      { name: 'branch_id', type: 'text' },
      { name: 'relationship_manager_id', type: 'uuid' },
      { name: 'risk_tier', type: 'text' },
      { name: 'time_zone', type: 'text' },
      { name: 'preferred_language', type: 'text' },
    ];
    const absent = new Set(Object.entries(KEEP_WHEN_ABSENT).filter(([csv]) => !ctx.present.has(csv)).map(([, db]) => db));
    for (const c of columns) if (absent.has(c.name)) c.onUpdate = 'keep';

    const { cipher } = ctx;
    const params = columnArrays(writable, [
      (v) => v.row.external_id,
      (v) => v.row.type,
      (v) => v.row.name,
      (v) => (v.row.id_number ? cipher.encrypt(v.row.id_number) : null),
      (v) => (v.row.id_number ? cipher.searchHash(v.row.id_number) : null),
      (v) => (v.row.id_number ? maskResidentId(v.row.id_number) : null),
      (v) => v.row.birth_date,
      (v) => v.row.gender,
      (v) => v.row.occupation,
      (v) => v.row.credit_code,
      (v) => v.row.industry,
      (v) => v.row.legal_representative,
      (v) => v.row.branch_id,
      (v) => v.rmId,
      (v) => v.row.risk_tier,
      (v) => v.row.time_zone,
      (v) => v.row.preferred_language,
    ]);
    const text = countingUpsertSql(
      buildUpsertSql({ table: 'customers', conflict: ['external_id'], columns, touch: 'updated_at = now()' }),
    );
    const { rows: [counts] } = await sql.query<{ inserted: number; updated: number }>(text, params);
    return { inserted: counts!.inserted, updated: counts!.updated, rejections };
  },
};
