import { describe, expect, it } from 'vitest';
import { histogram, percentile, perThousand, rate, spread } from './rates.ts';

describe('rate', () => {
  it.each([
    [0, 0, null, null],
    [0, 10, 0, { low: 0, high: 0.2775 }],
    [9, 10, 0.9, { low: 0.5958, high: 0.9821 }],
    [10, 10, 1, { low: 0.7225, high: 1 }],
    [45, 50, 0.9, { low: 0.7864, high: 0.9565 }],
  ])('%i of %i', (events, total, expected, ci) => {
    const r = rate(events, total);
    expect(r.rate).toBe(expected);
    if (ci === null) expect(r.ci).toBeNull();
    else {
      expect(r.ci!.low).toBeCloseTo(ci.low, 4);
      expect(r.ci!.high).toBeCloseTo(ci.high, 4);
    }
  });
  it.each([[-1, 2], [3, 2], [1.5, 2]])('refuses %s of %s', (e, t) => expect(() => rate(e, t)).toThrow(RangeError));
});

describe('perThousand', () => {
  it.each([
    [0, 100, 0],
    [3, 1500, 2],
    [1, 3, 333.3333333333333],
    [5, 0, null],
  ])('%i complaints over %i accounts', (count, accounts, expected) => expect(perThousand(count, accounts)).toBe(expected));
});

describe('percentile (type 7, as Excel PERCENTILE.INC)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2], 0.5, 1.5],
    [[3, 1, 2], 0.5, 2],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[10, 1, 5, 2], 0, 1],
    [[10, 1, 5, 2], 1, 10],
  ])('%j at %s', (values, p, expected) => {
    const v = percentile(values, p);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 10);
  });
  it('refuses p outside 0..1', () => expect(() => percentile([1], 1.1)).toThrow(RangeError));
  it('spread gives median, p90 and mean', () => expect(spread([2, 4, 6, 8])).toEqual({ count: 4, median: 5, p90: 7.4, mean: 5 }));
});

describe('histogram', () => {
  it('counts values in half-open bins, the last unbounded; negatives fall nowhere', () => {
    expect(histogram([0, 0.5, 1, 2.9, 3, 15, 100, -1], [0, 1, 3, 15])).toEqual([
      { label: '0–1', fromDays: 0, toDays: 1, complaints: 2 },
      { label: '1–3', fromDays: 1, toDays: 3, complaints: 2 },
      { label: '3–15', fromDays: 3, toDays: 15, complaints: 1 },
      { label: '≥15', fromDays: 15, toDays: null, complaints: 2 },
    ]);
  });
  it.each([[[]], [[1, 2]], [[0, 2, 2]]])('refuses edges %j', (edges) => expect(() => histogram([1], edges)).toThrow(RangeError));
});
