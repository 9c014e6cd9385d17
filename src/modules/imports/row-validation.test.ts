import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksLikeFormula, planHeader, validateRecord } from './row-validation.ts';
import { loansKind } from './kinds/loans.ts';

describe('looksLikeFormula', () => {
  it.each(['=SUM(A1)', '=1', '@cmd', "-cmd|' /C calc'!A0", '+HYPERLINK("x")', '-abc'])('flags %s', (v) => {
    expect(looksLikeFormula(v)).toBe(true);
  });
  it.each(['-12.5', '+86 138-0013-8000', '-', '12', 'a=b', 'user@example.com', '(010) 1234'])('accepts %s', (v) => {
    expect(looksLikeFormula(v)).toBe(false);
  });
});

describe('planHeader', () => {
  it('accepts any column order and case, ignoring unknown columns with a warning', () => {
    const plan = planHeader(loansKind, [' Principal', 'loan_number', 'customer_external_id', 'product', 'annual_rate', 'term_months', 'disbursement_date', 'branch_id', 'memo']);
    expect('en' in plan).toBe(false);
    if ('en' in plan) return;
    expect(plan.indexOf.get('principal')).toBe(0);
    expect(plan.warnings).toEqual(['ignored unknown columns: memo']);
  });

  it('names every missing required column', () => {
    const plan = planHeader(loansKind, ['loan_number', 'product']);
    expect(plan).toMatchObject({ en: expect.stringContaining('missing required columns: customer_external_id, principal, annual_rate, term_months, disbursement_date, branch_id') });
  });

  it('refuses a header naming a column twice', () => {
    expect(planHeader(loansKind, ['loan_number', 'loan_number'])).toMatchObject({ en: expect.stringContaining('twice') });
  });
});

describe('amount cells (loans principal)', () => {
  const header = ['loan_number', 'customer_external_id', 'product', 'principal', 'annual_rate', 'term_months', 'disbursement_date', 'branch_id'];
  const plan = planHeader(loansKind, header);
  if ('en' in plan) throw new Error(plan.en);
  const principalOf = (principal: string) => validateRecord(loansKind, plan, ['L1', 'C1', 'working-capital', principal, '4.35', '12', '2024-01-15', 'BJ001'], 2);

  it('converts yuan to integer fen exactly, for any amount with up to 2 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), (fen) => {
        const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        const result = principalOf(text);
        return result.ok && result.row.principal === fen;
      }),
    );
  });

  it.each([
    ['-12.5', 'must not be negative / 不能为负数'],
    ['12abc', 'must be a number of yuan, e.g. 1234.56 / 须为以元计的数字，如 1234.56'],
    ['1.234', 'has more than 2 decimal places / 小数超过 2 位'],
    ['0', 'must be greater than 0 / 须大于 0'],
    ['', 'is required / 必填'],
  ])('rejects %s: %s', (value, reason) => {
    const result = principalOf(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejections).toEqual([{ line: 2, column: 'principal', reason, rawValue: value || null }]);
  });

  it('rejects a misaligned row and a formula cell with reasons in English and Chinese', () => {
    expect(validateRecord(loansKind, plan, ['L1', 'C1'], 3)).toMatchObject({
      ok: false, rejections: [{ line: 3, column: null, reason: 'row has 2 fields but the header has 8 / 该行有 2 个字段，表头为 8 个' }],
    });
    expect(validateRecord(loansKind, plan, ['=SUM(A1)', 'C1', 'working-capital', '100', '4.35', '12', '2024-01-15', 'BJ001'], 4)).toMatchObject({
      ok: false, rejections: [{ line: 4, column: 'loan_number', reason: 'looks like a spreadsheet formula / 疑似电子表格公式' }],
    });
  });

  it('accepts grouped thousands and a leading +', () => {
    expect(principalOf('1,234,567.89')).toMatchObject({ ok: true, row: { principal: 123456789 } });
    expect(principalOf('+100')).toMatchObject({ ok: true, row: { principal: 10000 } });
  });
});
