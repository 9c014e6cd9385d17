/**
 * When an arrangement needs a supervisor (主管审批). Limits are configurable per lender; a value
 * strictly above its limit needs approval. Defaults: term extension over 12 months, interest or fees
 * waived over ¥5,000 each, any principal reduction, any rate reduction (when the current rate is given).
 */
import { formatFen, type Fen } from '../../../platform/money/fen.ts';

export interface ApprovalLimits {
  maxTermExtensionMonths: number;
  maxInterestWaivedFen: Fen;
  maxFeesWaivedFen: Fen;
  maxPrincipalReductionFen: Fen;
  maxRateReductionBps: number;
}

export const DEFAULT_APPROVAL_LIMITS: Readonly<ApprovalLimits> = Object.freeze({
  maxTermExtensionMonths: 12,
  maxInterestWaivedFen: 500_000,
  maxFeesWaivedFen: 500_000,
  maxPrincipalReductionFen: 0,
  maxRateReductionBps: 0,
});

/** What the lender gives up. Interest it could have charged counts (e.g. interest waived during a grace period). */
export type Concessions = {
  termExtensionMonths: number;
  principalReductionFen: Fen;
  interestWaivedFen: Fen;
  feesWaivedFen: Fen;
  /** Contract rate minus new rate, when both are known; 0 otherwise. */
  rateReductionBps: number;
};

export type ApprovalReasonCode = 'term-extension' | 'interest-waived' | 'fees-waived' | 'principal-reduction' | 'rate-reduction';
export type ApprovalReason = { code: ApprovalReasonCode; value: number; limit: number; messageZh: string; messageEn: string };
export type ApprovalDecision = { requiresSupervisorApproval: boolean; approvalReasons: ApprovalReason[] };

export function validateLimits(limits: ApprovalLimits): void {
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${key} must be a non-negative integer: ${value}`);
  }
}

export function approvalFor(c: Concessions, limits: ApprovalLimits): ApprovalDecision {
  validateLimits(limits);
  const reasons: ApprovalReason[] = [];
  const yuan = (f: Fen) => formatFen(f);
  if (c.termExtensionMonths > limits.maxTermExtensionMonths) {
    reasons.push({
      code: 'term-extension', value: c.termExtensionMonths, limit: limits.maxTermExtensionMonths,
      messageZh: `期限延长${c.termExtensionMonths}个月，超过${limits.maxTermExtensionMonths}个月的权限`,
      messageEn: `extends the term by ${c.termExtensionMonths} months, more than the ${limits.maxTermExtensionMonths}-month limit`,
    });
  }
  if (c.interestWaivedFen > limits.maxInterestWaivedFen) {
    reasons.push({
      code: 'interest-waived', value: c.interestWaivedFen, limit: limits.maxInterestWaivedFen,
      messageZh: `减免利息${yuan(c.interestWaivedFen)}，超过${yuan(limits.maxInterestWaivedFen)}的权限`,
      messageEn: `waives ${formatFen(c.interestWaivedFen, 'en')} of interest, more than the ${formatFen(limits.maxInterestWaivedFen, 'en')} limit`,
    });
  }
  if (c.feesWaivedFen > limits.maxFeesWaivedFen) {
    reasons.push({
      code: 'fees-waived', value: c.feesWaivedFen, limit: limits.maxFeesWaivedFen,
      messageZh: `减免费用${yuan(c.feesWaivedFen)}，超过${yuan(limits.maxFeesWaivedFen)}的权限`,
      messageEn: `waives ${formatFen(c.feesWaivedFen, 'en')} of fees, more than the ${formatFen(limits.maxFeesWaivedFen, 'en')} limit`,
    });
  }
  if (c.principalReductionFen > limits.maxPrincipalReductionFen) {
    reasons.push({
      code: 'principal-reduction', value: c.principalReductionFen, limit: limits.maxPrincipalReductionFen,
      messageZh: `减免本金${yuan(c.principalReductionFen)}，超过${yuan(limits.maxPrincipalReductionFen)}的权限`,
      messageEn: `reduces principal by ${formatFen(c.principalReductionFen, 'en')}, more than the ${formatFen(limits.maxPrincipalReductionFen, 'en')} limit`,
    });
  }
  if (c.rateReductionBps > limits.maxRateReductionBps) {
    reasons.push({
      code: 'rate-reduction', value: c.rateReductionBps, limit: limits.maxRateReductionBps,
      messageZh: `利率下调${c.rateReductionBps}个基点，超过${limits.maxRateReductionBps}个基点的权限`,
      messageEn: `cuts the rate by ${c.rateReductionBps} bps, more than the ${limits.maxRateReductionBps} bps limit`,
    });
  }
  return { requiresSupervisorApproval: reasons.length > 0, approvalReasons: reasons };
}
