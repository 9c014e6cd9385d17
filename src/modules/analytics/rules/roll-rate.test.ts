import { describe, expect, it } from 'vitest';
import { pairSnapshots, reportBucket, rollRateMatrix, ROLL_STATES, type SnapshotEntry } from './roll-rate.ts';

const snap = (entries: Array<[string, string, number]>) => new Map<string, SnapshotEntry>(entries.map(([id, bucket, balanceFen]) => [id, { bucket, balanceFen }]));

describe('pairSnapshots', () => {
  it('groups loans by (start state, end state), summing the start balance; absent at the end = closed', () => {
    const start = snap([['a', 'M0', 100], ['b', 'M0', 200], ['c', 'M1', 50], ['d', 'M1', 70], ['e', 'M2', 10], ['f', 'M3', 5]]);
    const end = snap([['a', 'M0', 90], ['b', 'M1', 190], ['c', 'M0', 0], ['d', 'M2', 70], ['f', 'M4', 5], ['new', 'M0', 999]]);
    const cells = pairSnapshots(start, end).sort((x, y) => `${x.from}${x.to}`.localeCompare(`${y.from}${y.to}`));
    expect(cells).toEqual([
      { from: 'M0', to: 'M0', accounts: 1, balanceFen: 100 },
      { from: 'M0', to: 'M1', accounts: 1, balanceFen: 200 },
      { from: 'M1', to: 'M0', accounts: 1, balanceFen: 50 },
      { from: 'M1', to: 'M2', accounts: 1, balanceFen: 70 },
      { from: 'M2', to: 'closed', accounts: 1, balanceFen: 10 },
      { from: 'M3', to: 'M4', accounts: 1, balanceFen: 5 },
    ]);
  });
  it('refuses a state that is not a bucket code', () => {
    expect(() => pairSnapshots(snap([['a', 'M9', 1]]), snap([]))).toThrow(/unknown start state M9/);
  });
});

describe('rollRateMatrix', () => {
  const matrix = rollRateMatrix('2026-09-30', '2026-10-31', [
    { from: 'M0', to: 'M0', accounts: 90, balanceFen: 9_000 },
    { from: 'M0', to: 'M1', accounts: 8, balanceFen: 1_000 },
    { from: 'M0', to: 'closed', accounts: 2, balanceFen: 0 },
    { from: 'M1', to: 'M0', accounts: 3, balanceFen: 300 },
    { from: 'M1', to: 'M1', accounts: 1, balanceFen: 100 },
    { from: 'M1', to: 'M2', accounts: 6, balanceFen: 600 },
    { from: 'M7+', to: 'M7+', accounts: 4, balanceFen: 4_000 },
  ]);
  const row = (from: string) => matrix.rows.find((r) => r.from === from)!;
  const cell = (from: string, to: string) => row(from).cells.find((c) => c.to === to)!;

  it('has a row per bucket and a column per state, closed included', () => {
    expect(matrix.rows.map((r) => r.from)).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+']);
    expect(row('M1').cells.map((c) => c.to)).toEqual(ROLL_STATES);
  });
  it.each([
    ['M0', 'M0', 0.9, 0.9],
    ['M0', 'M1', 0.08, 0.1],
    ['M0', 'closed', 0.02, 0],
    ['M1', 'M0', 0.3, 0.3],
    ['M1', 'M2', 0.6, 0.6],
    ['M1', 'M3', 0, 0],
    ['M7+', 'M7+', 1, 1],
  ])('%s → %s: %s of accounts, %s of balance', (from, to, accounts, balance) => {
    expect(cell(from, to).accountShare).toBeCloseTo(accounts, 10);
    expect(cell(from, to).balanceShare).toBeCloseTo(balance, 10);
  });
  it('rows sum to one', () => {
    for (const r of matrix.rows.filter((x) => x.accounts > 0)) expect(r.cells.reduce((s, c) => s + c.accountShare!, 0)).toBeCloseTo(1, 10);
  });
  it('roll forward is the share moving to a worse bucket; cured the share back to M0', () => {
    expect(row('M0')).toMatchObject({ accounts: 100, balanceFen: 10_000, rollForward: 0.08, cured: null });
    expect(row('M1')).toMatchObject({ accounts: 10, rollForward: 0.6, cured: 0.3 });
    expect(row('M7+')).toMatchObject({ rollForward: 0, cured: 0 }); // nowhere worse to go
  });
  it('an empty row has null shares, not zeros', () => {
    expect(row('M3')).toMatchObject({ accounts: 0, rollForward: null, cured: null });
    expect(cell('M3', 'M4').accountShare).toBeNull();
  });
  it('a zero balance row has null balance shares', () => {
    const m = rollRateMatrix('a', 'b', [{ from: 'M2', to: 'M0', accounts: 1, balanceFen: 0 }]);
    expect(m.rows[2]!.cells[0]).toMatchObject({ accountShare: 1, balanceShare: null });
  });
  it.each([
    [{ from: 'closed', to: 'M0', accounts: 1, balanceFen: 0 }, /closed loan/],
    [{ from: 'M1', to: 'M99', accounts: 1, balanceFen: 0 }, /unknown to state/],
    [{ from: 'M1', to: 'M2', accounts: -1, balanceFen: 0 }, /non-negative/],
  ])('refuses %j', (t, message) => expect(() => rollRateMatrix('a', 'b', [t])).toThrow(message));
});

describe('reportBucket', () => {
  it.each([
    ['M0', null], ['M1', 'M1'], ['M2', 'M2'], ['M3', 'M3'], ['M4', 'M4+'], ['M5', 'M4+'], ['M6', 'M4+'], ['M7+', 'M4+'],
  ])('%s → %s', (code, group) => expect(reportBucket(code)).toBe(group));
  it('refuses an unknown code', () => expect(() => reportBucket('X')).toThrow(RangeError));
});
