import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkPausedLegalHold } from './paused-legal-hold.ts';

const context = buildContext({ openCases: [{ type: 'legal-hold', debtId: 'L1', openedAt: at('2026-05-20 10:00') }] });

describe('a legal hold pauses collection and marketing', () => {
  it.each([
    ['collections', 'collections', false],
    ['marketing', 'marketing', false],
    ['servicing', 'servicing', true],
    ['follow-up visit', 'follow-up-visit', true],
  ] as const)('%s → allowed %s', (_label, purpose, allowed) => {
    const d = checkPausedLegalHold(buildProposal({ purpose }), context, CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) expect(d).toMatchObject({ rule: 'paused-legal-hold', overridable: false, allowedFrom: null });
  });
});
