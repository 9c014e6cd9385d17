/**
 * Citizen identification number (公民身份号码), GB 11643-1999: 6-digit region code,
 * 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check char.
 */
import { isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';

export type ResidentIdResult =
  | { ok: true; normalised: string; birthDate: CalendarDate; gender: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: 'length' | 'format' | 'birth-date' | 'check-digit' };

// GB 11643-1999 §8.2: W_i = 2^(i-1) mod 11 for positions 18..2, and the value→char map for (12 - S mod 11) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The 18th character for the first 17 digits. Throws RangeError unless given exactly 17 ASCII digits. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Expected exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Validates an 18-character ID; a trailing lowercase 'x' is accepted and returned uppercased. */
export function validateResidentId(id: string): ResidentIdResult {
  if (typeof id !== 'string' || id.length !== 18) return { ok: false, reason: 'length' };
  const normalised = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalised)) return { ok: false, reason: 'format' };
  const birthDate = `${normalised.slice(6, 10)}-${normalised.slice(10, 12)}-${normalised.slice(12, 14)}`;
  // Nobody alive was born before 1800; this also rejects year 0000 and similar garbage.
  if (!isValidCalendarDate(birthDate) || birthDate < '1800-01-01') return { ok: false, reason: 'birth-date' };
  if (residentIdCheckDigit(normalised.slice(0, 17)) !== normalised[17]) return { ok: false, reason: 'check-digit' };
  return {
    ok: true,
    normalised,
    birthDate,
    gender: Number(normalised[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: normalised.slice(0, 6),
  };
}

/** Builds a valid ID (for seed data/tests). Throws RangeError on malformed parts. */
export function makeResidentId(region6: string, birth: CalendarDate, seq3: string): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError('region6 must be 6 digits');
  if (!/^\d{3}$/.test(seq3)) throw new RangeError('seq3 must be 3 digits');
  if (!isValidCalendarDate(birth) || birth < '1800-01-01') throw new RangeError(`Invalid birth date: ${birth}`);
  const first17 = region6 + birth.replaceAll('-', '') + seq3;
  return first17 + residentIdCheckDigit(first17);
}
