import type { TemplateVariable } from '../../api/types.ts';

/**
 * Yuan as typed (1234.56, 1,234.5, ¥800) → integer fen (123456), exactly: the text is split at the
 * decimal point, never multiplied as a float. null for anything that is not a non-negative amount
 * with at most two decimals.
 */
export function yuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/^[¥￥]/, '').replace(/[,，\s]/g, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

export type VariableProblem = { name: string; problem: 'missing' | 'invalid' };

/**
 * The typed values for the API from what was typed in the form (raw text per variable). Empty
 * optional ones and auto-filled ones (customer name, loan number) are left out; the server fills or
 * renders them empty.
 */
export function toApiVariables(
  variables: TemplateVariable[],
  raw: Record<string, string>,
  autoFilled: Set<string>,
): { values: Record<string, string | number>; problems: VariableProblem[] } {
  const values: Record<string, string | number> = {};
  const problems: VariableProblem[] = [];
  for (const v of variables) {
    const text = (raw[v.name] ?? '').trim();
    if (!text) {
      if (v.required && !autoFilled.has(v.name)) problems.push({ name: v.name, problem: 'missing' });
      continue;
    }
    switch (v.type) {
      case 'string':
        values[v.name] = text;
        break;
      case 'date':
        if (/^\d{4}-\d{2}-\d{2}$/.test(text)) values[v.name] = text;
        else problems.push({ name: v.name, problem: 'invalid' });
        break;
      case 'integer': {
        const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
        if (Number.isSafeInteger(n)) values[v.name] = n;
        else problems.push({ name: v.name, problem: 'invalid' });
        break;
      }
      case 'money-fen': {
        const fen = yuanToFen(text);
        if (fen === null) problems.push({ name: v.name, problem: 'invalid' });
        else values[v.name] = fen;
        break;
      }
    }
  }
  return { values, problems };
}
