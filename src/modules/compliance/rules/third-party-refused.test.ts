import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { DAY, at, buildContext, buildEntry, buildProposal, plus } from '../compliance.test-support.ts';
import { checkThirdPartyRefused } from './third-party-refused.ts';

const now = at('2026-06-01 10:00');
const to = (refusedAt: Date | null) =>
  buildProposal({ at: now, recipient: { contactPointId: 'cp-ec', relationship: 'relative', refusedAt }, thirdPartyPurpose: 're-establish-contact' });

describe('a third party who refused is never contacted again', () => {
  it.each([
    ['refused last week', plus(now, -7 * DAY), false],
    ['refused a second ago', plus(now, -1000), false],
    ['never refused', null, true],
  ] as const)('%s → allowed %s', (_label, refusedAt, allowed) => {
    const d = checkThirdPartyRefused(to(refusedAt), buildContext({ customer: { debtorUnreachable: true } }), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('third-party-refused');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
    }
  });

  it('a refusal logged in the history counts even if the recipient record lacks it', () => {
    const context = buildContext({ history: [buildEntry({ at: plus(now, -3 * DAY), relationship: 'relative', contactPointId: 'cp-ec', outcome: 'refused' })] });
    expect(checkThirdPartyRefused(to(null), context, CN_MAINLAND_POLICY)).not.toBeNull();
  });

  it('the debtor refusing a call is not this rule', () => {
    const context = buildContext({ history: [buildEntry({ at: plus(now, -DAY), outcome: 'refused' })] });
    expect(checkThirdPartyRefused(buildProposal({ at: now }), context, CN_MAINLAND_POLICY)).toBeNull();
  });
});
