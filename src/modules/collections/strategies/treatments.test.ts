import { describe, expect, it } from 'vitest';
import { ACTION_INFO, CARE_FLAGS_COMPLETE, CHANNEL_CONTACT, STRATEGY_ACTIONS, STRATEGY_CHANNELS } from './treatments.ts';

describe('treatment vocabulary', () => {
  it.each([
    ['sms', 'sms', 'automated'],
    ['email', 'email', 'automated'],
    ['portal', 'portal', 'automated'],
    ['letter', 'letter', 'automated'],
    ['phone', 'phone', 'human'],
    ['online-chat', 'portal', 'human'],
    ['field-visit', 'field-visit', 'human'],
  ] as const)('channel %s → compliance channel %s, %s', (channel, complianceChannel, mode) => {
    expect(CHANNEL_CONTACT[channel]).toEqual({ channel: complianceChannel, mode });
  });

  it('every channel and action is mapped', () => {
    expect(Object.keys(CHANNEL_CONTACT).sort()).toEqual([...STRATEGY_CHANNELS].sort());
    expect(Object.keys(ACTION_INFO).sort()).toEqual([...STRATEGY_ACTIONS].sort());
    expect(CARE_FLAGS_COMPLETE).toBe(true);
  });

  it('only proposals need approval', () => {
    expect(STRATEGY_ACTIONS.filter((a) => ACTION_INFO[a].requiresApproval)).toEqual(['legal-referral-proposal', 'external-agency-proposal']);
  });
});
