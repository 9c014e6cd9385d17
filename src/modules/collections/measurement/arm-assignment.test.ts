import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { armFor, splitPoint, type Experiment } from './arm-assignment.ts';

const IDS = 100_000;
const ids = (prefix: string) => Array.from({ length: IDS }, (_, i) => `${prefix}${i}`);

describe('armFor', () => {
  it.each<[string, Experiment, string]>([
    ['share 0: everyone champion', { id: 'exp-1', challengerShare: 0 }, 'champion'],
    ['share 1: everyone challenger', { id: 'exp-1', challengerShare: 1 }, 'challenger'],
  ])('%s', (_, experiment, arm) => {
    for (const id of ['a', 'b', 'c', 'acct-42']) expect(armFor(id, experiment)).toBe(arm);
  });

  it('is pinned: the same account, the same experiment, the same arm — on any machine, in any release', () => {
    // printf '%s' '["ptp-sms-2026","acct-1"]' | sha256sum → f0d7a7cb23d60… ; 0xf0d7a7cb23d60 / 2^52 = 0.94079…
    const points = ['acct-1', 'acct-2', 'acct-3'].map((a) => splitPoint('ptp-sms-2026', a));
    expect(points.map((p) => p.toFixed(6))).toEqual(['0.940791', '0.308748', '0.538160']);
    expect(armFor('acct-1', { id: 'ptp-sms-2026', challengerShare: 0.5 })).toBe('champion');
    expect(armFor('acct-2', { id: 'ptp-sms-2026', challengerShare: 0.5 })).toBe('challenger');
    expect(points.every((p) => p >= 0 && p < 1)).toBe(true);
  });

  it('keeps ("ab", "c") and ("a", "bc") apart', () => {
    expect(splitPoint('ab', 'c')).not.toBe(splitPoint('a', 'bc'));
  });

  it.each<[string, Experiment]>([
    ['share above 1', { id: 'x', challengerShare: 1.01 }],
    ['negative share', { id: 'x', challengerShare: -0.1 }],
    ['NaN share', { id: 'x', challengerShare: Number.NaN }],
    ['empty experiment id', { id: '', challengerShare: 0.5 }],
  ])('rejects %s', (_, experiment) => {
    expect(() => armFor('acct-1', experiment)).toThrow(RangeError);
  });

  it('rejects an empty account id', () => {
    expect(() => armFor('', { id: 'x', challengerShare: 0.5 })).toThrow(RangeError);
  });
});

describe('armFor — properties over 100k account ids', () => {
  it('stable, and the challenger arm is within ±1 percentage point of the share (±6σ at n = 100k)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ maxLength: 8 }), (experimentId, share, prefix) => {
        const experiment = { id: experimentId, challengerShare: share };
        const accounts = ids(prefix);
        const arms = accounts.map((a) => armFor(a, experiment));
        const challengers = arms.filter((a) => a === 'challenger').length;
        expect(Math.abs(challengers / IDS - share)).toBeLessThan(0.01);
        for (let i = 0; i < IDS; i += 997) expect(armFor(accounts[i]!, experiment)).toBe(arms[i]);
      }),
      { numRuns: 8 },
    );
  });

  it('changing the share moves only accounts between the two shares, in one direction, about |s2 − s1| of them', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (experimentId, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        let moved = 0;
        for (const account of ids('acct-')) {
          const before = armFor(account, { id: experimentId, challengerShare: low });
          const after = armFor(account, { id: experimentId, challengerShare: high });
          if (before === 'challenger') expect(after).toBe('challenger'); // never moves back
          if (before !== after) moved++;
        }
        expect(Math.abs(moved / IDS - (high - low))).toBeLessThan(0.01);
      }),
      { numRuns: 5 },
    );
  });

  it('two experiments split independently (overlap of challengers ≈ s1 · s2)', () => {
    let both = 0;
    for (const account of ids('acct-')) {
      if (armFor(account, { id: 'exp-a', challengerShare: 0.5 }) === 'challenger' && armFor(account, { id: 'exp-b', challengerShare: 0.2 }) === 'challenger') both++;
    }
    expect(Math.abs(both / IDS - 0.1)).toBeLessThan(0.01);
  });
});
