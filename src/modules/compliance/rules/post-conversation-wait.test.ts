import { describe, expect, it } from 'vitest';
import { US_REG_F_POLICY } from '../policies.ts';
import { DAY, HOUR, MINUTE, NEW_YORK, at, buildContext, buildEntry, buildProposal, plus } from '../compliance.test-support.ts';
import { checkPostConversationWait } from './post-conversation-wait.ts';

const now = at('2026-06-10 12:00', NEW_YORK);
const ctx = (ago: number, extra = {}) =>
  buildContext({ customer: { timeZones: [NEW_YORK] }, history: [buildEntry({ at: plus(now, -ago), outcome: 'conversation', ...extra })] });

describe('Reg F: no call within 7 days after a telephone conversation about the debt', () => {
  it.each([
    ['1 hour ago', HOUR, false],
    ['6 days 23 hours ago', 6 * DAY + 23 * HOUR, false],
    ['6 days 23 hours 59 minutes ago', 7 * DAY - MINUTE, false],
    ['exactly 7 days ago', 7 * DAY, true],
    ['8 days ago', 8 * DAY, true],
  ])('conversation %s → allowed %s', (_label, ago, allowed) => {
    const d = checkPostConversationWait(buildProposal({ at: now }), ctx(ago), US_REG_F_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('post-conversation-wait');
      expect(d.allowedFrom).toEqual(plus(now, 7 * DAY - ago));
    }
  });

  it('a conversation 6 days 23 hours ago blocks for exactly one more hour', () => {
    const d = checkPostConversationWait(buildProposal({ at: now }), ctx(6 * DAY + 23 * HOUR), US_REG_F_POLICY);
    expect(d?.allowedFrom).toEqual(plus(now, HOUR));
  });

  it('a connected call that was not a conversation about the debt does not start the wait', () => {
    expect(checkPostConversationWait(buildProposal({ at: now }), ctx(HOUR, { outcome: 'connected' }), US_REG_F_POLICY)).toBeNull();
  });

  it('per debt: a conversation about L1 does not block a call about L2', () => {
    expect(checkPostConversationWait(buildProposal({ at: now, debtId: 'L2' }), ctx(HOUR), US_REG_F_POLICY)).toBeNull();
    expect(checkPostConversationWait(buildProposal({ at: now, debtId: 'L2' }), ctx(HOUR, { debtId: null }), US_REG_F_POLICY)).not.toBeNull();
  });

  it('off when the policy has no wait (China profile)', () => {
    expect(checkPostConversationWait(buildProposal({ at: now }), ctx(HOUR), { ...US_REG_F_POLICY, noCallDaysAfterConversation: null })).toBeNull();
  });
});
