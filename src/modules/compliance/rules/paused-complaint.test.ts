import { describe, expect, it } from 'vitest';
import type { OpenCase } from '../compliance.types.ts';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkPausedComplaint } from './paused-complaint.ts';

const complaint = (debtId: string | null): OpenCase => ({ type: 'collection-conduct-complaint', debtId, openedAt: at('2026-05-20 10:00') });

describe('an open collection-conduct complaint pauses collection contact', () => {
  it.each([
    ['on this loan, collections', complaint('L1'), {}, false],
    ['customer-wide, collections about L1', complaint(null), {}, false],
    ['on another loan', complaint('L2'), {}, true],
    ['on another loan, contact about no particular debt', complaint('L2'), { debtId: null }, false],
    ['servicing continues', complaint('L1'), { purpose: 'servicing' as const }, true],
    ['follow-up visits continue', complaint('L1'), { purpose: 'follow-up-visit' as const }, true],
  ])('%s → allowed %s', (_label, open, over, allowed) => {
    const d = checkPausedComplaint(buildProposal(over), buildContext({ openCases: [open] }), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('paused-complaint');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
    }
  });

  it('no open case → no pause', () => {
    expect(checkPausedComplaint(buildProposal(), buildContext(), CN_MAINLAND_POLICY)).toBeNull();
  });
});
