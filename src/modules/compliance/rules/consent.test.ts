import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../compliance.types.ts';
import { CN_MAINLAND_POLICY, US_REG_F_POLICY } from '../policies.ts';
import { DAY, at, buildContext, buildProposal, plus } from '../compliance.test-support.ts';
import { checkConsent } from './consent.ts';

const now = at('2026-06-01 10:00');
const consent = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  purpose: 'collections',
  channel: 'sms',
  grantedAt: plus(now, -30 * DAY),
  withdrawnAt: null,
  ...over,
});

describe('consent for (purpose, channel)', () => {
  it.each([
    ['active consent', [consent()], true],
    ['withdrawn one second before the contact', [consent({ withdrawnAt: plus(now, -1000) })], false],
    ['withdrawn at the same instant', [consent({ withdrawnAt: now })], false],
    ['withdrawn one second after', [consent({ withdrawnAt: plus(now, 1000) })], true],
    ['withdrawn, then granted again', [consent({ withdrawnAt: plus(now, -2 * DAY) }), consent({ grantedAt: plus(now, -DAY) })], true],
    ['granted, then withdrawn later', [consent({ grantedAt: plus(now, -2 * DAY) }), consent({ grantedAt: plus(now, -3 * DAY), withdrawnAt: plus(now, -DAY) })], false],
    ['no record (collections by SMS needs none in China)', [], true],
    ['withdrawn for another channel', [consent({ channel: 'email', withdrawnAt: plus(now, -1000) })], true],
  ] as const)('China collections by SMS, %s → allowed %s', (_label, consents, allowed) => {
    const d = checkConsent(buildProposal({ at: now, channel: 'sms' }), buildContext({ consents: [...consents] }), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('consent-missing');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
      expect(d.messageZh).toMatch(/撤回/);
    }
  });

  it('marketing always needs an active marketing consent for that channel', () => {
    const p = buildProposal({ at: now, purpose: 'marketing', channel: 'sms' });
    expect(checkConsent(p, buildContext(), CN_MAINLAND_POLICY)?.source).toMatch(/Marketing/);
    expect(checkConsent(p, buildContext({ consents: [consent()] }), CN_MAINLAND_POLICY)).not.toBeNull();
    expect(checkConsent(p, buildContext({ consents: [consent({ purpose: 'marketing' })] }), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('US: automated calls need consent (TCPA), human calls do not', () => {
    expect(checkConsent(buildProposal({ at: now, mode: 'automated' }), buildContext(), US_REG_F_POLICY)).not.toBeNull();
    expect(checkConsent(buildProposal({ at: now, mode: 'human' }), buildContext(), US_REG_F_POLICY)).toBeNull();
  });

  it('China: follow-up visits need the consent agreed at signing', () => {
    const p = buildProposal({ at: now, purpose: 'follow-up-visit', channel: 'video' });
    expect(checkConsent(p, buildContext(), CN_MAINLAND_POLICY)).not.toBeNull();
    expect(checkConsent(p, buildContext({ consents: [consent({ purpose: 'follow-up-visit', channel: 'video' })] }), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('a mandated servicing notice does not rest on consent', () => {
    const p = buildProposal({ at: now, purpose: 'servicing', channel: 'sms', legallyRequiredNotice: true });
    expect(checkConsent(p, buildContext({ consents: [consent({ purpose: 'servicing', withdrawnAt: plus(now, -DAY) })] }), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('a grant recorded for a later instant gives allowedFrom', () => {
    const d = checkConsent(buildProposal({ at: now, purpose: 'marketing' }), buildContext({ consents: [consent({ purpose: 'marketing', channel: 'phone', grantedAt: plus(now, DAY) })] }), CN_MAINLAND_POLICY);
    expect(d?.allowedFrom).toEqual(plus(now, DAY));
  });
});
