import { describe, expect, it } from 'vitest';
import type { ContactHistoryEntry } from '../compliance.types.ts';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { at, buildContext, buildEntry, buildProposal } from '../compliance.test-support.ts';
import { checkDailyConnectedCallCap } from './daily-connected-call-cap.ts';

const connected = (local: string, extra: Partial<ContactHistoryEntry> = {}) => buildEntry({ at: at(local), outcome: 'connected', ...extra });

describe('China: at most 3 connected calls per debtor per local day', () => {
  it.each([
    [0, true],
    [1, true],
    [2, true], // the 3rd call may be made
    [3, false], // the 4th is refused
  ])('%i connected today → allowed %s', (n, allowed) => {
    const history = Array.from({ length: n }, (_, i) => connected(`2026-06-01 ${String(8 + i).padStart(2, "0")}:00`));
    const d = checkDailyConnectedCallCap(buildProposal({ at: at('2026-06-01 15:00') }), buildContext({ history }), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('daily-connected-call-cap');
      expect(d.allowedFrom).toEqual(at('2026-06-02 00:00'));
      expect(d.messageZh).toMatch(/3 通/);
    }
  });

  it('counts human and automated calls of every agency together, connected or conversation', () => {
    const history = [
      connected('2026-06-01 08:10', { mode: 'automated', agency: null }),
      connected('2026-06-01 09:10', { agency: 'Agency A', outcome: 'conversation' }),
      connected('2026-06-01 10:10', { agency: 'Agency B', purpose: 'servicing' }),
    ];
    expect(checkDailyConnectedCallCap(buildProposal({ at: at('2026-06-01 15:00') }), buildContext({ history }), CN_MAINLAND_POLICY)).not.toBeNull();
  });

  it('does not count unanswered calls, other channels or yesterday', () => {
    const history = [
      connected('2026-06-01 08:10', { outcome: 'no-answer' }),
      connected('2026-06-01 08:20', { outcome: 'attempted' }),
      connected('2026-06-01 08:30', { channel: 'video' }),
      connected('2026-05-31 21:50'),
      connected('2026-06-01 09:00'),
      connected('2026-06-01 10:00'),
    ];
    expect(checkDailyConnectedCallCap(buildProposal({ at: at('2026-06-01 15:00') }), buildContext({ history }), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('the local day is the debtor\'s (Asia/Shanghai midnight = 16:00Z)', () => {
    const history = [connected('2026-06-01 00:05'), connected('2026-06-01 00:10'), connected('2026-06-01 00:15')];
    const d = checkDailyConnectedCallCap(buildProposal({ at: at('2026-06-01 23:59') }), buildContext({ history }), CN_MAINLAND_POLICY);
    expect(d?.allowedFrom?.toISOString()).toBe('2026-06-01T16:00:00.000Z');
  });

  it('only collection phone calls are capped', () => {
    const history = [connected('2026-06-01 08:00'), connected('2026-06-01 09:00'), connected('2026-06-01 10:00')];
    const context = buildContext({ history });
    expect(checkDailyConnectedCallCap(buildProposal({ at: at('2026-06-01 15:00'), channel: 'sms' }), context, CN_MAINLAND_POLICY)).toBeNull();
    expect(checkDailyConnectedCallCap(buildProposal({ at: at('2026-06-01 15:00'), purpose: 'servicing' }), context, CN_MAINLAND_POLICY)).toBeNull();
  });
});
