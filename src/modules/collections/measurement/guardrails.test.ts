import { describe, expect, it } from 'vitest';
import { compareArms } from './compare-arms.ts';
import { guardrailVerdict } from './guardrails.ts';
import { outcome, withFlag } from './measurement.test-support.ts';

/** 1000 accounts per arm with the given numbers of complaints and opt-outs. */
function comparison(championComplaints: number, challengerComplaints: number, championOptOuts = 10, challengerOptOuts = 10) {
  const arm = (name: 'champion' | 'challenger', complaints: number, optOuts: number) =>
    Array.from({ length: 1000 }, (_, i) => outcome(name, { complained: i < complaints, optedOut: i >= 1000 - optOuts }));
  return compareArms([...arm('champion', championComplaints, championOptOuts), ...arm('challenger', challengerComplaints, challengerOptOuts)]);
}
const LIMITS = { complaintMargin: 0.005, optOutMargin: 0.01 };

describe('guardrailVerdict', () => {
  it.each<[string, ReturnType<typeof comparison>, boolean, string[]]>([
    ['equal rates', comparison(5, 5), false, []],
    ['challenger better', comparison(10, 2), false, []],
    ['complaints up by exactly the margin (0.5 pp): not more than the margin', comparison(5, 10), false, []],
    ['complaints up by 0.6 pp', comparison(5, 11), true, ['complaintRate']],
    ['opt-outs up by 1.1 pp', comparison(5, 5, 10, 21), true, ['optOutRate']],
    ['both', comparison(0, 20, 0, 30), true, ['complaintRate', 'optOutRate']],
  ])('%s → stop %s', (_, c, stop, metrics) => {
    const verdict = guardrailVerdict(c, LIMITS);
    expect(verdict.stop).toBe(stop);
    expect(verdict.insufficientData).toBe(false);
    expect(verdict.breaches.map((b) => b.metric)).toEqual(metrics);
  });

  it('says why, with the numbers', () => {
    const [breach] = guardrailVerdict(comparison(5, 11), LIMITS).breaches;
    expect(breach).toMatchObject({ metric: 'complaintRate', champion: 0.005, challenger: 0.011, margin: 0.005 });
    expect(breach!.difference).toBeCloseTo(0.006, 12);
    expect(breach!.reason).toBe("challenger complaint rate 1.10% exceeds the champion's 0.50% by 0.60%, more than the 0.50% margin — stop the challenger");
  });

  it('basis lower-bound stops only when the whole interval is above the margin', () => {
    const limits = { ...LIMITS, basis: 'lower-bound' as const };
    expect(guardrailVerdict(comparison(5, 11), limits).stop).toBe(false);
    const clear = guardrailVerdict(comparison(5, 40), limits);
    expect(clear.stop).toBe(true);
    expect(clear.breaches[0]!.reason).toMatch(/\(95% interval of the difference \d+\.\d\d% to \d+\.\d\d%\)/);
  });

  it('no verdict below the minimum arm size', () => {
    const small = compareArms([...withFlag('champion', 20, 0, 'complained'), ...withFlag('challenger', 20, 5, 'complained')]);
    expect(guardrailVerdict(small, LIMITS).stop).toBe(true);
    expect(guardrailVerdict(small, { ...LIMITS, minAccountsPerArm: 100 })).toEqual({ stop: false, insufficientData: true, breaches: [] });
    expect(guardrailVerdict(compareArms([outcome('champion')]), LIMITS)).toEqual({ stop: false, insufficientData: true, breaches: [] });
  });

  it.each([
    [{ complaintMargin: -0.01, optOutMargin: 0.01 }],
    [{ complaintMargin: 0.01, optOutMargin: Number.NaN }],
    [{ complaintMargin: 0.01, optOutMargin: 0.01, minAccountsPerArm: 0 }],
  ])('rejects limits %o', (limits) => {
    expect(() => guardrailVerdict(comparison(1, 1), limits)).toThrow(RangeError);
  });
});
