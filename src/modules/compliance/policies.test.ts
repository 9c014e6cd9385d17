import { describe, expect, it } from 'vitest';
import { CN_BANK_STRICT_POLICY, CN_MAINLAND_POLICY, COMPLIANCE_POLICIES, US_REG_F_POLICY, compliancePolicy, policyForProfile } from './policies.ts';

describe('policy profiles', () => {
  it('China national standard', () => {
    expect(CN_MAINLAND_POLICY).toMatchObject({
      profile: 'cn-mainland',
      collectionHours: { start: '08:00', end: '22:00' },
      maxConnectedVoiceCallsPerDay: 3,
      maxCallAttemptsPer7DaysPerDebt: null,
      collectionsOnPublicHolidays: false,
    });
  });
  it('a bank\'s stricter hours', () => {
    expect(CN_BANK_STRICT_POLICY.collectionHours).toEqual({ start: '08:00', end: '21:00' });
    expect(CN_BANK_STRICT_POLICY.profile).toBe('cn-mainland');
  });
  it('Regulation F', () => {
    expect(US_REG_F_POLICY).toMatchObject({
      profile: 'us-reg-f',
      collectionHours: { start: '08:00', end: '21:00' },
      maxCallAttemptsPer7DaysPerDebt: 7,
      noCallDaysAfterConversation: 7,
      maxConnectedVoiceCallsPerDay: null,
    });
  });
  it('profiles are frozen; compliancePolicy derives a new one', () => {
    expect(Object.isFrozen(CN_MAINLAND_POLICY)).toBe(true);
    const custom = compliancePolicy(CN_MAINLAND_POLICY, { burstMinutes: 10 });
    expect(custom.burstMinutes).toBe(10);
    expect(CN_MAINLAND_POLICY.burstMinutes).toBe(30);
    custom.channelDailyCaps.email = 1;
    expect(CN_MAINLAND_POLICY.channelDailyCaps.email).toBeUndefined();
  });
  it('lookup', () => {
    expect(policyForProfile('us-reg-f')).toBe(US_REG_F_POLICY);
    expect(Object.keys(COMPLIANCE_POLICIES)).toEqual(['cn-mainland', 'cn-mainland-bank-strict', 'us-reg-f']);
  });
});
