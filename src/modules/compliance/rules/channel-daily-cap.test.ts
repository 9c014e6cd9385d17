import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { at, buildContext, buildEntry, buildProposal } from '../compliance.test-support.ts';
import { checkChannelDailyCap } from './channel-daily-cap.ts';

describe('per-channel daily caps (sms: 2 in the China profile)', () => {
  const sms = (local: string, outcome: 'delivered' | 'failed' = 'delivered') => buildEntry({ at: at(local), channel: 'sms', outcome, mode: 'automated' });
  it.each([
    [[], true],
    [['2026-06-01 09:00'], true],
    [['2026-06-01 09:00', '2026-06-01 10:00'], false],
    [['2026-05-31 09:00', '2026-05-31 10:00'], true],
  ] as const)('sms sent at %o → allowed %s', (sent, allowed) => {
    const context = buildContext({ history: sent.map((s) => sms(s)) });
    const d = checkChannelDailyCap(buildProposal({ channel: 'sms', at: at('2026-06-01 15:00') }), context, CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('channel-daily-cap');
      expect(d.allowedFrom).toEqual(at('2026-06-02 00:00'));
    }
  });

  it('failed sends count too, every purpose', () => {
    const context = buildContext({ history: [sms('2026-06-01 09:00', 'failed'), { ...sms('2026-06-01 10:00'), purpose: 'marketing' }] });
    expect(checkChannelDailyCap(buildProposal({ channel: 'sms', purpose: 'servicing', at: at('2026-06-01 15:00') }), context, CN_MAINLAND_POLICY)).not.toBeNull();
  });

  it('channels without a cap are not limited', () => {
    const context = buildContext({ history: [sms('2026-06-01 09:00'), sms('2026-06-01 10:00')] });
    expect(checkChannelDailyCap(buildProposal({ channel: 'email', at: at('2026-06-01 15:00') }), context, CN_MAINLAND_POLICY)).toBeNull();
  });

  it('a cap of 0 blocks the channel with no allowedFrom', () => {
    const d = checkChannelDailyCap(buildProposal({ channel: 'email' }), buildContext(), { ...CN_MAINLAND_POLICY, channelDailyCaps: { email: 0 } });
    expect(d?.allowedFrom).toBeNull();
  });
});
