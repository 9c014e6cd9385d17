import { describe, expect, it } from 'vitest';
import { compareArms } from './compare-arms.ts';
import { newcombeDifference, wilsonInterval } from './statistics.ts';
import { outcome, withFlag } from './measurement.test-support.ts';

describe('compareArms', () => {
  const outcomes = [
    outcome('champion', { cured: true, recoveredFen: 100_000, contacts: 4 }),
    outcome('champion', { rolledForward: true, recoveredFen: 0, contacts: 6, complained: true }),
    outcome('champion', { recoveredFen: 20_000, contacts: 5 }),
    outcome('champion', { cured: true, recoveredFen: 80_000, contacts: 5, optedOut: true }),
    outcome('challenger', { cured: true, recoveredFen: 150_000, contacts: 2 }),
    outcome('challenger', { cured: true, recoveredFen: 90_000, contacts: 3 }),
    outcome('challenger', { recoveredFen: 10_001, contacts: 1, optedOut: true }),
  ];
  const result = compareArms(outcomes);

  it('counts each arm', () => {
    expect(result.champion.accounts).toBe(4);
    expect(result.challenger.accounts).toBe(3);
    expect(result.confidenceLevel).toBe(0.95);
  });

  it.each([
    ['cureRate', 2, 4, 2, 3],
    ['rollForwardRate', 1, 4, 0, 3],
    ['complaintRate', 1, 4, 0, 3],
    ['optOutRate', 1, 4, 1, 3],
  ] as const)('%s: rate, Wilson interval, difference with Newcombe interval', (metric, e1, n1, e2, n2) => {
    expect(result.champion[metric]).toEqual({ events: e1, accounts: n1, rate: e1 / n1, ci: wilsonInterval(e1, n1) });
    expect(result.challenger[metric]).toEqual({ events: e2, accounts: n2, rate: e2 / n2, ci: wilsonInterval(e2, n2) });
    expect(result.difference[metric]).toEqual({ estimate: e2 / n2 - e1 / n1, ci: newcombeDifference(e1, n1, e2, n2) });
  });

  it('amount recovered per account: exact fen total, mean, CLT interval and Welch difference', () => {
    expect(result.champion.recoveredFenPerAccount).toMatchObject({ total: 200_000, accounts: 4, mean: 50_000 });
    expect(result.challenger.recoveredFenPerAccount).toMatchObject({ total: 250_001, accounts: 3 });
    expect(result.challenger.recoveredFenPerAccount.mean).toBeCloseTo(250_001 / 3, 9);
    const ci = result.champion.recoveredFenPerAccount.ci!;
    expect((ci.low + ci.high) / 2).toBeCloseTo(50_000, 6);
    expect(result.difference.recoveredFenPerAccount.estimate).toBeCloseTo(250_001 / 3 - 50_000, 6);
    expect(result.difference.recoveredFenPerAccount.ci!.low).toBeLessThan(result.difference.recoveredFenPerAccount.estimate!);
  });

  it('contacts per account (the cost side)', () => {
    expect(result.champion.contactsPerAccount).toMatchObject({ total: 20, mean: 5 });
    expect(result.challenger.contactsPerAccount).toMatchObject({ total: 6, mean: 2 });
    expect(result.difference.contactsPerAccount.estimate).toBe(-3);
    // champion contacts 4,6,5,5: s² = 2/3; challenger 2,3,1: s² = 1
    const half = 1.959963984540054 * Math.sqrt(2 / 3 / 4 + 1 / 3);
    expect(result.difference.contactsPerAccount.ci!.low).toBeCloseTo(-3 - half, 12);
    expect(result.difference.contactsPerAccount.ci!.high).toBeCloseTo(-3 + half, 12);
  });

  it('a large test detects a real difference in cure rate', () => {
    const big = compareArms([...withFlag('champion', 5000, 1000, 'cured'), ...withFlag('challenger', 5000, 1150, 'cured')]);
    expect(big.difference.cureRate.estimate).toBeCloseTo(0.03, 12);
    expect(big.difference.cureRate.ci!.low).toBeGreaterThan(0);
  });

  it('an empty arm has no rates, means or differences', () => {
    const onlyChampion = compareArms([outcome('champion'), outcome('champion')]);
    expect(onlyChampion.challenger.cureRate).toEqual({ events: 0, accounts: 0, rate: null, ci: null });
    expect(onlyChampion.challenger.recoveredFenPerAccount).toEqual({ total: 0, accounts: 0, mean: null, ci: null });
    expect(onlyChampion.difference.cureRate).toEqual({ estimate: null, ci: null });
    expect(onlyChampion.difference.contactsPerAccount).toEqual({ estimate: null, ci: null });
  });

  it('a single account has a mean but no interval', () => {
    const r = compareArms([outcome('champion', { contacts: 3 }), outcome('challenger', { contacts: 1 })]);
    expect(r.champion.contactsPerAccount).toEqual({ total: 3, accounts: 1, mean: 3, ci: null });
    expect(r.difference.contactsPerAccount).toEqual({ estimate: -2, ci: null });
  });

  it.each([
    ['a duplicate account', [outcome('champion', { accountId: 'x' }), outcome('challenger', { accountId: 'x' })], /account x appears twice/],
    ['fractional fen', [outcome('champion', { recoveredFen: 1.5 })], /recoveredFen/],
    ['negative contacts', [outcome('champion', { contacts: -1 })], /contacts/],
    ['an unknown arm', [outcome('control' as never)], /arm must be champion or challenger/],
  ])('rejects %s', (_, rows, message) => {
    expect(() => compareArms(rows)).toThrow(message);
  });
});
