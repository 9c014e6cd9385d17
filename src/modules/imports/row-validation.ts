import type { ImportRejection } from './import-types.ts';
import type { ImportKindDefinition } from './kinds/kind.ts';
import { REPLACEMENT_CHAR } from './encoding.ts';

/** How this file's header maps onto the kind's columns. */
export type HeaderPlan = {
  /** Known column → index in each record. */
  indexOf: ReadonlyMap<string, number>;
  /** The same mapping as parallel arrays, for the per-row loop. */
  columns: readonly string[];
  indices: readonly number[];
  present: ReadonlySet<string>;
  fieldCount: number;
  warnings: string[];
};

export type HeaderProblem = { en: string; zh: string };

/**
 * Column order is free; names are matched trimmed and case-insensitively. Missing required
 * columns refuse the whole file (every row would fail the same way). Unknown columns are
 * ignored with one warning rather than rejected: lenders' exports often carry extra columns
 * (remarks, internal codes) and refusing them would force manual editing of every file.
 */
export function planHeader(def: ImportKindDefinition, fields: string[]): HeaderPlan | HeaderProblem {
  const known = new Set([...def.requiredColumns, ...def.optionalColumns]);
  const indexOf = new Map<string, number>();
  const unknown: string[] = [];
  let unnamed = 0;
  for (const [i, raw] of fields.entries()) {
    const name = raw.replace(/^\uFEFF/, '').trim().toLowerCase();
    if (name === '') {
      unnamed++;
      continue;
    }
    if (!known.has(name)) {
      unknown.push(name);
      continue;
    }
    if (indexOf.has(name)) {
      return { en: `the header names column "${name}" twice`, zh: `表头中列"${name}"重复` };
    }
    indexOf.set(name, i);
  }
  const missing = def.requiredColumns.filter((c) => !indexOf.has(c));
  if (missing.length > 0) {
    return {
      en: `missing required columns: ${missing.join(', ')} (a ${def.kind} file needs ${def.requiredColumns.join(', ')})`,
      zh: `缺少必需的列：${missing.join('、')}`,
    };
  }
  const warnings: string[] = [];
  if (unknown.length > 0) warnings.push(`ignored unknown columns: ${unknown.join(', ')}`);
  if (unnamed > 0) warnings.push(`ignored ${unnamed} column(s) with an empty header`);
  return {
    indexOf,
    columns: [...indexOf.keys()],
    indices: [...indexOf.values()],
    present: new Set(indexOf.keys()),
    fieldCount: fields.length,
    warnings,
  };
}

const FORMULA_START = /^[=+\-@]/;
// What may follow a leading + or - in a legitimate number: amounts (-12.5), phones (+86 138-0013-8000).
const NUMERIC_REST = /^[\d\s.,()-]*$/;

/**
 * CSV/formula injection (OWASP): a cell that a spreadsheet would evaluate when the data is later
 * exported and opened. '=' and '@' always start a formula; '+'/'-' only when not followed by a
 * number, so '-12.5' stays a (negative) number and '+86 138…' a phone.
 */
export function looksLikeFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  // Cheap first-character test: almost every cell stops here.
  if (first !== 0x3d && first !== 0x2b && first !== 0x2d && first !== 0x40) return false;
  if (!FORMULA_START.test(value)) return false;
  if (value[0] === '=' || value[0] === '@') return true;
  return !NUMERIC_REST.test(value.slice(1));
}

const MAX_RAW_VALUE = 200;
export const clip = (value: string | null | undefined): string | null =>
  value == null || value === '' ? null : value.length > MAX_RAW_VALUE ? `${value.slice(0, MAX_RAW_VALUE)}…` : value;

export type RecordResult<Row> = { ok: true; row: Row } | { ok: false; rejections: ImportRejection[] };

export function validateRecord<Row>(
  def: ImportKindDefinition<Row>,
  plan: HeaderPlan,
  fields: string[],
  line: number,
): RecordResult<Row> {
  if (fields.length !== plan.fieldCount) {
    // Trailing empty fields (an extra comma at the end) are harmless; anything else is misaligned.
    const extraAllEmpty = fields.length > plan.fieldCount && fields.slice(plan.fieldCount).every((f) => f.trim() === '');
    if (!extraAllEmpty) {
      const reason = `row has ${fields.length} fields but the header has ${plan.fieldCount} / 该行有 ${fields.length} 个字段，表头为 ${plan.fieldCount} 个`;
      return { ok: false, rejections: [{ line, column: null, reason, rawValue: clip(fields.join(',')) }] };
    }
  }
  const cells: Record<string, string | undefined> = {};
  let problems: ImportRejection[] | null = null;
  const { columns, indices } = plan;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    const value = (fields[indices[c]!] ?? '').trim();
    cells[column] = value;
    if (value === '') continue;
    let reason: string | null = null;
    if (value.includes(REPLACEMENT_CHAR)) reason = 'contains bytes that are not valid text in the file encoding / 包含文件编码下无效的字节';
    else if (looksLikeFormula(value)) reason = 'looks like a spreadsheet formula / 疑似电子表格公式';
    if (reason) (problems ??= []).push({ line, column, reason, rawValue: clip(value) });
  }
  if (problems) return { ok: false, rejections: problems };

  const parsed = def.schema.safeParse(cells);
  if (parsed.success) return { ok: true, row: parsed.data };
  const seen = new Set<string>();
  const rejections: ImportRejection[] = [];
  for (const issue of parsed.error.issues) {
    const column = issue.path.length > 0 ? String(issue.path[0]) : null;
    const key = `${column}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rejections.push({ line, column, reason: issue.message, rawValue: column ? clip(cells[column]) : null });
  }
  return { ok: false, rejections };
}
