import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkPausedFraud } from './paused-fraud.ts';

const context = buildContext({ openCases: [{ type: 'fraud-incident', debtId: null, openedAt: at('2026-05-20 10:00') }] });

describe('an open fraud incident (borrower is the victim)', () => {
  it.each([
    ['human collections', { purpose: 'collections' }, false],
    ['automated collections', { purpose: 'collections', mode: 'automated' }, false],
    ['human marketing', { purpose: 'marketing' }, false],
    ['automated servicing reminder', { purpose: 'servicing', mode: 'automated', channel: 'sms' }, false],
    ['automated legally required servicing notice', { purpose: 'servicing', mode: 'automated', channel: 'sms', legallyRequiredNotice: true }, true],
    ['human servicing (the fraud team\'s updates)', { purpose: 'servicing' }, true],
    ['human follow-up visit', { purpose: 'follow-up-visit', channel: 'field-visit' }, true],
  ] as const)('%s → allowed %s', (_label, over, allowed) => {
    const d = checkPausedFraud(buildProposal(over), context, CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('paused-fraud');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
    }
  });

  it('an incident on another loan does not pause contact about this one', () => {
    const other = buildContext({ openCases: [{ type: 'fraud-incident', debtId: 'L9', openedAt: at('2026-05-20 10:00') }] });
    expect(checkPausedFraud(buildProposal(), other, CN_MAINLAND_POLICY)).toBeNull();
  });
});
