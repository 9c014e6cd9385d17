import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Where a phone number suggests the debtor may be, as an IANA time zone. Contact hours are judged
 * in the debtor's local time, and when the customer record and the phone disagree the engine must
 * respect every zone the debtor may be in (Reg F 12 CFR 1006.6(b)(1)(i) commentary: a debt
 * collector with conflicting location information must comply in all of them; the same prudence
 * applies to the mainland's 08:00–22:00 window).
 *
 * Deliberately simple: mainland China has one civil time (Asia/Shanghai); Hong Kong, Macau and
 * Taiwan have their own zone names (same offset today). For North American numbers we keep a
 * SMALL, hand-checked table of area codes (below) — enough for the US-profile branches' demo data
 * and tests. An area code not in the table yields no zone (the customer record's zone still
 * applies); extend the table from NANPA's area-code list when a branch needs it. Mobile numbers
 * keep their area code when people move, so this is a hint, never the only zone.
 */
const COUNTRY_ZONES: Record<string, string> = {
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  MO: 'Asia/Macau',
  TW: 'Asia/Taipei',
  SG: 'Asia/Singapore',
};

/** NANP area code → IANA zone. Sources: NANPA area-code assignments (geographic codes only). */
export const US_AREA_CODE_ZONES: Record<string, string> = {
  // New York City
  '212': 'America/New_York', '332': 'America/New_York', '347': 'America/New_York', '646': 'America/New_York',
  '718': 'America/New_York', '917': 'America/New_York', '929': 'America/New_York',
  // Boston, Washington DC, Miami, Atlanta
  '617': 'America/New_York', '202': 'America/New_York', '305': 'America/New_York', '404': 'America/New_York',
  // Chicago, Houston, Dallas
  '312': 'America/Chicago', '773': 'America/Chicago', '713': 'America/Chicago', '214': 'America/Chicago',
  // Denver; Phoenix (Arizona keeps standard time all year)
  '303': 'America/Denver', '602': 'America/Phoenix',
  // Los Angeles, San Francisco, San Jose, Seattle
  '213': 'America/Los_Angeles', '310': 'America/Los_Angeles', '323': 'America/Los_Angeles', '626': 'America/Los_Angeles',
  '415': 'America/Los_Angeles', '628': 'America/Los_Angeles', '408': 'America/Los_Angeles', '206': 'America/Los_Angeles',
  // Honolulu, Anchorage
  '808': 'Pacific/Honolulu', '907': 'America/Anchorage',
};

/** The zone a phone number (E.164) points to, or null when the number says nothing we trust. */
export function timeZoneForPhone(e164: string): string | null {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return null;
  if (phone.countryCallingCode === '1') {
    return US_AREA_CODE_ZONES[phone.nationalNumber.slice(0, 3)] ?? null;
  }
  return phone.country ? (COUNTRY_ZONES[phone.country] ?? null) : null;
}
