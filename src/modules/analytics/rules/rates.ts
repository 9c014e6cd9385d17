/**
 * Rates, percentiles and per-1,000 normalisation for the analytics pages: plain numbers in, plain
 * numbers out. Rates carry a 95 % Wilson interval (the same as champion / challenger measurement),
 * because most of these shares are over small groups (one bucket, one branch, one month).
 */
import { wilsonInterval, type Interval } from '../../collections/measurement/index.ts';

export type Rate = { events: number; total: number; rate: number | null; ci: Interval | null };

export function rate(events: number, total: number): Rate {
  if (!Number.isSafeInteger(events) || !Number.isSafeInteger(total) || events < 0 || total < 0 || events > total) {
    throw new RangeError(`rate needs integers 0 <= events <= total, got ${events}/${total}`);
  }
  return { events, total, rate: total === 0 ? null : events / total, ci: wilsonInterval(events, total) };
}

/** Complaints per 1,000 accounts (the regulator's 万户/千户 style normalisation); null without accounts. */
export function perThousand(count: number, accounts: number): number | null {
  if (count < 0 || accounts < 0) throw new RangeError('counts must be non-negative');
  return accounts === 0 ? null : (count * 1000) / accounts;
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between closest ranks (Hyndman & Fan
 * type 7, what spreadsheets' PERCENTILE.INC gives, so a reviewer can check it in Excel).
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be within 0..1, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export type Spread = { count: number; median: number | null; p90: number | null; mean: number | null };

export function spread(values: readonly number[]): Spread {
  return {
    count: values.length,
    median: percentile(values, 0.5),
    p90: percentile(values, 0.9),
    mean: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
  };
}

export type HistogramBin = { label: string; fromDays: number; toDays: number | null; complaints: number };

/** Counts per half-open bin [edge_i, edge_i+1), the last bin unbounded. Edges ascending from 0. */
export function histogram(values: readonly number[], edges: readonly number[]): HistogramBin[] {
  if (edges.length === 0 || edges[0] !== 0 || edges.some((e, i) => i > 0 && e <= edges[i - 1]!)) throw new RangeError('edges must ascend from 0');
  return edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return {
      label: to === null ? `≥${from}` : `${from}–${to}`,
      fromDays: from,
      toDays: to,
      complaints: values.filter((v) => v >= from && (to === null || v < to)).length,
    };
  });
}
