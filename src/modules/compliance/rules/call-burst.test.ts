import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { MINUTE, at, buildContext, buildEntry, buildProposal, plus } from '../compliance.test-support.ts';
import { checkCallBurst } from './call-burst.ts';

const now = at('2026-06-01 10:00');

describe('burst limit: no call within burstMinutes (30) of an unanswered call', () => {
  it.each([
    ['no-answer', 29, false],
    ['no-answer', 30, true],
    ['attempted', 1, false],
    ['connected', 1, true],
    ['refused', 1, true],
  ] as const)('last call %s %i minutes ago → allowed %s', (outcome, minutes, allowed) => {
    const context = buildContext({ history: [buildEntry({ at: plus(now, -minutes * MINUTE), outcome })] });
    const d = checkCallBurst(buildProposal({ at: now }), context, CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('call-burst');
      expect(d.allowedFrom).toEqual(plus(now, (30 - minutes) * MINUTE));
    }
  });

  it('is per person: an unanswered call to a contact person does not block calling the debtor', () => {
    const context = buildContext({ history: [buildEntry({ at: plus(now, -MINUTE), outcome: 'no-answer', relationship: 'spouse', contactPointId: 'cp-2' })] });
    expect(checkCallBurst(buildProposal({ at: now }), context, CN_MAINLAND_POLICY)).toBeNull();
  });

  it('only phone proposals', () => {
    const context = buildContext({ history: [buildEntry({ at: plus(now, -MINUTE), outcome: 'no-answer' })] });
    expect(checkCallBurst(buildProposal({ at: now, channel: 'sms' }), context, CN_MAINLAND_POLICY)).toBeNull();
  });
});
