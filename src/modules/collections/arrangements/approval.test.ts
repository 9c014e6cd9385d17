import { describe, expect, it } from 'vitest';
import { approvalFor, DEFAULT_APPROVAL_LIMITS, type Concessions } from './approval.ts';

const NONE: Concessions = { termExtensionMonths: 0, principalReductionFen: 0, interestWaivedFen: 0, feesWaivedFen: 0, rateReductionBps: 0 };
const codes = (c: Partial<Concessions>, limits = DEFAULT_APPROVAL_LIMITS) => approvalFor({ ...NONE, ...c }, limits).approvalReasons.map((r) => r.code);

describe('approvalFor with the default limits', () => {
  it.each<[string, Partial<Concessions>, string[]]>([
    ['nothing given up', {}, []],
    ['12-month extension: within the limit', { termExtensionMonths: 12 }, []],
    ['13-month extension', { termExtensionMonths: 13 }, ['term-extension']],
    ['¥5,000.00 interest waived: within the limit', { interestWaivedFen: 500_000 }, []],
    ['¥5,000.01 interest waived', { interestWaivedFen: 500_001 }, ['interest-waived']],
    ['¥5,000.01 fees waived', { feesWaivedFen: 500_001 }, ['fees-waived']],
    ['1 fen of principal reduced', { principalReductionFen: 1 }, ['principal-reduction']],
    ['any rate cut', { rateReductionBps: 1 }, ['rate-reduction']],
    ['several at once', { termExtensionMonths: 24, principalReductionFen: 100, interestWaivedFen: 600_000 }, ['term-extension', 'interest-waived', 'principal-reduction']],
  ])('%s → %o', (_, c, expected) => {
    expect(codes(c)).toEqual(expected);
    expect(approvalFor({ ...NONE, ...c }, DEFAULT_APPROVAL_LIMITS).requiresSupervisorApproval).toBe(expected.length > 0);
  });

  it('explains in Chinese and English with the amounts', () => {
    const [reason] = approvalFor({ ...NONE, interestWaivedFen: 612_345 }, DEFAULT_APPROVAL_LIMITS).approvalReasons;
    expect(reason).toEqual({
      code: 'interest-waived', value: 612_345, limit: 500_000,
      messageZh: '减免利息¥6,123.45，超过¥5,000.00的权限',
      messageEn: 'waives CN¥6,123.45 of interest, more than the CN¥5,000.00 limit',
    });
    expect(approvalFor({ ...NONE, termExtensionMonths: 18 }, DEFAULT_APPROVAL_LIMITS).approvalReasons[0]!.messageZh).toBe('期限延长18个月，超过12个月的权限');
  });

  it('limits are configurable', () => {
    const lenient = { ...DEFAULT_APPROVAL_LIMITS, maxTermExtensionMonths: 36, maxPrincipalReductionFen: 1_000_000 };
    expect(codes({ termExtensionMonths: 24, principalReductionFen: 100 }, lenient)).toEqual([]);
  });

  it('rejects invalid limits', () => {
    expect(() => approvalFor(NONE, { ...DEFAULT_APPROVAL_LIMITS, maxInterestWaivedFen: -1 })).toThrow(RangeError);
  });
});
