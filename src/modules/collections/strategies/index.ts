/** Collections strategies: definition (zod), the default strategy, evaluation. Pure; see ../README.md. */
export {
  StrategyDefinition, SegmentConditions, StrategyStep, ContactStep, ActionStep, Segment, parseStrategy, parseStrategyJson,
  type Strategy, type StrategyInput, type StrategySegment, type Conditions, type Step, type Range, type ParseResult,
} from './strategy.schema.ts';
export { checkStrategy, type StrategyProblem } from './strategy-checks.ts';
export { dpdCoverageGaps } from './strategy-coverage.ts';
export { DEFAULT_STRATEGY, DEFAULT_STRATEGY_TEMPLATE_KEYS } from './default-strategy.ts';
export {
  selectSegment, nextTreatment, actionOf, brokenPromisesWithin,
  type NextTreatment, type PlannedTreatment, type NoTreatment, type TreatmentAction, type TreatmentTrigger,
} from './evaluate-strategy.ts';
export type { CollectionAccount, PromiseToPay, PromiseStatus, TreatmentRecord, TreatmentOutcome } from './collection-account.ts';
export {
  STRATEGY_CHANNELS, STRATEGY_ACTIONS, CHANNEL_CONTACT, ACTION_INFO, WILLINGNESS, CARE_FLAGS, COLLECTIONS_PURPOSE,
  type StrategyChannel, type StrategyAction, type Willingness, type CareFlag, type StepTarget,
} from './treatments.ts';
