import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkPausedHardship } from './paused-hardship.ts';

const flagged = (hardship: boolean, bereavement: boolean, vulnerable = false) => buildContext({ customer: { flags: { hardship, bereavement, vulnerable } } });

describe('hardship or bereavement pauses automated collection; a human may still call', () => {
  it.each([
    ['hardship, automated collections', flagged(true, false), { mode: 'automated' as const }, false],
    ['bereavement, automated collection SMS', flagged(false, true), { mode: 'automated' as const, channel: 'sms' as const }, false],
    ['hardship, human collections', flagged(true, false), { mode: 'human' as const }, true],
    ['hardship, automated servicing', flagged(true, false), { mode: 'automated' as const, purpose: 'servicing' as const }, true],
    ['vulnerable only', flagged(false, false, true), { mode: 'automated' as const }, true],
    ['no flags', flagged(false, false), { mode: 'automated' as const }, true],
  ])('%s → allowed %s', (_label, context, over, allowed) => {
    const d = checkPausedHardship(buildProposal(over), context, CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) expect(d).toMatchObject({ rule: 'paused-hardship', overridable: false, allowedFrom: null });
  });
});
