import { isApiProblem } from '../api/client.ts';
import type { Locale, Translate } from './i18n.tsx';

export type ProblemMessage = { message: string; fields: string[] };

const CJK = /[\u3400-\u9fff]/;

/**
 * Server field messages are often bilingual, 'English text / 中文说明'. Show the half in the
 * user's language; anything else is shown as it came.
 */
export function pickLanguage(message: string, locale: Locale): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  const [a, b] = parts as [string, string];
  const zh = CJK.test(b) && !CJK.test(a) ? b : CJK.test(a) && !CJK.test(b) ? a : null;
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
const SCHEMA_RULE_CODES = new Set(['invalid_type', 'too_big', 'too_small', 'invalid_format', 'not_multiple_of', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value', 'custom']);

/**
 * The problem's field messages, sorted onto a form's inputs. Each message is in the user's
 * language: the matching half of a bilingual server message. A Chinese reader gets the form's own
 * wording, `localOnly(field)`, instead of a schema rule's generic text (zod's '无效输入：期望 string')
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
