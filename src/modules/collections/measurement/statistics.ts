/**
 * 95 % confidence intervals for the champion / challenger comparison. Closed forms only, no
 * bootstrap, so results are exact functions of the counts.
 *  - Proportions: the Wilson score interval — stays inside [0, 1] and behaves at 0 and n events,
 *    where the Wald interval collapses (complaints and opt-outs are rare, so this matters).
 *  - Difference of proportions: Newcombe's hybrid score interval (method 10), built from the two
 *    Wilson intervals.
 *  - Means (fen recovered, contacts per account): the normal approximation from the central limit
 *    theorem, mean ± z·s/√n with the sample standard deviation; for the difference, Welch's
 *    unpooled standard error with the normal z. Adequate for the arm sizes a collections test has
 *    (hundreds or more); below 2 accounts there is no interval (null). Recoveries are skewed, so
 *    read intervals from small arms with care.
 */
export const Z_95 = 1.959963984540054;

export type Interval = { low: number; high: number };

export function wilsonInterval(events: number, n: number, z = Z_95): Interval | null {
  assertCounts(events, n);
  if (n === 0) return null;
  const p = events / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Interval for p2 − p1 (Newcombe 1998, method 10). */
export function newcombeDifference(events1: number, n1: number, events2: number, n2: number, z = Z_95): Interval | null {
  const ci1 = wilsonInterval(events1, n1, z);
  const ci2 = wilsonInterval(events2, n2, z);
  if (!ci1 || !ci2) return null;
  const p1 = events1 / n1;
  const p2 = events2 / n2;
  const d = p2 - p1;
  return {
    low: d - Math.sqrt((p2 - ci2.low) ** 2 + (ci1.high - p1) ** 2),
    high: d + Math.sqrt((ci2.high - p2) ** 2 + (p1 - ci1.low) ** 2),
  };
}

export type SampleMoments = { n: number; mean: number; variance: number };

/** Mean and sample variance (n − 1), two-pass for accuracy. */
export function moments(values: readonly number[]): SampleMoments | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n < 2 ? Number.NaN : values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

export function meanInterval(m: SampleMoments | null, z = Z_95): Interval | null {
  if (!m || m.n < 2) return null;
  const half = z * Math.sqrt(m.variance / m.n);
  return { low: m.mean - half, high: m.mean + half };
}

/** Interval for mean2 − mean1, Welch's standard error with the normal z. */
export function meanDifference(m1: SampleMoments | null, m2: SampleMoments | null, z = Z_95): Interval | null {
  if (!m1 || !m2 || m1.n < 2 || m2.n < 2) return null;
  const d = m2.mean - m1.mean;
  const half = z * Math.sqrt(m1.variance / m1.n + m2.variance / m2.n);
  return { low: d - half, high: d + half };
}

function assertCounts(events: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer: ${n}`);
  if (!Number.isSafeInteger(events) || events < 0 || events > n) throw new RangeError(`events must be an integer 0–n: ${events}`);
}
