/**
 * Phone numbers are stored in E.164 ('+8613800138000'); parsing/validation is delegated to
 * libphonenumber-js with full ('max') metadata so number type (MOBILE, FIXED_LINE…) is known.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type NormalisedPhone =
  | { ok: true; e164: string; region: string | undefined; type: string | undefined }
  | { ok: false; reason: 'invalid' };

/**
 * Accepts national ('13800138000', '010-12345678'), international ('+86 138-0013-8000') and
 * IDD-prefixed ('008613800138000', CN's international prefix is 00) input.
 */
export function normalisePhone(raw: string, defaultRegion = 'CN'): NormalisedPhone {
  if (typeof raw !== 'string') return { ok: false, reason: 'invalid' };
  let phone;
  try {
    phone = parsePhoneNumberFromString(raw.trim(), defaultRegion as CountryCode);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!phone || !phone.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: phone.number, region: phone.country, type: phone.getType() };
}
