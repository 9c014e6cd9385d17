import { describe, it, expect } from 'vitest';
import { createPersonalDataCipher } from './personal-data-cipher.ts';

const KEY = 'a'.repeat(64);

describe('personal data cipher', () => {
  const cipher = createPersonalDataCipher(KEY);

  it('round-trips a resident ID number and never stores it in the clear', () => {
    const token = cipher.encrypt('11010519491231002X');
    expect(token).not.toContain('11010519491231002X');
    expect(cipher.decrypt(token)).toBe('11010519491231002X');
  });

  it('uses a fresh IV, so equal plaintexts give different ciphertexts', () => {
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('rejects a tampered ciphertext (GCM authentication)', () => {
    const [v, iv, tag, ct] = cipher.encrypt('11010519491231002X').split(':');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
  });

  it('search hash is exact-match, case-insensitive on the check character, and key-dependent', () => {
    expect(cipher.searchHash('11010519491231002x')).toBe(cipher.searchHash('11010519491231002X'));
    expect(cipher.searchHash('110105194912310021')).not.toBe(cipher.searchHash('11010519491231002X'));
    expect(createPersonalDataCipher('b'.repeat(64)).searchHash('11010519491231002X')).not.toBe(
      cipher.searchHash('11010519491231002X'),
    );
  });

  it('refuses a key of the wrong length', () => {
    expect(() => createPersonalDataCipher('abc')).toThrow(/64 hex/);
  });
});
