import { makeResidentId } from '../customers/rules/resident-id.ts';
import { makeUnifiedSocialCreditCode } from '../customers/rules/unified-social-credit-code.ts';
import { addDays, fromEpochDay, toEpochDay } from '../../platform/time/calendar-date.ts';
import { RELATIONSHIP_MANAGERS_BY_BRANCH } from './demo-staff.ts';
import { customerRng, STREAM, type Rng } from './prng.ts';
import {
  EMAIL_DOMAINS, GIVEN_FEMALE, GIVEN_MALE, INDUSTRIES, MOBILE_PREFIXES, OCCUPATIONS, REGIONS, STREETS, SURNAMES,
  TRADE_NAMES, type Region,
} from './reference-data.ts';

/** Rows keyed by CSV column name, values exactly as they are written to the file. */
export type CsvRow = Record<string, string>;

export type DemoPerson = {
  index: number;
  externalId: string;
  type: 'individual' | 'enterprise';
  name: string;
  branchId: string;
  rmCode: string;
  region: Region;
  /** Individuals only. */
  birthDate: string | null;
  pinyin: string;
  row: CsvRow;
};

export const customerExternalId = (index: number) => `C${String(index + 1).padStart(8, '0')}`;

const ENTERPRISE_SHARE = 0.12;

/** The customer at `index`: a pure function of (seed, index, asOf). */
export function demoPerson(seed: number, index: number, asOf: string): DemoPerson {
  const rng = customerRng(seed, index, STREAM.customer);
  const region = rng.pick(REGIONS);
  const branchId = region.branchId;
  const rmCode = rng.pick(RELATIONSHIP_MANAGERS_BY_BRANCH.get(branchId)!);
  const externalId = customerExternalId(index);
  const riskTier = rng.weighted([['low', 45], ['medium', 40], ['high', 15]] as const);
  const common = { external_id: externalId, branch_id: branchId, relationship_manager_code: rmCode, risk_tier: riskTier, time_zone: 'Asia/Shanghai' };

  if (rng.next() < ENTERPRISE_SHARE) {
    const [tradeWord, industry] = rng.pick(INDUSTRIES);
    const name = `${region.city.replace(/市$/, '')}${rng.pick(TRADE_NAMES)}${tradeWord}有限公司`;
    const rep = personName(rng, rng.chance(0.7) ? 'male' : 'female');
    const row: CsvRow = {
      ...common, type: 'enterprise', name, id_number: '', birth_date: '', gender: '', occupation: '',
      credit_code: creditCode(seed, index, region.code), industry, legal_representative: rep.name, preferred_language: 'zh-CN',
    };
    return { index, externalId, type: 'enterprise', name, branchId, rmCode, region, birthDate: null, pinyin: `corp${index + 1}`, row };
  }

  const gender = rng.chance(0.5) ? 'male' : 'female';
  const person = personName(rng, gender);
  // Ages 22-70 on asOf.
  const asOfDay = toEpochDay(asOf);
  const birthDate = fromEpochDay(asOfDay - rng.int(22 * 365 + 6, 70 * 365 - 6));
  const seq = rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
  const idNumber = makeResidentId(region.code, birthDate, String(seq).padStart(3, '0'));
  const row: CsvRow = {
    ...common, type: 'individual', name: person.name, id_number: idNumber,
    // About half the files state birth date and gender; the importer derives them otherwise.
    birth_date: rng.chance(0.5) ? birthDate : '', gender: rng.chance(0.5) ? gender : '',
    occupation: rng.pick(OCCUPATIONS), credit_code: '', industry: '', legal_representative: '',
    preferred_language: rng.chance(0.03) ? 'en' : 'zh-CN',
  };
  return { index, externalId, type: 'individual', name: person.name, branchId, rmCode, region, birthDate, pinyin: person.pinyin, row };
}

export function personName(rng: Rng, gender: 'male' | 'female'): { name: string; pinyin: string } {
  const [surname, surnamePinyin] = rng.pick(SURNAMES);
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const first = rng.pick(pool);
  const second = rng.chance(0.7) ? rng.pick(pool) : null;
  return {
    name: surname + first[0] + (second ? second[0] : ''),
    pinyin: surnamePinyin + first[1] + (second ? second[1] : ''),
  };
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_SPACE = 31 ** 9;
// Multiplying by a number coprime with 31 permutes [0, 31^9): distinct customers, distinct codes.
const ORG_MULTIPLIER = 2_654_435_769;

/** '91' (enterprise, registered with market regulation) + region + 9-character organisation code. */
function creditCode(seed: number, index: number, regionCode: string): string {
  let n = Number((BigInt(index) * BigInt(ORG_MULTIPLIER) + BigInt(seed % 1_000_003)) % BigInt(ORG_SPACE));
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = CODE_ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  return makeUnifiedSocialCreditCode(`91${regionCode}${org}`);
}

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

export function address(rng: Rng, region: Region): string {
  const city = region.province === region.city ? region.city : `${region.province}${region.city}`;
  return `${city}${region.district}${rng.pick(STREETS)}${rng.int(1, 999)}号${rng.int(1, 30)}栋${rng.int(1, 6)}单元${rng.int(1, 32)}0${rng.int(1, 4)}室`;
}

/** Contact points of one customer: own phone, usually e-mail and address, often an emergency contact. */
export function demoContacts(seed: number, person: DemoPerson, asOf: string): CsvRow[] {
  const rng = customerRng(seed, person.index, STREAM.contacts);
  const rows: CsvRow[] = [];
  const add = (suffix: string, fields: Omit<CsvRow, 'external_id' | 'customer_external_id'>) =>
    rows.push({ external_id: `${person.externalId}-${suffix}`, customer_external_id: person.externalId, ...fields });
  const verifiedAt = () => `${addDays(asOf, -rng.int(5, 700))}T${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`;
  const base = { label: '', relationship: 'self', third_party_name: '', source: 'core-banking' };

  add('P1', { ...base, kind: 'phone', value: mobileNumber(rng), label: person.type === 'enterprise' ? '财务联系人' : '手机', is_primary: 'true', verified: 'true', last_verified_at: verifiedAt() });
  if (rng.chance(person.type === 'enterprise' ? 0.95 : 0.7)) {
    const handle = person.type === 'enterprise' ? `finance.${person.pinyin}` : `${person.pinyin}${rng.int(1, 999)}`;
    add('E1', { ...base, kind: 'email', value: `${handle}@${rng.pick(EMAIL_DOMAINS)}`, is_primary: 'false', verified: rng.chance(0.6) ? 'true' : 'false', last_verified_at: '' });
  }
  if (rng.chance(0.9)) {
    add('A1', { ...base, kind: 'address', value: address(rng, person.region), label: person.type === 'enterprise' ? '注册地址' : '家庭住址', is_primary: 'false', verified: rng.chance(0.5) ? 'true' : 'false', last_verified_at: '' });
  }
  if (person.type === 'individual' && rng.chance(0.65)) {
    const relationship = rng.weighted([['emergency-contact', 40], ['spouse', 30], ['relative', 20], ['colleague', 10]] as const);
    const contact = personName(rng, rng.chance(0.5) ? 'male' : 'female');
    add('P2', { ...base, kind: 'phone', value: mobileNumber(rng), label: '紧急联系人', relationship, third_party_name: contact.name, is_primary: 'false', verified: 'false', last_verified_at: '' });
  }
  if (person.type === 'enterprise' && rng.chance(0.2)) {
    const guarantor = personName(rng, 'male');
    add('P3', { ...base, kind: 'phone', value: mobileNumber(rng), label: '担保人', relationship: 'guarantor', third_party_name: guarantor.name, is_primary: 'false', verified: 'true', last_verified_at: verifiedAt() });
  }
  return rows;
}
