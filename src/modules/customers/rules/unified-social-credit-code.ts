/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
 * 31-symbol alphabet (digits + capitals without I, O, Z, S, V); the 18th is a check char.
 * Only the alphabet and check char are enforced: registration-authority and type codes
 * (positions 1-2) are extended by regulators over time, so they are not whitelisted here.
 */
export type UnifiedSocialCreditCodeResult = { ok: true } | { ok: false; reason: 'length' | 'format' | 'check-digit' };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 §5: W_i = 3^(i-1) mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const BODY = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{17}$/;

/** Check char for the first 17 characters (case-insensitive). Throws RangeError on bad input. */
export function unifiedSocialCreditCodeCheckChar(first17: string): string {
  const body = typeof first17 === 'string' ? first17.toUpperCase() : '';
  if (!BODY.test(body)) throw new RangeError('Expected 17 characters from the GB 32100 alphabet');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(body[i]!) * WEIGHTS[i]!;
  // C18 = 31 - (Σ mod 31), and a result of 31 is written as '0'.
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function validateUnifiedSocialCreditCode(code: string): UnifiedSocialCreditCodeResult {
  if (typeof code !== 'string' || code.length !== 18) return { ok: false, reason: 'length' };
  const upper = code.toUpperCase();
  if (!BODY.test(upper.slice(0, 17)) || !CHARSET.includes(upper[17]!)) return { ok: false, reason: 'format' };
  return unifiedSocialCreditCodeCheckChar(upper.slice(0, 17)) === upper[17] ? { ok: true } : { ok: false, reason: 'check-digit' };
}

/** Appends the check char (uppercased) — used by seed data. */
export function makeUnifiedSocialCreditCode(first17: string): string {
  const check = unifiedSocialCreditCodeCheckChar(first17);
  return first17.toUpperCase() + check;
}
