import { z } from 'zod';
import { isValidCalendarDate } from '../../platform/time/calendar-date.ts';

/**
 * Zod schemas for single CSV cells, shared by every import kind. A cell arrives trimmed, as a
 * string, or `undefined` when its column is not in the file's header at all ("absent": on update
 * the stored value is then left alone). An empty cell in a present column means "no value".
 * Messages are short 'English / 中文' sentences; they end up in the rejection report next to the column.
 */

type Ctx = z.core.$RefinementCtx<string | undefined>;
const fail = (ctx: Ctx, message: string): never => {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
};
const cell = z.string().optional();

/** Absent column → undefined; blank → null. */
export type Maybe<T> = T | null | undefined;

export const MAX_LENGTH = { code: 64, name: 200, short: 100, text: 200, address: 500, email: 254 } as const;

export function requiredText(max: number) {
  return cell.transform((v, ctx): string => {
    if (!v) return fail(ctx, 'is required / 必填');
    if (v.length > max) return fail(ctx, `is longer than ${max} characters / 超过 ${max} 个字符`);
    return v;
  });
}

export function optionalText(max: number) {
  return cell.transform((v, ctx): Maybe<string> => {
    if (v === undefined) return undefined;
    if (v === '') return null;
    if (v.length > max) return fail(ctx, `is longer than ${max} characters / 超过 ${max} 个字符`);
    return v;
  });
}

/** External ids and codes: no spaces or control characters, so they can be matched exactly. */
export function requiredCode(max: number = MAX_LENGTH.code) {
  return requiredText(max).refine((v) => /^[^\s\p{Cc}]+$/u.test(v), 'must not contain spaces / 不能包含空格');
}

export function optionalCode(max: number = MAX_LENGTH.code) {
  return optionalText(max).refine((v) => v == null || /^[^\s\p{Cc}]+$/u.test(v), 'must not contain spaces / 不能包含空格');
}

/** One of `values`; blank/absent gives `fallback` when there is one, else "is required". */
export function oneOf<const T extends readonly string[]>(values: T, fallback?: T[number]) {
  return cell.transform((v, ctx): T[number] => {
    if (!v) return fallback ?? fail(ctx, `is required (one of ${values.join(', ')}) / 必填（可选值：${values.join(', ')}）`);
    if (!(values as readonly string[]).includes(v)) return fail(ctx, `must be one of ${values.join(', ')} / 取值须为：${values.join(', ')}`);
    return v as T[number];
  });
}

export function optionalOneOf<const T extends readonly string[]>(values: T) {
  return cell.transform((v, ctx): Maybe<T[number]> => {
    if (v === undefined) return undefined;
    if (v === '') return null;
    if (!(values as readonly string[]).includes(v)) return fail(ctx, `must be one of ${values.join(', ')} / 取值须为：${values.join(', ')}`);
    return v as T[number];
  });
}

function checkDate(v: string, ctx: Ctx): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return fail(ctx, 'must be a date written YYYY-MM-DD / 日期格式应为 YYYY-MM-DD');
  if (!isValidCalendarDate(v)) return fail(ctx, 'is not a real calendar date / 不是有效的日历日期');
  if (v < '1900-01-01' || v > '2199-12-31') return fail(ctx, 'is outside 1900-2199 / 日期须在 1900-2199 年之间');
  return v;
}

export const requiredDate = cell.transform((v, ctx): string => (v ? checkDate(v, ctx) : fail(ctx, 'is required / 必填')));

export const optionalDate = cell.transform((v, ctx): Maybe<string> => {
  if (v === undefined) return undefined;
  return v === '' ? null : checkDate(v, ctx);
});

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;

/** 'YYYY-MM-DD' or ISO date-time; without an offset the time is China Standard Time (+08:00). */
export const optionalTimestamp = cell.transform((v, ctx): Maybe<string> => {
  if (v === undefined) return undefined;
  if (v === '') return null;
  const m = TIMESTAMP.exec(v);
  if (!m) return fail(ctx, 'must be a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS+08:00) / 须为日期（YYYY-MM-DD）或日期时间（YYYY-MM-DDTHH:MM:SS+08:00）');
  checkDate(m[1]!, ctx);
  const [hh = '00', mm = '00', ss = '00'] = [m[2], m[3], m[4]];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return fail(ctx, 'has an invalid time of day / 时间无效');
  return `${m[1]}T${hh}:${mm}:${ss}${m[5] ?? '+08:00'}`;
});

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

export function booleanCell(fallback: boolean) {
  return cell.transform((v, ctx): boolean => {
    if (!v) return fallback;
    const b = BOOLEANS[v.toLowerCase()];
    return b ?? fail(ctx, 'must be true or false / 应为 true 或 false');
  });
}

export function integerCell(min: number, max: number) {
  return cell.transform((v, ctx): number => {
    if (!v) return fail(ctx, 'is required / 必填');
    if (!/^[+-]?\d{1,9}$/.test(v)) return fail(ctx, 'must be a whole number / 应为整数');
    const n = Number(v);
    if (n < min || n > max) return fail(ctx, `must be between ${min} and ${max} / 须在 ${min} 到 ${max} 之间`);
    return n;
  });
}

const DECIMAL = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * Exact decimal with at most 2 places → integer hundredths (yuan → fen, percent → basis points),
 * by string manipulation, never floating point. `what` names the unit in messages.
 */
function hundredths(v: string, ctx: Ctx, what: string, whatZh: string): number {
  if (!DECIMAL.test(v)) return fail(ctx, `must be a number of ${what}, e.g. 1234.56 / 须为以${whatZh}计的数字，如 1234.56`);
  const negative = v.startsWith('-');
  const unsigned = v.replace(/^[+-]/, '').replaceAll(',', '');
  const [whole, frac = ''] = unsigned.split('.') as [string, string?];
  if (frac.length > 2) return fail(ctx, 'has more than 2 decimal places / 小数超过 2 位');
  const value = BigInt(whole + frac.padEnd(2, '0'));
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return fail(ctx, 'is too large / 数值过大');
  const n = Number(value);
  if (negative && n !== 0) return fail(ctx, 'must not be negative / 不能为负数');
  return n;
}

/** Yuan in the file, integer fen out. `positive` rejects zero as well. */
export function yuanCell(opts: { positive: boolean; fallback?: number; maxFen?: number }) {
  return cell.transform((v, ctx): number => {
    if (!v) return opts.fallback ?? fail(ctx, 'is required / 必填');
    const fen = hundredths(v, ctx, 'yuan', '元');
    if (opts.positive && fen === 0) return fail(ctx, 'must be greater than 0 / 须大于 0');
    if (opts.maxFen !== undefined && fen > opts.maxFen) return fail(ctx, `must not exceed ${opts.maxFen / 100} yuan / 不能超过 ${opts.maxFen / 100} 元`);
    return fen;
  });
}

/** A percentage such as 4.35 → 435 basis points. */
export function percentCell(maxBps: number) {
  return cell.transform((v, ctx): number => {
    if (!v) return fail(ctx, 'is required / 必填');
    const bps = hundredths(v.replace(/%$/, ''), ctx, 'percent', '百分比');
    if (bps > maxBps) return fail(ctx, `must not exceed ${maxBps / 100}% / 不能超过 ${maxBps / 100}%`);
    return bps;
  });
}
