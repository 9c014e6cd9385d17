import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assertFen, fenToDecimalString, formatFen, isFen, parseYuanToFen, splitProportionally } from './fen.ts';

describe('assertFen / isFen', () => {
  it.each([0, 1, -1, 123456, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])('accepts %s', (n) => {
    expect(assertFen(n)).toBe(n);
    expect(isFen(n)).toBe(true);
  });

  it('normalises -0 to 0', () => {
    expect(Object.is(assertFen(-0), 0)).toBe(true);
  });

  it.each([0.5, -0.01, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, 2 ** 60])(
    'rejects %s with RangeError',
    (n) => {
      expect(() => assertFen(n)).toThrow(RangeError);
      expect(isFen(n)).toBe(false);
    },
  );
});

describe('parseYuanToFen', () => {
  it.each<[string, number]>([
    ['1234', 123400],
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['1234.50', 123450],
    ['-12.30', -1230],
    ['-12.3', -1230],
    ['-0.01', -1],
    ['0', 0],
    ['0.00', 0],
    ['-0', 0],
    ['0.1', 10],
    ['0.07', 7],
    ['1,234.56', 123456],
    ['1,234', 123400],
    ['12,345,678.90', 1234567890],
    ['-1,000,000.01', -100000001],
    ['007', 700],
    [' 12 ', 1200],
    ['\t12.5\n', 1250],
    // 0.29 * 100 = 28.999999999999996 in floating point; string arithmetic gives 29.
    ['0.29', 29],
    ['1.15', 115],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j → %i', (text, expected) => {
    const fen = parseYuanToFen(text);
    expect(fen).toBe(expected);
    expect(Object.is(fen, -0)).toBe(false);
  });

  it.each([
    '12.345',
    '1e5',
    '',
    '   ',
    'abc',
    '12a',
    '.5',
    '12.',
    '--1',
    '+12',
    '- 12',
    '1,23',
    '12,34.5',
    '1234,567',
    ',123',
    '1,234,',
    '1,,234',
    '１２３',
    '¥12',
    '12 34',
    'NaN',
    'Infinity',
    '0x10',
    '90071992547409.92',
    '99999999999999999999',
  ])('%j → null', (text) => {
    expect(parseYuanToFen(text)).toBeNull();
  });

  it('returns null for non-strings', () => {
    expect(parseYuanToFen(12 as unknown as string)).toBeNull();
  });

  it('round-trips with fenToDecimalString for any safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        expect(parseYuanToFen(fenToDecimalString(fen))).toBe(fen === 0 ? 0 : fen);
      }),
    );
  });
});

describe('fenToDecimalString', () => {
  it.each<[number, string]>([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [123456, '1234.56'],
    [-5, '-0.05'],
    [-1230, '-12.30'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%i → %s', (fen, expected) => {
    expect(fenToDecimalString(fen)).toBe(expected);
  });

  it('throws on non-integer input', () => {
    expect(() => fenToDecimalString(1.5)).toThrow(RangeError);
  });
});

describe('formatFen', () => {
  it.each<[number, 'zh-CN' | 'en' | undefined, string]>([
    [123456, undefined, '¥1,234.56'],
    [123456, 'zh-CN', '¥1,234.56'],
    [-1230, 'zh-CN', '-¥12.30'],
    [0, 'zh-CN', '¥0.00'],
    [5, 'zh-CN', '¥0.05'],
    [99999, 'zh-CN', '¥999.99'],
    [100000, 'zh-CN', '¥1,000.00'],
    [100000000, 'zh-CN', '¥1,000,000.00'],
    [-100000001, 'zh-CN', '-¥1,000,000.01'],
    [Number.MAX_SAFE_INTEGER, 'zh-CN', '¥90,071,992,547,409.91'],
    [123456, 'en', 'CN¥1,234.56'],
    [-1230, 'en', '-CN¥12.30'],
  ])('%i (%s) → %s', (fen, locale, expected) => {
    expect(formatFen(fen, locale)).toBe(expected);
  });

  it('matches Intl for ordinary amounts', () => {
    for (const fen of [0, 1, 123456, -1230, 100000000]) {
      const zh = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
      const en = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(fen / 100);
      expect(formatFen(fen, 'zh-CN')).toBe(zh);
      expect(formatFen(fen, 'en')).toBe(en);
    }
  });
});

describe('splitProportionally', () => {
  it.each<[number, number[], number[]]>([
    [100, [1, 1, 1], [34, 33, 33]],
    [101, [1, 1, 1], [34, 34, 33]],
    [1, [1, 1, 1], [1, 0, 0]],
    [0, [1, 2, 3], [0, 0, 0]],
    [100, [1], [100]],
    [100, [3, 1], [75, 25]],
    [10, [1, 2, 3], [2, 3, 5]],
    [1000, [0, 1, 0], [0, 1000, 0]],
    [7, [0, 1, 1], [0, 4, 3]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [-10, [1, 2, 3], [-2, -3, -5]],
    // Largest remainder: shares 2+1/12, 2+1/12, 10/12, so the leftover fen goes to the smallest weight.
    [5, [5, 5, 2], [2, 2, 1]],
    [100, [0.5, 0.25, 0.25], [50, 25, 25]],
    [10, [0.1, 0.2, 0.7], [1, 2, 7]],
    [3, [1.5, 1.5], [2, 1]],
    [Number.MAX_SAFE_INTEGER, [1, 1], [4503599627370496, 4503599627370495]],
    [Number.MAX_SAFE_INTEGER, [Number.MAX_SAFE_INTEGER, 1], [Number.MAX_SAFE_INTEGER - 1, 1]],
  ])('split %i by %j → %j', (total, weights, expected) => {
    expect(splitProportionally(total, weights)).toEqual(expected);
  });

  it.each<[number, number[]]>([
    [100, []],
    [100, [0, 0]],
    [100, [1, -1]],
    [100, [Number.NaN]],
    [100, [Number.POSITIVE_INFINITY]],
    [1.5, [1]],
  ])('throws on total %s weights %j', (total, weights) => {
    expect(() => splitProportionally(total, weights)).toThrow(RangeError);
  });

  it('always sums exactly, never gives a zero-weight part money, and stays within one fen of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = splitProportionally(total, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          const sum = weights.reduce((s, w) => s + w, 0);
          parts.forEach((p, i) => {
            expect(Number.isSafeInteger(p)).toBe(true);
            if (weights[i] === 0) expect(p).toBe(0);
            expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });

  it('sums exactly for fractional weights too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (total, weights) => {
          const parts = splitProportionally(total, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
        },
      ),
    );
  });
});
