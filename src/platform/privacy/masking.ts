/**
 * Display masking for personal information (PIPL art. 51 security measures; masking
 * pattern per JR/T 0171-2020 financial PI guidance: keep just enough to recognise the record).
 * Masking preserves length so the shape of the value stays recognisable.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Works on code points so a masked value never contains half a surrogate pair.
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/**
 * '+8613800138000' or '138-0013-8000' → '138****8000': first 3 and last 4 digits of the
 * national number. Numbers shorter than 8 digits would reveal most digits that way, so
 * only their last 2 are kept.
 */
export function maskPhone(e164OrNational: string): string {
  const raw = e164OrNational.trim();
  let national = raw.replace(/\D/g, '');
  if (raw.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(raw);
    if (parsed) national = parsed.nationalNumber;
  }
  if (national.length >= 8) return keepEnds(national, 3, 4);
  if (national.length > 2) return keepEnds(national, 0, 2);
  return '*'.repeat(national.length);
}

/** '11010519491231002X' → '110105********002X' (region code and last 4 kept; birth date hidden). */
export function maskResidentId(id: string): string {
  const value = id.trim().toUpperCase();
  // Anything too short to hide the birth date (8 chars) behind 6+4 is masked entirely.
  if (value.length <= 10) return '*'.repeat(value.length);
  return keepEnds(value, 6, 4);
}

/** 'zhangsan@example.com' → 'z*******@example.com'; the domain is kept for support triage. */
export function maskEmail(email: string): string {
  const value = email.trim();
  const at = value.lastIndexOf('@');
  const local = at === -1 ? value : value.slice(0, at);
  const domain = at === -1 ? '' : value.slice(at);
  return keepEnds(local, 1, 0) + domain;
}

/** '北京市朝阳区建国路88号1单元101' → '北京市朝阳区**********': the district helps triage, the street does not. */
export function maskAddress(address: string): string {
  return keepEnds(address.trim(), 6, 0);
}
