import { formatFen } from '../../../platform/money/fen.ts';
import { isValidCalendarDate } from '../../../platform/time/calendar-date.ts';
import type { TemplateVariable } from './templates.schema.ts';

export type Language = 'zh-CN' | 'en';
export type TemplateText = { subjectZh: string | null; bodyZh: string; subjectEn: string | null; bodyEn: string; variables: TemplateVariable[] };
export type Rendered = { subject: string | null; body: string };
export type RenderProblem = { name: string; problem: 'missing' | 'invalid'; message: string };

/** `{{ name }}` placeholders; names are identifiers (letters, digits, underscore; not starting with a digit). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-11-26 → 2026年11月26日 (zh-CN) / 26 November 2026 (en): no ambiguity between D/M and M/D. */
export function formatDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return language === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** Every placeholder used in the texts (for checking them against the declared variables). */
export function placeholdersIn(text: TemplateText): string[] {
  const names = new Set<string>();
  for (const t of [text.subjectZh, text.bodyZh, text.subjectEn, text.bodyEn]) {
    for (const m of (t ?? '').matchAll(PLACEHOLDER)) names.add(m[1]!);
  }
  return [...names];
}

/** Problems with a version's declaration: undeclared placeholders, duplicate or malformed names. */
export function declarationProblems(text: TemplateText): string[] {
  const problems: string[] = [];
  const declared = new Set<string>();
  for (const v of text.variables) {
    if (!VARIABLE_NAME.test(v.name)) problems.push(`variable name "${v.name}" is not an identifier / 变量名 "${v.name}" 不是合法的标识符`);
    if (declared.has(v.name)) problems.push(`variable "${v.name}" is declared twice / 变量 "${v.name}" 重复声明`);
    declared.add(v.name);
  }
  for (const name of placeholdersIn(text)) if (!declared.has(name)) problems.push(`placeholder {{${name}}} is not declared / 占位符 {{${name}}} 未声明`);
  return problems;
}

function formatValue(v: TemplateVariable, value: unknown, language: Language): string | RenderProblem {
  const invalid = (message: string): RenderProblem => ({ name: v.name, problem: 'invalid', message });
  switch (v.type) {
    case 'string':
      return typeof value === 'string' ? value : invalid('must be text / 必须是文本');
    case 'integer':
      return Number.isSafeInteger(value) ? String(value) : invalid('must be an integer / 必须是整数');
    case 'money-fen':
      // Money is integer fen everywhere (ADR 0002); the template shows yuan with grouping.
      return Number.isSafeInteger(value) ? formatFen(value as number, language) : invalid('must be an integer amount of fen / 必须是以分为单位的整数金额');
    case 'date':
      return typeof value === 'string' && isValidCalendarDate(value) ? formatDate(value, language) : invalid('must be a date YYYY-MM-DD / 必须是 YYYY-MM-DD 格式的日期');
  }
}

/**
 * Renders the language's subject and body. Required variables that are absent, and values of the
 * wrong type, are reported (never rendered as "undefined"); optional absent variables render empty.
 * With `lenient`, problems leave the placeholder visible instead (for previews).
 */
export function renderTemplate(
  text: TemplateText, language: Language, values: Record<string, unknown>, opts: { lenient?: boolean } = {},
): { rendered: Rendered; problems: RenderProblem[] } {
  const problems: RenderProblem[] = [];
  const formatted = new Map<string, string>();
  for (const v of text.variables) {
    const value = values[v.name];
    if (value === undefined || value === null || value === '') {
      if (v.required) problems.push({ name: v.name, problem: 'missing', message: 'is required / 必填' });
      else formatted.set(v.name, '');
      continue;
    }
    const out = formatValue(v, value, language);
    if (typeof out === 'string') formatted.set(v.name, out);
    else problems.push(out);
  }
  const fill = (t: string) => t.replace(PLACEHOLDER, (whole, name: string) => formatted.get(name) ?? (opts.lenient ? whole : ''));
  const subject = language === 'zh-CN' ? text.subjectZh : text.subjectEn;
  const body = language === 'zh-CN' ? text.bodyZh : text.bodyEn;
  return { rendered: { subject: subject ? fill(subject) : null, body: fill(body) }, problems };
}
