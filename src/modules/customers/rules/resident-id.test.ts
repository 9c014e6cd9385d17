import { describe, it, expect } from 'vitest';
import { makeResidentId, residentIdCheckDigit, validateResidentId } from './resident-id.ts';

describe('residentIdCheckDigit', () => {
  it.each([
    // GB 11643-1999 annex example: Σ = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167, 167 mod 11 = 2 → 'X'.
    ['11010519491231002', 'X'],
    // Second example from the standard: Σ = 195, 195 mod 11 = 8 → '4'.
    ['44052418800101001', '4'],
    ['11010119900307447', '7'],
    ['11010119900307827', '5'],
    ['31010420000229002', '2'],
  ])('%s → %s', (first17, expected) => {
    expect(residentIdCheckDigit(first17)).toBe(expected);
  });

  it('produces every check character 0-9 and X', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) {
      seen.add(residentIdCheckDigit(`11010119900307${String(seq).padStart(3, '0')}`));
    }
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100A', '１１０１０５１９４９１２３１００２'])(
    'throws on %j',
    (bad) => {
      expect(() => residentIdCheckDigit(bad)).toThrow(RangeError);
    },
  );
});

describe('validateResidentId', () => {
  it.each([
    ['11010519491231002X', '110105', '1949-12-31', 'female', '11010519491231002X'],
    ['11010519491231002x', '110105', '1949-12-31', 'female', '11010519491231002X'],
    ['440524188001010014', '440524', '1880-01-01', 'male', '440524188001010014'],
    ['110101199003074477', '110101', '1990-03-07', 'male', '110101199003074477'],
    ['110101199003078275', '110101', '1990-03-07', 'male', '110101199003078275'],
    ['310104200002290022', '310104', '2000-02-29', 'female', '310104200002290022'],
  ] as const)('%s is valid', (id, regionCode, birthDate, gender, normalised) => {
    expect(validateResidentId(id)).toEqual({ ok: true, regionCode, birthDate, gender, normalised });
  });

  it.each([
    ['', 'length'],
    ['11010519491231002', 'length'],
    ['11010519491231002XX', 'length'],
    [' 11010519491231002X', 'length'],
    ['110105491231002', 'length'], // legacy 15-digit IDs are not accepted
    ['1101051949123100XX', 'format'],
    ['X1010519491231002X', 'format'],
    ['11010519491231002Y', 'format'],
    ['110105-1949123100X', 'format'],
    ['１10105194912310021', 'format'],
    ['110105194902300021', 'birth-date'], // 1949-02-30
    ['110105190002290021', 'birth-date'], // 1900 is not a leap year
    ['110105199013010021', 'birth-date'], // month 13
    ['110105199001000021', 'birth-date'], // day 00
    ['110105000001010021', 'birth-date'], // year 0000
    ['110105179912310021', 'birth-date'], // before 1800
    ['110105194912310021', 'check-digit'],
    ['110105194912310020', 'check-digit'],
    ['440524188001010015', 'check-digit'],
    ['110101199003074478', 'check-digit'],
  ] as const)('%j → %s', (id, reason) => {
    expect(validateResidentId(id)).toEqual({ ok: false, reason });
  });

  it('detects every single-digit substitution and every adjacent transposition (MOD 11-2 guarantees)', () => {
    const valid = '110101199003074477';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const mutated = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(validateResidentId(mutated).ok).toBe(false);
      }
      if (i < 16 && valid[i] !== valid[i + 1]) {
        const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
        expect(validateResidentId(swapped).ok).toBe(false);
      }
    }
  });

  it('rejects non-strings', () => {
    expect(validateResidentId(undefined as unknown as string)).toEqual({ ok: false, reason: 'length' });
  });
});

describe('makeResidentId', () => {
  it.each([
    ['110105', '1949-12-31', '002', '11010519491231002X'],
    ['440524', '1880-01-01', '001', '440524188001010014'],
    ['310104', '2000-02-29', '002', '310104200002290022'],
  ])('(%s, %s, %s) → %s', (region, birth, seq, expected) => {
    expect(makeResidentId(region, birth, seq)).toBe(expected);
  });

  it('round-trips through validateResidentId with gender from the sequence parity', () => {
    for (const seq of ['000', '001', '122', '999']) {
      const id = makeResidentId('320102', '1985-10-31', seq);
      const result = validateResidentId(id);
      expect(result).toMatchObject({ ok: true, birthDate: '1985-10-31', regionCode: '320102' });
      expect(result.ok && result.gender).toBe(Number(seq) % 2 === 1 ? 'male' : 'female');
    }
  });

  it.each([
    ['11010', '1990-01-01', '001'],
    ['11010A', '1990-01-01', '001'],
    ['110101', '1990-02-30', '001'],
    ['110101', '1990-1-1', '001'],
    ['110101', '1700-01-01', '001'],
    ['110101', '1990-01-01', '01'],
    ['110101', '1990-01-01', '0011'],
  ])('throws on (%s, %s, %s)', (region, birth, seq) => {
    expect(() => makeResidentId(region, birth, seq)).toThrow(RangeError);
  });
});
