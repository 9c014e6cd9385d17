import { describe, expect, it } from 'vitest';
import { US_REG_F_POLICY } from '../policies.ts';
import { at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkPausedDispute } from './paused-dispute.ts';

const disputed = (debtId: string | null) => buildContext({ openCases: [{ type: 'dispute', debtId, openedAt: at('2026-05-20 10:00') }] });

describe('an open dispute pauses collection of the disputed debt', () => {
  it.each([
    ['collections about the disputed debt', disputed('L1'), {}, false],
    ['collections about another debt', disputed('L2'), {}, true],
    ['servicing (sending the verification)', disputed('L1'), { purpose: 'servicing' as const }, true],
  ])('%s → allowed %s', (_label, context, over, allowed) => {
    const d = checkPausedDispute(buildProposal(over), context, US_REG_F_POLICY);
    expect(d === null).toBe(allowed);
    if (d) expect(d).toMatchObject({ rule: 'paused-dispute', overridable: false, allowedFrom: null });
  });
});
