/**
 * Jurisdiction profiles. Each is a complete CompliancePolicy; a lender adjusts one with
 * `compliancePolicy(base, changes)` (e.g. a bank's stricter collection hours).
 */
import type { CompliancePolicy, JurisdictionProfile } from './compliance.types.ts';

function freeze<T extends object>(policy: T): Readonly<T> {
  for (const value of Object.values(policy)) if (value && typeof value === 'object') Object.freeze(value);
  return Object.freeze(policy);
}

/**
 * Mainland China, the national standard 《互联网金融 个人网络消费信贷 贷后催收风控指引》(2025):
 * collection contact 08:00–22:00 debtor-local; at most 3 connected calls per debtor per day (all
 * agencies); LoanDesk defaults: servicing/marketing 08:00–21:00, at most 2 SMS a day, no redial within
 * 30 minutes of an unanswered call, no collection on public holidays, follow-up visits (回访) need the
 * consent agreed at signing (PIPL art. 13; seed 002).
 */
export const CN_MAINLAND_POLICY: Readonly<CompliancePolicy> = freeze({
  profile: 'cn-mainland',
  collectionHours: { start: '08:00', end: '22:00' },
  generalHours: { start: '08:00', end: '21:00' },
  maxConnectedVoiceCallsPerDay: 3,
  maxCallAttemptsPer7DaysPerDebt: null,
  noCallDaysAfterConversation: null,
  burstMinutes: 30,
  channelDailyCaps: { sms: 2 },
  collectionsOnPublicHolidays: false,
  defaultTimeZones: ['Asia/Shanghai'],
  consentRequired: [{ purpose: 'follow-up-visit' }],
});

/** A bank's stricter house policy on top of the national standard: collection contact 08:00–21:00. */
export const CN_BANK_STRICT_POLICY: Readonly<CompliancePolicy> = freeze({
  ...CN_MAINLAND_POLICY,
  collectionHours: { start: '08:00', end: '21:00' },
  channelDailyCaps: { ...CN_MAINLAND_POLICY.channelDailyCaps },
  defaultTimeZones: [...(CN_MAINLAND_POLICY.defaultTimeZones ?? [])],
  consentRequired: [...(CN_MAINLAND_POLICY.consentRequired ?? [])],
});

/**
 * US debt collection, Regulation F (12 CFR part 1006): 08:00–21:00 at the consumer's location, every
 * possible zone when uncertain (1006.6(b)(1)); 7 calls per debt in 7 days and none for 7 days after a
 * conversation (1006.14(b)(2)); TCPA consent for automated calls and texts (47 U.S.C. 227(b)). LoanDesk
 * default: no redial within 60 minutes of an unanswered call. The mainland holiday calendar does not
 * apply.
 */
export const US_REG_F_POLICY: Readonly<CompliancePolicy> = freeze({
  profile: 'us-reg-f',
  collectionHours: { start: '08:00', end: '21:00' },
  generalHours: { start: '08:00', end: '21:00' },
  maxConnectedVoiceCallsPerDay: null,
  maxCallAttemptsPer7DaysPerDebt: 7,
  noCallDaysAfterConversation: 7,
  burstMinutes: 60,
  channelDailyCaps: {},
  collectionsOnPublicHolidays: true,
  consentRequired: [
    { channel: 'phone', mode: 'automated' },
    { channel: 'sms', mode: 'automated' },
  ],
});

export const COMPLIANCE_POLICIES = Object.freeze({
  'cn-mainland': CN_MAINLAND_POLICY,
  'cn-mainland-bank-strict': CN_BANK_STRICT_POLICY,
  'us-reg-f': US_REG_F_POLICY,
});

export type PolicyName = keyof typeof COMPLIANCE_POLICIES;

/** The default policy of a jurisdiction profile. */
export function policyForProfile(profile: JurisdictionProfile): Readonly<CompliancePolicy> {
  return profile === 'us-reg-f' ? US_REG_F_POLICY : CN_MAINLAND_POLICY;
}

/** A policy derived from a profile with some settings changed (a new object; the base is untouched). */
export function compliancePolicy(base: Readonly<CompliancePolicy>, changes: Partial<CompliancePolicy> = {}): CompliancePolicy {
  return {
    ...base,
    channelDailyCaps: { ...base.channelDailyCaps },
    ...changes,
  } as CompliancePolicy;
}
