import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_LIMITS } from './approval.ts';
import { finish, NO_MOVEMENTS, reconciles } from './arrangement.ts';
import { totalsOf } from './outstanding-schedule.ts';

const row = (principalFen: number, interestFen: number, feeFen = 0) => ({ sequence: 1, dueDate: '2024-01-15', principalFen, interestFen, feeFen });
const NONE = { termExtensionMonths: 0, principalReductionFen: 0, interestWaivedFen: 0, feesWaivedFen: 0, rateReductionBps: 0 };

describe('reconciles', () => {
  const before = [row(1000, 100, 10)];
  it.each<[string, ReturnType<typeof row>[], typeof NO_MOVEMENTS, boolean]>([
    ['unchanged', [row(1000, 100, 10)], NO_MOVEMENTS, true],
    ['interest added and declared', [row(1000, 150, 10)], { ...NO_MOVEMENTS, interestAddedFen: 50 }, true],
    ['interest added, not declared', [row(1000, 150, 10)], NO_MOVEMENTS, false],
    ['capitalised: moves interest into principal', [row(1100, 0, 10)], { ...NO_MOVEMENTS, capitalizedInterestFen: 100 }, true],
    ['a fen lost', [row(999, 100, 10)], NO_MOVEMENTS, false],
    ['principal reduced and declared', [row(900, 100, 10)], { ...NO_MOVEMENTS, principalReducedFen: 100 }, true],
    ['fees waived and declared', [row(1000, 100, 0)], { ...NO_MOVEMENTS, feesWaivedFen: 10 }, true],
  ])('%s → %s', (_, after, movements, expected) => {
    expect(reconciles({ schedule: after, before: totalsOf(before), after: totalsOf(after), movements })).toBe(expected);
  });
});

describe('finish', () => {
  it('refuses a result that does not reconcile (a bug, not a user error)', () => {
    expect(() => finish('grace-period', '2024-01-01', [row(1000, 100)], [row(1000, 99)], NO_MOVEMENTS, NONE, DEFAULT_APPROVAL_LIMITS)).toThrow(/does not reconcile/);
  });

  it('refuses negative amounts', () => {
    expect(() => finish('grace-period', '2024-01-01', [row(1000, 100)], [row(1100, -100)], { ...NO_MOVEMENTS, capitalizedInterestFen: 100, interestWaivedFen: 100, interestAddedFen: 100 }, NONE, DEFAULT_APPROVAL_LIMITS)).toThrow(/invalid amount -100/);
  });
});
