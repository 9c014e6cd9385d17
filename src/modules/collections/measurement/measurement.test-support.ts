import type { AccountOutcome } from './compare-arms.ts';
import type { Arm } from './arm-assignment.ts';

let counter = 0;
export const outcome = (arm: Arm, overrides: Partial<AccountOutcome> = {}): AccountOutcome => ({
  accountId: `acct-${++counter}`,
  arm,
  cured: false,
  rolledForward: false,
  recoveredFen: 0,
  contacts: 0,
  complained: false,
  optedOut: false,
  ...overrides,
});

/** `n` outcomes of one arm, the first `k` of them with `flag` set. */
export const withFlag = (arm: Arm, n: number, k: number, flag: 'cured' | 'rolledForward' | 'complained' | 'optedOut'): AccountOutcome[] =>
  Array.from({ length: n }, (_, i) => outcome(arm, { [flag]: i < k }));
