/** Stored, versioned collections strategies, champion / challenger experiments, simulation and guardrails. See ./README.md. */
export * from './strategy-store.schema.ts';
export {
  ensureDefaultStrategy, listVersions, getVersion, activeVersion, saveDraft, activateVersion, retireVersion, validateDraftInput,
  type StrategyVersionRow, type DraftInput,
} from './strategy-store.ts';
export {
  loadStrategyPlan, startExperiment, stopExperiment, listExperiments, getExperiment, runningExperiment, GUARDRAIL_ACTOR,
  type StrategyPlan, type ExperimentRow, type StartExperimentInput,
} from './experiments.ts';
export { enforceGuardrails, experimentReport, experimentOutcomes, type ExperimentReport, type GuardrailCheck, type ReportDeps } from './experiment-report.ts';
export { simulateAgainstActive, type SimulationComparison, type SimulationOptions } from './simulation.ts';
export { strategyStoreRoutes } from './strategy-store.routes.ts';
