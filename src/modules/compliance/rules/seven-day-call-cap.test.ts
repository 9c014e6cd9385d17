import { describe, expect, it } from 'vitest';
import type { ContactHistoryEntry } from '../compliance.types.ts';
import { US_REG_F_POLICY } from '../policies.ts';
import { DAY, HOUR, NEW_YORK, at, buildContext, buildEntry, buildProposal, plus } from '../compliance.test-support.ts';
import { checkSevenDayCallCap } from './seven-day-call-cap.ts';

const now = at('2026-06-10 12:00', NEW_YORK);
/** n calls, one a day at 12:00 local going back from yesterday, newest last. */
function calls(n: number, extra: Partial<ContactHistoryEntry> = {}): ContactHistoryEntry[] {
  return Array.from({ length: n }, (_, i) => buildEntry({ at: plus(now, -(n - i) * (DAY - HOUR)), outcome: 'no-answer', ...extra }));
}
const ctx = (history: ContactHistoryEntry[]) => buildContext({ customer: { timeZones: [NEW_YORK] }, history });

describe('Reg F: at most 7 calls per debt within 7 consecutive days', () => {
  it.each([
    [6, true], // the 7th call may be placed
    [7, false], // the 8th is refused
  ])('%i calls in the window → allowed %s', (n, allowed) => {
    const history = calls(n);
    const d = checkSevenDayCallCap(buildProposal({ at: now }), ctx(history), US_REG_F_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('seven-day-call-cap');
      expect(d.overridable).toBe(true);
      // allowedFrom = the oldest counted call + 7 days
      expect(d.allowedFrom).toEqual(plus(history[0].at, 7 * DAY));
    }
  });

  it('every outcome counts (answered, unanswered, automated)', () => {
    const history = calls(7).map((e, i) => ({ ...e, outcome: i % 2 ? ('connected' as const) : ('attempted' as const), mode: i % 3 ? ('automated' as const) : ('human' as const) }));
    expect(checkSevenDayCallCap(buildProposal({ at: now }), ctx(history), US_REG_F_POLICY)).not.toBeNull();
  });

  it('a call exactly 7 days old no longer counts', () => {
    const history = [buildEntry({ at: plus(now, -7 * DAY) }), ...calls(6)];
    expect(checkSevenDayCallCap(buildProposal({ at: now }), ctx(history), US_REG_F_POLICY)).toBeNull();
    const earlier = checkSevenDayCallCap(buildProposal({ at: plus(now, -1000) }), ctx(history), US_REG_F_POLICY);
    expect(earlier?.allowedFrom).toEqual(now);
  });

  it('two debts of one consumer count separately', () => {
    const history = calls(7, { debtId: 'L1' });
    const context = ctx(history);
    expect(checkSevenDayCallCap(buildProposal({ at: now, debtId: 'L2' }), context, US_REG_F_POLICY)).toBeNull();
    expect(checkSevenDayCallCap(buildProposal({ at: now, debtId: 'L1' }), context, US_REG_F_POLICY)).not.toBeNull();
  });

  it('calls about no particular debt count toward every debt, and such a call checks every debt', () => {
    const mixed = [...calls(4, { debtId: null }), ...calls(3, { debtId: 'L1' })].sort((a, b) => a.at.getTime() - b.at.getTime());
    expect(checkSevenDayCallCap(buildProposal({ at: now, debtId: 'L1' }), ctx(mixed), US_REG_F_POLICY)).not.toBeNull();
    expect(checkSevenDayCallCap(buildProposal({ at: now, debtId: 'L2' }), ctx(mixed), US_REG_F_POLICY)).toBeNull();
    expect(checkSevenDayCallCap(buildProposal({ at: now, debtId: null }), ctx(calls(7, { debtId: 'L2' })), US_REG_F_POLICY)).not.toBeNull();
  });

  it('allowedFrom steps past a later call that would still fill the window', () => {
    // 8 calls in the window: the 2nd oldest must age out too
    const history = calls(8).map((e, i) => ({ ...e, at: plus(now, -(8 - i) * 20 * HOUR) }));
    const d = checkSevenDayCallCap(buildProposal({ at: now }), ctx(history), US_REG_F_POLICY);
    expect(d?.allowedFrom).toEqual(plus(history[1].at, 7 * DAY));
  });

  it('only collection phone calls, and only when the policy sets a cap', () => {
    const context = ctx(calls(7));
    expect(checkSevenDayCallCap(buildProposal({ at: now, channel: 'sms' }), context, US_REG_F_POLICY)).toBeNull();
    expect(checkSevenDayCallCap(buildProposal({ at: now, purpose: 'servicing' }), context, US_REG_F_POLICY)).toBeNull();
    expect(checkSevenDayCallCap(buildProposal({ at: now }), context, { ...US_REG_F_POLICY, maxCallAttemptsPer7DaysPerDebt: null })).toBeNull();
  });
});
