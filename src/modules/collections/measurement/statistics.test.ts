import { describe, expect, it } from 'vitest';
import { meanDifference, meanInterval, moments, newcombeDifference, wilsonInterval } from './statistics.ts';

const round4 = (i: { low: number; high: number } | null) => i && { low: Number(i.low.toFixed(4)), high: Number(i.high.toFixed(4)) };

describe('wilsonInterval (95 %)', () => {
  it.each<[number, number, { low: number; high: number } | null]>([
    [81, 263, { low: 0.2553, high: 0.3662 }], // Newcombe (1998a), example: score method 0.2553–0.3662
    [15, 148, { low: 0.0624, high: 0.1605 }], // Newcombe (1998a): 0.0624–0.1605
    [0, 20, { low: 0, high: 0.1611 }], // Newcombe (1998a): 0–0.1611 — Wald would give 0–0
    [1, 29, { low: 0.0061, high: 0.1718 }], // Newcombe (1998a): 0.0061–0.1718
    [20, 20, { low: 0.8389, high: 1 }],
    [0, 0, null],
  ])('%i / %i → %o', (events, n, expected) => {
    expect(round4(wilsonInterval(events, n))).toEqual(expected);
  });

  it.each([[-1, 10], [11, 10], [1.5, 10], [1, -1]])('rejects events %s of n %s', (events, n) => {
    expect(() => wilsonInterval(events, n)).toThrow(RangeError);
  });
});

describe('newcombeDifference (method 10, p2 − p1)', () => {
  it.each<[number, number, number, number, { low: number; high: number } | null]>([
    // Newcombe (1998b), Statistics in Medicine 17:873–890, table II, method 10; written as p2 − p1.
    [48, 80, 56, 70, { low: 0.0524, high: 0.3339 }], // (a) 56/70 − 48/80
    [3, 10, 9, 10, { low: 0.1705, high: 0.809 }], // (b) 9/10 − 3/10
    [0, 29, 5, 56, { low: -0.0381, high: 0.1926 }], // (d) 5/56 − 0/29
    [0, 20, 0, 10, { low: -0.1611, high: 0.2775 }], // (e) 0/10 − 0/20
    [0, 10, 0, 10, { low: -0.2775, high: 0.2775 }], // (f) 0/10 − 0/10
    [0, 20, 10, 10, { low: 0.6791, high: 1 }], // (g) 10/10 − 0/20
    [0, 10, 10, 10, { low: 0.6075, high: 1 }], // (h) 10/10 − 0/10
    [1, 10, 0, 0, null], // an empty arm
  ])('%i/%i vs %i/%i → %o', (e1, n1, e2, n2, expected) => {
    expect(round4(newcombeDifference(e1, n1, e2, n2))).toEqual(expected);
  });

  it('is antisymmetric: swapping the arms negates and swaps the bounds', () => {
    const ab = newcombeDifference(12, 300, 25, 310)!;
    const ba = newcombeDifference(25, 310, 12, 300)!;
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.high).toBeCloseTo(-ab.low, 12);
  });

  it('identical arms straddle zero', () => {
    const ci = newcombeDifference(30, 1000, 30, 1000)!;
    expect(ci.low).toBeLessThan(0);
    expect(ci.high).toBeGreaterThan(0);
    expect(ci.low).toBeCloseTo(-ci.high, 12);
  });
});

describe('means (normal approximation)', () => {
  it('moments: mean and sample variance', () => {
    expect(moments([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
    expect(moments([])).toBeNull();
    expect(moments([3])!.mean).toBe(3);
  });

  it('meanInterval: mean ± 1.96·s/√n', () => {
    const m = moments([2, 4, 4, 4, 5, 5, 7, 9]);
    const half = 1.959963984540054 * Math.sqrt(32 / 7 / 8);
    expect(meanInterval(m)).toEqual({ low: 5 - half, high: 5 + half });
    expect(meanInterval(moments([3]))).toBeNull();
    expect(meanInterval(moments([4, 4, 4]))).toEqual({ low: 4, high: 4 });
  });

  it('meanDifference: Welch standard error', () => {
    const a = moments([10, 12, 14]); // mean 12, variance 4
    const b = moments([20, 30, 40, 50]); // mean 35, variance 166.67
    const half = 1.959963984540054 * Math.sqrt(4 / 3 + 500 / 3 / 4);
    const ci = meanDifference(a, b)!;
    expect(ci.low).toBeCloseTo(23 - half, 10);
    expect(ci.high).toBeCloseTo(23 + half, 10);
    expect(meanDifference(a, moments([1]))).toBeNull();
  });
});
