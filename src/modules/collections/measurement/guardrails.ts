/**
 * Guardrails stop a challenger that harms customers, whatever it does for recovery: when its
 * complaint rate or opt-out rate exceeds the champion's by more than the margin, stop it.
 * Margins are absolute differences in rate (0.005 = half a percentage point).
 *  - basis 'estimate' (default): the observed difference exceeds the margin. Errs on the side of the
 *    customer: a harmful challenger is stopped as soon as it looks harmful.
 *  - basis 'lower-bound': the whole 95 % interval of the difference lies above the margin. Stops only
 *    on clear evidence; use it when false stops are costly and customer risk is low.
 * Below `minAccountsPerArm` (default 1) in either arm there is no verdict (stop: false, insufficientData).
 */
import type { ArmComparison, RateMetric } from './compare-arms.ts';

export interface GuardrailLimits {
  complaintMargin: number;
  optOutMargin: number;
  minAccountsPerArm?: number;
  basis?: 'estimate' | 'lower-bound';
}

export type GuardrailBreach = {
  metric: Extract<RateMetric, 'complaintRate' | 'optOutRate'>;
  champion: number;
  challenger: number;
  difference: number;
  margin: number;
  reason: string;
};

export type GuardrailVerdict = { stop: boolean; insufficientData: boolean; breaches: GuardrailBreach[] };

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const LABEL = { complaintRate: 'complaint rate', optOutRate: 'opt-out rate' } as const;

export function guardrailVerdict(comparison: ArmComparison, limits: GuardrailLimits): GuardrailVerdict {
  const basis = limits.basis ?? 'estimate';
  const minAccounts = limits.minAccountsPerArm ?? 1;
  for (const [name, margin] of [['complaintMargin', limits.complaintMargin], ['optOutMargin', limits.optOutMargin]] as const) {
    if (!Number.isFinite(margin) || margin < 0 || margin > 1) throw new RangeError(`${name} must be between 0 and 1: ${margin}`);
  }
  if (!Number.isSafeInteger(minAccounts) || minAccounts < 1) throw new RangeError(`minAccountsPerArm must be a positive integer: ${minAccounts}`);
  if (comparison.champion.accounts < minAccounts || comparison.challenger.accounts < minAccounts) {
    return { stop: false, insufficientData: true, breaches: [] };
  }
  const breaches: GuardrailBreach[] = [];
  for (const [metric, margin] of [['complaintRate', limits.complaintMargin], ['optOutRate', limits.optOutMargin]] as const) {
    const champion = comparison.champion[metric].rate!;
    const challenger = comparison.challenger[metric].rate!;
    const difference = challenger - champion;
    const ci = comparison.difference[metric].ci!;
    const tested = basis === 'estimate' ? difference : ci.low;
    // A difference equal to the margin is not an excess; the epsilon absorbs float error in challenger − champion.
    if (tested > margin + 1e-12) {
      const evidence = basis === 'estimate' ? '' : ` (95% interval of the difference ${pct(ci.low)} to ${pct(ci.high)})`;
      breaches.push({
        metric, champion, challenger, difference, margin,
        reason: `challenger ${LABEL[metric]} ${pct(challenger)} exceeds the champion's ${pct(champion)} by ${pct(difference)}${evidence}, more than the ${pct(margin)} margin — stop the challenger`,
      });
    }
  }
  return { stop: breaches.length > 0, insufficientData: false, breaches };
}
