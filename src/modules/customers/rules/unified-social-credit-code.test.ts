import { describe, it, expect } from 'vitest';
import {
  makeUnifiedSocialCreditCode,
  unifiedSocialCreditCodeCheckChar,
  validateUnifiedSocialCreditCode,
} from './unified-social-credit-code.ts';

/*
 * Hand-verified real published codes (value(c_i) × W_i, summed; check = 31 - Σ mod 31):
 *  91350100M000100Y43: 9+3+27+135+0+26+0+0+420(M=21×20)+0+0+0+8+0+0+900(Y=30×30)+112 = 1640;
 *                      1640 mod 31 = 28; 31-28 = 3 → '3' ✓
 *  911100001000079554: 9+3+9+27+0+0+0+0+20+0+0+0+0+168+90+150+140 = 616;
 *                      616 mod 31 = 27; 31-27 = 4 → '4' ✓
 *  914403001922038216: 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831;
 *                      831 mod 31 = 25; 31-25 = 6 → '6' ✓
 *  91440300708461136T: Σ = 966; 966 mod 31 = 5; 31-5 = 26 → 'T' ✓
 *  91110000802100433B: Σ = 485; 485 mod 31 = 20; 31-20 = 11 → 'B' ✓
 * Synthetic edge cases: 91110000MA0000024 has Σ = 930 = 30×31, so 31-0 = 31 → written '0';
 *                       91110000MA0000014 has Σ = 900, 900 mod 31 = 1 → 30 → 'Y'.
 */
const VALID = [
  '91350100M000100Y43',
  '911100001000079554',
  '914403001922038216',
  '91440300708461136T',
  '91110000802100433B',
  '91110000MA00000240',
  '91110000MA0000014Y',
];

describe('unifiedSocialCreditCodeCheckChar', () => {
  it.each(VALID.map((c) => [c.slice(0, 17), c[17]!]))('%s → %s', (first17, expected) => {
    expect(unifiedSocialCreditCodeCheckChar(first17)).toBe(expected);
  });

  it('accepts lowercase input', () => {
    expect(unifiedSocialCreditCodeCheckChar('91350100m000100y4')).toBe('3');
  });

  it.each(['91350100M000100Y', '91350100M000100Y43', '91350100I000100Y4', '91350100M000100O4', '91350100M00010-Y4'])(
    'throws on %j',
    (bad) => {
      expect(() => unifiedSocialCreditCodeCheckChar(bad)).toThrow(RangeError);
    },
  );
});

describe('validateUnifiedSocialCreditCode', () => {
  it.each(VALID)('%s is valid', (code) => {
    expect(validateUnifiedSocialCreditCode(code)).toEqual({ ok: true });
  });

  it.each(['91350100m000100y43', '91440300708461136t'])('%s is valid after uppercasing', (code) => {
    expect(validateUnifiedSocialCreditCode(code)).toEqual({ ok: true });
  });

  it.each([
    ['', 'length'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    [' 91350100M000100Y43', 'length'],
    ['91350100I000100Y43', 'format'], // I is excluded from the alphabet
    ['91350100O000100Y43', 'format'], // O
    ['91350100Z000100Y43', 'format'], // Z
    ['91350100S000100Y43', 'format'], // S
    ['91350100V000100Y43', 'format'], // V
    ['91350100M000100Y4I', 'format'],
    ['91350100M000-00Y43', 'format'],
    ['９1350100M000100Y43', 'format'],
    ['91350100M000100Y44', 'check-digit'],
    ['91350100M000100Y40', 'check-digit'],
    ['911100001000079555', 'check-digit'],
    ['91440300708461136Y', 'check-digit'],
    ['91110000MA0000024Y', 'check-digit'],
  ] as const)('%j → %s', (code, reason) => {
    expect(validateUnifiedSocialCreditCode(code)).toEqual({ ok: false, reason });
  });

  it('detects every single-character substitution', () => {
    const valid = '91350100M000100Y43';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        if (c === valid[i]) continue;
        const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(validateUnifiedSocialCreditCode(mutated).ok).toBe(false);
      }
    }
  });

  it('rejects non-strings', () => {
    expect(validateUnifiedSocialCreditCode(null as unknown as string)).toEqual({ ok: false, reason: 'length' });
  });
});

describe('makeUnifiedSocialCreditCode', () => {
  it.each(VALID)('rebuilds %s from its first 17 characters', (code) => {
    expect(makeUnifiedSocialCreditCode(code.slice(0, 17))).toBe(code);
  });

  it('uppercases the body', () => {
    expect(makeUnifiedSocialCreditCode('91350100m000100y4')).toBe('91350100M000100Y43');
  });

  it('throws on a malformed body', () => {
    expect(() => makeUnifiedSocialCreditCode('91350100I000100Y4')).toThrow(RangeError);
  });
});
