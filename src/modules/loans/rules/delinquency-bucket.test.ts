import { describe, it, expect } from 'vitest';
import {
  collectionStage,
  DEFAULT_BUCKETS,
  delinquencyBucket,
  validateBucketConfig,
  type BucketDefinition,
} from './delinquency-bucket.ts';

describe('delinquencyBucket with DEFAULT_BUCKETS', () => {
  it.each([
    [0, 'M0', '正常', 'Current'],
    [1, 'M1', '逾期1-30天', '1–30 days past due'],
    [30, 'M1', '逾期1-30天', '1–30 days past due'],
    [31, 'M2', '逾期31-60天', '31–60 days past due'],
    [60, 'M2', '逾期31-60天', '31–60 days past due'],
    [61, 'M3', '逾期61-90天', '61–90 days past due'],
    [90, 'M3', '逾期61-90天', '61–90 days past due'],
    [91, 'M4', '逾期91-120天', '91–120 days past due'],
    [120, 'M4', '逾期91-120天', '91–120 days past due'],
    [121, 'M5', '逾期121-150天', '121–150 days past due'],
    [150, 'M5', '逾期121-150天', '121–150 days past due'],
    [151, 'M6', '逾期151-180天', '151–180 days past due'],
    [180, 'M6', '逾期151-180天', '151–180 days past due'],
    [181, 'M7+', '逾期180天以上', 'Over 180 days past due'],
    [10_000, 'M7+', '逾期180天以上', 'Over 180 days past due'],
  ])('DPD %i → %s', (dpd, code, labelZh, labelEn) => {
    expect(delinquencyBucket(dpd)).toEqual({ code, labelZh, labelEn });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects DPD %s', (dpd) => {
    expect(() => delinquencyBucket(dpd)).toThrow(RangeError);
  });

  it('the default config is valid and frozen', () => {
    expect(validateBucketConfig(DEFAULT_BUCKETS)).toEqual({ ok: true });
    expect(Object.isFrozen(DEFAULT_BUCKETS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BUCKETS[0])).toBe(true);
  });
});

describe('custom bucket configs', () => {
  const b = (code: string, minDpd: number, maxDpd: number | null): BucketDefinition => ({ code, labelZh: code, labelEn: code, minDpd, maxDpd });
  const THREE = [b('C', 0, 0), b('X', 1, 89), b('NPL', 90, null)];

  it.each([
    [0, 'C'],
    [1, 'X'],
    [89, 'X'],
    [90, 'NPL'],
    [5000, 'NPL'],
  ])('DPD %i → %s', (dpd, code) => {
    expect(delinquencyBucket(dpd, THREE).code).toBe(code);
  });

  it('a single unbounded bucket is valid', () => {
    expect(validateBucketConfig([b('ALL', 0, null)])).toEqual({ ok: true });
  });

  it.each<[string, BucketDefinition[], string]>([
    ['empty', [], 'no buckets'],
    ['not starting at 0', [b('A', 1, null)], 'A starts at 1, expected 0'],
    ['gap', [b('A', 0, 10), b('B', 12, null)], 'B starts at 12, expected 11'],
    ['overlap', [b('A', 0, 10), b('B', 10, null)], 'B starts at 10, expected 11'],
    ['bounded last bucket', [b('A', 0, 10), b('B', 11, 20)], 'last bucket B must be unbounded (maxDpd: null)'],
    ['unbounded bucket in the middle', [b('A', 0, null), b('B', 11, null)], 'A is unbounded but is not the last bucket'],
    ['max before min', [b('A', 0, 10), b('B', 11, 5), b('C', 6, null)], 'B ends at 5, before its start'],
    ['duplicate codes', [b('A', 0, 10), b('A', 11, null)], 'duplicate code A'],
    ['missing code', [b('', 0, null)], 'bucket 0 has no code'],
    ['out of order', [b('B', 11, null), b('A', 0, 10)], 'B starts at 11, expected 0'],
    ['fractional bound', [b('A', 0, 10.5), b('B', 11.5, null)], 'A ends at 10.5, not a whole number of days'],
  ])('rejects %s', (_, buckets, problem) => {
    const check = validateBucketConfig(buckets);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.problems).toContain(problem);
  });

  it('delinquencyBucket refuses an invalid config', () => {
    expect(() => delinquencyBucket(5, [b('A', 0, 10), b('B', 12, null)])).toThrow(/Invalid bucket config/);
  });
});

describe('collectionStage', () => {
  it.each([
    [0, 'current'],
    [1, 'early'],
    [30, 'early'],
    [31, 'mid'],
    [60, 'mid'],
    [61, 'mid'],
    [90, 'mid'],
    [91, 'late'],
    [180, 'late'],
    [181, 'severe'],
    [1000, 'severe'],
  ])('DPD %i → %s', (dpd, stage) => {
    expect(collectionStage(dpd)).toBe(stage);
  });

  it.each([-1, 0.5, Number.NaN])('rejects DPD %s', (dpd) => {
    expect(() => collectionStage(dpd)).toThrow(RangeError);
  });

  it('is consistent with the buckets: early = M1, mid = M2–M3, late = M4–M6, severe = M7+', () => {
    const stageOf: Record<string, string> = { M0: 'current', M1: 'early', M2: 'mid', M3: 'mid', M4: 'late', M5: 'late', M6: 'late', 'M7+': 'severe' };
    for (let dpd = 0; dpd <= 400; dpd++) expect(collectionStage(dpd)).toBe(stageOf[delinquencyBucket(dpd).code]);
  });
});
