/** Champion / challenger: stable split, arm comparison with 95 % intervals, guardrails. Pure; see ../README.md. */
export { armFor, splitPoint, type Arm, type Experiment } from './arm-assignment.ts';
export {
  compareArms, RATE_METRICS, MEAN_METRICS,
  type AccountOutcome, type ArmComparison, type ArmSummary, type RateEstimate, type MeanEstimate, type Difference, type RateMetric, type MeanMetric,
} from './compare-arms.ts';
export { guardrailVerdict, type GuardrailLimits, type GuardrailVerdict, type GuardrailBreach } from './guardrails.ts';
export { wilsonInterval, newcombeDifference, meanInterval, meanDifference, moments, Z_95, type Interval } from './statistics.ts';
