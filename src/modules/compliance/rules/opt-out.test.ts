import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { DAY, at, buildContext, buildProposal, plus } from '../compliance.test-support.ts';
import { checkOptOut } from './opt-out.ts';

const now = at('2026-06-01 10:00');
const optedOut = (channel: 'sms' | 'email', when = plus(now, -1000)) => buildContext({ optOuts: [{ channel, at: when }] });

describe('opt-outs are honoured immediately for that channel', () => {
  it.each([
    ['sms', 'collections', 'sms', false],
    ['sms', 'servicing', 'sms', false],
    ['sms', 'marketing', 'sms', false],
    ['sms', 'collections', 'email', true],
    ['email', 'servicing', 'email', false],
  ] as const)('opted out of %s; %s by %s → allowed %s', (out, purpose, channel, allowed) => {
    const d = checkOptOut(buildProposal({ at: now, purpose, channel }), optedOut(out), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('opted-out');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
    }
  });

  it('an opt-out recorded after the contact does not apply to it', () => {
    expect(checkOptOut(buildProposal({ at: now, channel: 'sms' }), optedOut('sms', plus(now, 1000)), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('a legally required servicing notice still goes; the flag does nothing for other purposes', () => {
    expect(checkOptOut(buildProposal({ at: now, channel: 'sms', purpose: 'servicing', legallyRequiredNotice: true }), optedOut('sms'), CN_MAINLAND_POLICY)).toBeNull();
    expect(checkOptOut(buildProposal({ at: now, channel: 'sms', purpose: 'collections', legallyRequiredNotice: true }), optedOut('sms'), CN_MAINLAND_POLICY)).not.toBeNull();
  });

  it('a consent for (purpose, channel) granted after the opt-out re-opens it for that purpose only', () => {
    const context = buildContext({
      optOuts: [{ channel: 'sms', at: plus(now, -2 * DAY) }],
      consents: [{ purpose: 'servicing', channel: 'sms', grantedAt: plus(now, -DAY), withdrawnAt: null }],
    });
    expect(checkOptOut(buildProposal({ at: now, channel: 'sms', purpose: 'servicing' }), context, CN_MAINLAND_POLICY)).toBeNull();
    expect(checkOptOut(buildProposal({ at: now, channel: 'sms', purpose: 'collections' }), context, CN_MAINLAND_POLICY)).not.toBeNull();
  });
});
