import { describe, it, expect } from 'vitest';
import { normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
  it.each<[string, string | undefined, string, string | undefined, string | undefined]>([
    ['13800138000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['+86 138-0013-8000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['+8613800138000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['008613800138000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['8613800138000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['138 0013 8000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['  13800138000  ', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['(+86) 13800138000', undefined, '+8613800138000', 'CN', 'MOBILE'],
    ['19912345678', undefined, '+8619912345678', 'CN', 'MOBILE'],
    ['010-12345678', undefined, '+861012345678', 'CN', 'FIXED_LINE'],
    ['02161234567', undefined, '+862161234567', 'CN', 'FIXED_LINE'],
    ['+86 10 6552 9988', undefined, '+861065529988', 'CN', 'FIXED_LINE'],
    ['400-810-8888', undefined, '+864008108888', 'CN', 'SHARED_COST'],
    ['+852 2123 4567', undefined, '+85221234567', 'HK', 'FIXED_LINE'],
    // libphonenumber's metadata treats 212-555-01xx as a valid NANP number; the US cannot
    // distinguish mobile from fixed line by number, hence FIXED_LINE_OR_MOBILE.
    ['+1 212 555 0123', undefined, '+12125550123', 'US', 'FIXED_LINE_OR_MOBILE'],
    ['(212) 555-0123', 'US', '+12125550123', 'US', 'FIXED_LINE_OR_MOBILE'],
    ['13800138000', 'CN', '+8613800138000', 'CN', 'MOBILE'],
    // The default region decides the reading: in CN the same digits are a Shanghai (021) landline.
    ['(212) 555-0123', 'CN', '+862125550123', 'CN', 'FIXED_LINE'],
  ])('%j (default %s) → %s', (raw, region, e164, expectedRegion, type) => {
    expect(normalisePhone(raw, region)).toEqual({ ok: true, e164, region: expectedRegion, type });
  });

  it.each<[string, string | undefined]>([
    ['12345', undefined],
    ['', undefined],
    ['   ', undefined],
    ['abc', undefined],
    ['1380013800', undefined], // 10 digits: one short
    ['138001380001', undefined], // 12 digits: one long
    ['+86 12345', undefined],
    ['+999 123456789', undefined],
    ['10086', undefined], // carrier short code, not a subscriber number
    ['13800138000', 'ZZ'], // unknown default region
  ])('%j (default %s) → invalid', (raw, region) => {
    expect(normalisePhone(raw, region)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects non-strings', () => {
    expect(normalisePhone(13800138000 as unknown as string)).toEqual({ ok: false, reason: 'invalid' });
  });
});
