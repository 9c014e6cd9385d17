/**
 * Complaint analytics as pure folds: per-1,000 tables, time-limit attainment against the 90 % target
 * of seed 003 (九成投诉24小时内初步处理), root causes, satisfaction. The clocks themselves come from the
 * complaints module (computeComplaintClock); this only counts their verdicts.
 */
import { perThousand, rate, type Rate } from './rates.ts';

/** Seed 003's attainment target for first handling; drawn as the target line for both clocks. */
export const ATTAINMENT_TARGET = 0.9;

export type ClockVerdict = 'pending' | 'met' | 'breached' | 'not-required' | 'missed-path';
export type Attainment = Rate & { met: number; breached: number; pending: number; target: number; meetsTarget: boolean | null };

/** Share meeting a clock among complaints whose verdict is known (met or breached); pending ones are counted apart. */
export function attainment(verdicts: readonly ClockVerdict[], target = ATTAINMENT_TARGET): Attainment {
  const met = verdicts.filter((v) => v === 'met').length;
  const breached = verdicts.filter((v) => v === 'breached').length;
  const pending = verdicts.filter((v) => v === 'pending').length;
  const r = rate(met, met + breached);
  return { ...r, met, breached, pending, target, meetsTarget: r.rate === null ? null : r.rate >= target };
}

export type PerThousandRow = { key: string; complaints: number; accounts: number; perThousand: number | null };

/** Joins complaint counts to account counts by key; a key with accounts but no complaint shows 0. */
export function perThousandTable(complaints: ReadonlyArray<{ key: string; complaints: number }>, accounts: ReadonlyArray<{ key: string; accounts: number }>): PerThousandRow[] {
  const keys = [...new Set([...accounts.map((a) => a.key), ...complaints.map((c) => c.key)])].sort();
  return keys.map((key) => {
    const c = complaints.filter((x) => x.key === key).reduce((s, x) => s + x.complaints, 0);
    const a = accounts.filter((x) => x.key === key).reduce((s, x) => s + x.accounts, 0);
    return { key, complaints: c, accounts: a, perThousand: perThousand(c, a) };
  });
}

export type DecidedGroup = { category: string; outcome: 'upheld' | 'partly-upheld' | 'not-upheld'; remedies: readonly string[]; complaints: number };
export type RootCauseRow = {
  category: string;
  decided: number;
  /** Upheld or partly upheld: the complaint found a fault of ours, so the category is a root cause. */
  upheld: number;
  upheldShare: number | null;
  notUpheld: number;
  /** Decisions whose remedy includes a process fix: the fault was systemic, not a one-off. */
  processFix: number;
  remedies: Record<string, number>;
};

/**
 * Root causes. The complaints store keeps no root-cause field, so the root cause is derived from the
 * decision: the confirmed category of each upheld / partly-upheld complaint, with the remedies given
 * (a process fix marks a systemic cause). Sorted by upheld count, most frequent cause first.
 */
export function rootCauses(groups: readonly DecidedGroup[]): RootCauseRow[] {
  const rows = new Map<string, RootCauseRow>();
  for (const g of groups) {
    const row = rows.get(g.category) ?? { category: g.category, decided: 0, upheld: 0, upheldShare: null, notUpheld: 0, processFix: 0, remedies: {} };
    row.decided += g.complaints;
    if (g.outcome === 'not-upheld') row.notUpheld += g.complaints;
    else row.upheld += g.complaints;
    if (g.remedies.includes('process-fix')) row.processFix += g.complaints;
    for (const r of new Set(g.remedies)) row.remedies[r] = (row.remedies[r] ?? 0) + g.complaints;
    rows.set(g.category, row);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, upheldShare: r.decided ? r.upheld / r.decided : null }))
    .sort((a, b) => b.upheld - a.upheld || b.decided - a.decided || a.category.localeCompare(b.category));
}

export type Satisfaction = {
  surveys: number;
  answered: number;
  responseRate: Rate;
  /** Count of answers per score 1–5. */
  distribution: Array<{ score: 1 | 2 | 3 | 4 | 5; answers: number }>;
  average: number | null;
  /** Share of answers scoring 4 or 5 (满意率). */
  satisfied: Rate;
};

export function satisfaction(surveys: number, scores: ReadonlyArray<{ score: number; answers: number }>): Satisfaction {
  for (const s of scores) if (![1, 2, 3, 4, 5].includes(s.score) || s.answers < 0) throw new RangeError(`score must be 1–5 with answers ≥ 0, got ${s.score}`);
  const distribution = ([1, 2, 3, 4, 5] as const).map((score) => ({ score, answers: scores.filter((s) => s.score === score).reduce((n, s) => n + s.answers, 0) }));
  const answered = distribution.reduce((n, d) => n + d.answers, 0);
  if (answered > surveys) throw new RangeError(`more answers (${answered}) than surveys sent (${surveys})`);
  const sum = distribution.reduce((n, d) => n + d.score * d.answers, 0);
  const happy = distribution.filter((d) => d.score >= 4).reduce((n, d) => n + d.answers, 0);
  return { surveys, answered, responseRate: rate(answered, surveys), distribution, average: answered ? sum / answered : null, satisfied: rate(happy, answered) };
}
