import { isApiProblem } from '../api/client.ts';
import type { Locale, Translate } from './i18n.tsx';

export type ProblemMessage = { message: string; fields: string[] };

const CJK = /[\u3400-\u9fff]/;

/** True when the text has Chinese characters (which half of a bilingual message is the Chinese one). */
export const hasChinese = (text: string): boolean => CJK.test(text);

/**
 * Server field messages are bilingual, 'English text / 中文说明'. Show the half in the user's
 * language; anything else is shown as it came. A value the user typed can appear in both halves
 * (an unknown field "名称", a cell value): Chinese in the English half does not make it Chinese, and
 * a ' / ' inside the value appears once in each half, so the middle separator is the one between them.
 */
export function pickLanguage(message: string, locale: Locale): string {
  const parts = message.split(' / ');
  if (parts.length < 2 || parts.length % 2 !== 0) return message;
  const a = parts.slice(0, parts.length / 2).join(' / ');
  const b = parts.slice(parts.length / 2).join(' / ');
  const zh = CJK.test(b) ? b : CJK.test(a) ? a : null;
  if (zh === null) return message;
  const other = zh === a ? b : a;
  return locale === 'zh-CN' ? zh : other;
}

/** What the user is told about a failure: the problem's own message in their language, never a stack trace. */
export function problemMessage(error: unknown, locale: Locale, t: Translate): ProblemMessage {
  if (isApiProblem(error)) {
    if (error.status === 0) return { message: t('error.network'), fields: [] };
    const p = error.problem;
    if (p && (p.detail || p.detailZh)) {
      const message = locale === 'zh-CN' ? p.detailZh || p.detail : p.detail || p.detailZh;
      const fields = (p.errors ?? []).map((f) => pickLanguage(f.message, locale));
      return { message, fields };
    }
  }
  return { message: t('error.unexpected'), fields: [] };
}

/** Worth trying again: the server was unreachable, overloaded or failed; not for 4xx answers. */
export function isRetryable(error: unknown): boolean {
  if (!isApiProblem(error)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

export type FieldErrors = {
  /** Messages per request field that the form shows next to its input. */
  byField: Partial<Record<string, string[]>>;
  /** Messages about fields the form has no input for (shown with the summary). */
  others: string[];
};

/** The issue codes of zod's validation: the message is a schema rule's, not a business decision's. */
// Not 'custom': a refinement's message is a business rule's own words ("新密码不能与旧密码相同").
const SCHEMA_RULE_CODES = new Set(['invalid_type', 'too_big', 'too_small', 'invalid_format', 'not_multiple_of', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value']);

/**
 * The problem's field messages, sorted onto a form's inputs. Each message is in the user's
 * language: the matching half of a bilingual server message. A Chinese reader gets the form's own
 * wording, `localOnly(field)`, instead of a schema rule's generic text ('不能少于 2 个字符')
 * or of a message the server has in English only.
 */
export function fieldErrors(
  error: unknown,
  locale: Locale,
  formFields: readonly string[],
  localOnly: (field: string) => string | null = () => null,
): FieldErrors {
  const result: FieldErrors = { byField: {}, others: [] };
  if (!isApiProblem(error)) return result;
  for (const f of error.problem?.errors ?? []) {
    let message = pickLanguage(f.message, locale);
    if (locale === 'zh-CN' && (!CJK.test(message) || SCHEMA_RULE_CODES.has(f.code ?? ''))) message = localOnly(f.field) ?? message;
    if (formFields.includes(f.field)) {
      const list = (result.byField[f.field] ??= []);
      if (!list.includes(message)) list.push(message);
    } else result.others.push(message);
  }
  return result;
}
