/**
 * Month-over-month roll rates (迁徙率): where the accounts (and the outstanding principal) in each
 * bucket at one month end are at the next month end. States are the loans module's own bucket codes
 * (M0 current … M7+, DEFAULT_BUCKETS) plus `closed` for a loan that left the active book (settled,
 * written off, recalled) in between. The matrix is built from two snapshots; the SQL edge groups the
 * same pairs and hands in the cells, and `pairSnapshots` is the per-loan form of that grouping.
 */
import { DEFAULT_BUCKETS } from '../../loans/rules/delinquency-bucket.ts';

export const BUCKET_CODES: readonly string[] = DEFAULT_BUCKETS.map((b) => b.code);
export const ROLL_STATES: readonly string[] = [...BUCKET_CODES, 'closed'];

export type SnapshotEntry = { bucket: string; balanceFen: number };
export type TransitionCell = { from: string; to: string; accounts: number; balanceFen: number };

export type RollRateRow = {
  from: string;
  accounts: number;
  balanceFen: number;
  /** Per target state, in ROLL_STATES order: share of the row's accounts and of its balance. */
  cells: Array<{ to: string; accounts: number; balanceFen: number; accountShare: number | null; balanceShare: number | null }>;
  /** Share of accounts that moved to a worse bucket (roll forward). */
  rollForward: number | null;
  /** Share of accounts back to current M0 (cured), for a delinquent row. */
  cured: number | null;
};

export type RollRateMatrix = { fromDate: string; toDate: string; states: string[]; rows: RollRateRow[] };

const rank = (state: string) => BUCKET_CODES.indexOf(state);

/**
 * Pairs two snapshots (loan → state at the first and second date). A loan absent from the second
 * snapshot is `closed`; a loan absent from the first (disbursed in between) is not part of the matrix.
 */
export function pairSnapshots(start: ReadonlyMap<string, SnapshotEntry>, end: ReadonlyMap<string, SnapshotEntry>): TransitionCell[] {
  const cells = new Map<string, TransitionCell>();
  for (const [loanId, a] of start) {
    assertState(a.bucket, 'start');
    const to = end.get(loanId)?.bucket ?? 'closed';
    assertState(to, 'end');
    const key = `${a.bucket}>${to}`;
    const cell = cells.get(key) ?? { from: a.bucket, to, accounts: 0, balanceFen: 0 };
    cell.accounts += 1;
    cell.balanceFen += a.balanceFen;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** The matrix from grouped transitions; `balanceFen` is the balance at the start date (the row's exposure). */
export function rollRateMatrix(fromDate: string, toDate: string, transitions: readonly TransitionCell[]): RollRateMatrix {
  const byFrom = new Map<string, TransitionCell[]>();
  for (const t of transitions) {
    assertState(t.from, 'from');
    assertState(t.to, 'to');
    if (t.from === 'closed') throw new RangeError('a closed loan cannot be the start of a transition');
    if (t.accounts < 0 || t.balanceFen < 0) throw new RangeError('counts and balances must be non-negative');
    byFrom.set(t.from, [...(byFrom.get(t.from) ?? []), t]);
  }
  const rows = BUCKET_CODES.map((from): RollRateRow => {
    const list = byFrom.get(from) ?? [];
    const accounts = list.reduce((s, t) => s + t.accounts, 0);
    const balanceFen = list.reduce((s, t) => s + t.balanceFen, 0);
    const cells = ROLL_STATES.map((to) => {
      const hit = list.filter((t) => t.to === to);
      const a = hit.reduce((s, t) => s + t.accounts, 0);
      const b = hit.reduce((s, t) => s + t.balanceFen, 0);
      return { to, accounts: a, balanceFen: b, accountShare: accounts ? a / accounts : null, balanceShare: balanceFen ? b / balanceFen : null };
    });
    const worse = list.filter((t) => t.to !== 'closed' && rank(t.to) > rank(from)).reduce((s, t) => s + t.accounts, 0);
    const cured = from === 'M0' ? null : list.filter((t) => t.to === 'M0').reduce((s, t) => s + t.accounts, 0);
    return {
      from, accounts, balanceFen, cells,
      rollForward: accounts ? worse / accounts : null,
      cured: cured === null || !accounts ? null : cured / accounts,
    };
  });
  return { fromDate, toDate, states: [...ROLL_STATES], rows };
}

function assertState(state: string, where: string): void {
  if (!ROLL_STATES.includes(state)) throw new RangeError(`unknown ${where} state ${state}; expected one of ${ROLL_STATES.join(', ')}`);
}

/** The report's bucket groups: M1, M2, M3 and M4+ (everything past 90 days), per the collections stages. */
export const REPORT_BUCKETS = ['M1', 'M2', 'M3', 'M4+'] as const;
export type ReportBucket = (typeof REPORT_BUCKETS)[number];

export function reportBucket(code: string): ReportBucket | null {
  const def = DEFAULT_BUCKETS.find((b) => b.code === code);
  if (!def) throw new RangeError(`unknown bucket ${code}`);
  if (def.minDpd === 0) return null;
  if (def.minDpd > 90) return 'M4+';
  return code as ReportBucket;
}
