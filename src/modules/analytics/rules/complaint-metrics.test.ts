import { describe, expect, it } from 'vitest';
import { attainment, perThousandTable, rootCauses, satisfaction, type ClockVerdict } from './complaint-metrics.ts';

describe('attainment', () => {
  const many = (v: ClockVerdict, n: number) => Array<ClockVerdict>(n).fill(v);
  it.each([
    ['all met', [...many('met', 10)], { met: 10, breached: 0, pending: 0, rate: 1, meetsTarget: true }],
    ['exactly 90 %', [...many('met', 9), 'breached'], { met: 9, breached: 1, rate: 0.9, meetsTarget: true }],
    ['just under', [...many('met', 8), ...many('breached', 1), 'breached'], { met: 8, breached: 2, rate: 0.8, meetsTarget: false }],
    ['pending are left out of the share', ['met', 'pending', 'pending'], { met: 1, pending: 2, total: 1, rate: 1 }],
    ['nothing known yet', ['pending'], { rate: null, meetsTarget: null, ci: null }],
    ['not-required and missed-path count nowhere', ['not-required', 'missed-path', 'met'], { met: 1, breached: 0, pending: 0, total: 1 }],
  ] as Array<[string, ClockVerdict[], object]>)('%s', (_name, verdicts, expected) => {
    expect(attainment(verdicts)).toMatchObject({ target: 0.9, ...expected });
  });
  it('takes another target', () => expect(attainment(['met', 'breached'], 0.5).meetsTarget).toBe(true));
});

describe('perThousandTable', () => {
  it('joins counts to accounts by key, with zero rows for keys without complaints', () => {
    expect(perThousandTable([{ key: 'BJ001', complaints: 3 }, { key: 'SH001', complaints: 1 }, { key: 'X', complaints: 2 }], [
      { key: 'BJ001', accounts: 1500 }, { key: 'SH001', accounts: 500 }, { key: 'SZ001', accounts: 200 },
    ])).toEqual([
      { key: 'BJ001', complaints: 3, accounts: 1500, perThousand: 2 },
      { key: 'SH001', complaints: 1, accounts: 500, perThousand: 2 },
      { key: 'SZ001', complaints: 0, accounts: 200, perThousand: 0 },
      { key: 'X', complaints: 2, accounts: 0, perThousand: null },
    ]);
  });
});

describe('rootCauses', () => {
  it('ranks categories by upheld decisions and counts remedies and process fixes', () => {
    const rows = rootCauses([
      { category: 'collection-conduct', outcome: 'upheld', remedies: ['apology', 'process-fix'], complaints: 3 },
      { category: 'collection-conduct', outcome: 'not-upheld', remedies: [], complaints: 1 },
      { category: 'interest-and-fee-calculation', outcome: 'partly-upheld', remedies: ['refund', 'refund'], complaints: 4 },
      { category: 'other', outcome: 'not-upheld', remedies: [], complaints: 5 },
    ]);
    expect(rows.map((r) => r.category)).toEqual(['interest-and-fee-calculation', 'collection-conduct', 'other']);
    expect(rows[0]).toEqual({ category: 'interest-and-fee-calculation', decided: 4, upheld: 4, upheldShare: 1, notUpheld: 0, processFix: 0, remedies: { refund: 4 } });
    expect(rows[1]).toMatchObject({ decided: 4, upheld: 3, upheldShare: 0.75, notUpheld: 1, processFix: 3, remedies: { apology: 3, 'process-fix': 3 } });
    expect(rows[2]).toMatchObject({ upheld: 0, upheldShare: 0, notUpheld: 5 });
  });
  it('is empty without decisions', () => expect(rootCauses([])).toEqual([]));
});

describe('satisfaction', () => {
  it('gives the distribution, average, response rate and share satisfied', () => {
    const s = satisfaction(10, [{ score: 5, answers: 2 }, { score: 4, answers: 1 }, { score: 1, answers: 1 }]);
    expect(s.distribution).toEqual([
      { score: 1, answers: 1 }, { score: 2, answers: 0 }, { score: 3, answers: 0 }, { score: 4, answers: 1 }, { score: 5, answers: 2 },
    ]);
    expect(s).toMatchObject({ surveys: 10, answered: 4, average: 3.75 });
    expect(s.responseRate.rate).toBe(0.4);
    expect(s.satisfied.rate).toBe(0.75);
  });
  it('has no average without answers', () => expect(satisfaction(3, [])).toMatchObject({ answered: 0, average: null, satisfied: { rate: null } }));
  it.each([
    [1, [{ score: 6, answers: 1 }], /score must be 1–5/],
    [1, [{ score: 5, answers: 2 }], /more answers/],
  ])('refuses %j %j', (surveys, scores, message) => expect(() => satisfaction(surveys, scores)).toThrow(message));
});
