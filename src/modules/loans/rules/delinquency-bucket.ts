/**
 * Delinquency buckets (逾期分档) by days past due, Chinese industry M-convention:
 * M0 current, M1 = 1–30, M2 = 31–60 … M6 = 151–180, M7+ beyond 180 days.
 */
export interface BucketDefinition {
  code: string;
  labelZh: string;
  labelEn: string;
  minDpd: number;
  /** Inclusive upper bound; null means unbounded. */
  maxDpd: number | null;
}

export interface Bucket {
  code: string;
  labelZh: string;
  labelEn: string;
}

export const DEFAULT_BUCKETS: readonly BucketDefinition[] = Object.freeze([
  { code: 'M0', labelZh: '正常', labelEn: 'Current', minDpd: 0, maxDpd: 0 },
  { code: 'M1', labelZh: '逾期1-30天', labelEn: '1–30 days past due', minDpd: 1, maxDpd: 30 },
  { code: 'M2', labelZh: '逾期31-60天', labelEn: '31–60 days past due', minDpd: 31, maxDpd: 60 },
  { code: 'M3', labelZh: '逾期61-90天', labelEn: '61–90 days past due', minDpd: 61, maxDpd: 90 },
  { code: 'M4', labelZh: '逾期91-120天', labelEn: '91–120 days past due', minDpd: 91, maxDpd: 120 },
  { code: 'M5', labelZh: '逾期121-150天', labelEn: '121–150 days past due', minDpd: 121, maxDpd: 150 },
  { code: 'M6', labelZh: '逾期151-180天', labelEn: '151–180 days past due', minDpd: 151, maxDpd: 180 },
  { code: 'M7+', labelZh: '逾期180天以上', labelEn: 'Over 180 days past due', minDpd: 181, maxDpd: null },
].map((b) => Object.freeze(b)));

export type BucketConfigCheck = { ok: true } | { ok: false; problems: string[] };

/** Buckets must be listed in order and tile 0..∞ exactly: start at 0, no gaps or overlaps, end unbounded. */
export function validateBucketConfig(buckets: readonly BucketDefinition[]): BucketConfigCheck {
  const problems: string[] = [];
  if (buckets.length === 0) return { ok: false, problems: ['no buckets'] };
  const codes = new Set<string>();
  let expectedMin = 0;
  buckets.forEach((b, i) => {
    if (!b.code) problems.push(`bucket ${i} has no code`);
    if (codes.has(b.code)) problems.push(`duplicate code ${b.code}`);
    codes.add(b.code);
    if (!Number.isSafeInteger(b.minDpd) || b.minDpd !== expectedMin) {
      problems.push(`${b.code} starts at ${b.minDpd}, expected ${expectedMin}`);
    }
    const last = i === buckets.length - 1;
    if (b.maxDpd === null) {
      if (!last) problems.push(`${b.code} is unbounded but is not the last bucket`);
      return;
    }
    if (!Number.isSafeInteger(b.maxDpd)) problems.push(`${b.code} ends at ${b.maxDpd}, not a whole number of days`);
    else if (b.maxDpd < b.minDpd) problems.push(`${b.code} ends at ${b.maxDpd}, before its start`);
    if (last) problems.push(`last bucket ${b.code} must be unbounded (maxDpd: null)`);
    expectedMin = b.maxDpd + 1;
  });
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function assertDpd(dpd: number): void {
  if (!Number.isSafeInteger(dpd) || dpd < 0) throw new RangeError(`DPD must be a non-negative integer: ${dpd}`);
}

export function delinquencyBucket(dpd: number, buckets: readonly BucketDefinition[] = DEFAULT_BUCKETS): Bucket {
  assertDpd(dpd);
  if (buckets !== DEFAULT_BUCKETS) {
    const check = validateBucketConfig(buckets);
    if (!check.ok) throw new RangeError(`Invalid bucket config: ${check.problems.join('; ')}`);
  }
  const b = buckets.find((x) => dpd >= x.minDpd && (x.maxDpd === null || dpd <= x.maxDpd))!;
  return { code: b.code, labelZh: b.labelZh, labelEn: b.labelEn };
}

export type CollectionStage = 'current' | 'early' | 'mid' | 'late' | 'severe';

/**
 * Collection strategy stage: early (1–30) gentle automated reminders; mid (31–90) collection
 * agents; late (91–180) intensified contact and field visits; severe (>180) external agency/legal.
 */
export function collectionStage(dpd: number): CollectionStage {
  assertDpd(dpd);
  if (dpd === 0) return 'current';
  if (dpd <= 30) return 'early';
  if (dpd <= 90) return 'mid';
  if (dpd <= 180) return 'late';
  return 'severe';
}
