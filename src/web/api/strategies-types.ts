/** Collection strategy API types, from the server's zod contracts (type-only: nothing server-side is bundled). */
import type { z } from 'zod';
import type {
  Experiment as ExperimentSchema,
  ExperimentReport as ExperimentReportSchema,
  SimulationResult as SimulationResultSchema,
  StartExperimentRequest as StartExperimentRequestSchema,
  StrategyList as StrategyListSchema,
  StrategyVersionDetail as StrategyVersionDetailSchema,
  StrategyVersionSummary as StrategyVersionSummarySchema,
  ValidationResult as ValidationResultSchema,
} from '../../modules/collections/strategy-store/strategy-store.contract.ts';

export type StrategyList = z.infer<typeof StrategyListSchema>;
export type StrategyVersionSummary = z.infer<typeof StrategyVersionSummarySchema>;
export type StrategyVersionDetail = z.infer<typeof StrategyVersionDetailSchema>;
export type StrategyValidation = z.infer<typeof ValidationResultSchema>;
export type StrategySimulation = z.infer<typeof SimulationResultSchema>;
export type SimulationSummary = StrategySimulation['candidate'];
export type StrategyExperiment = z.infer<typeof ExperimentSchema>;
export type StartExperimentRequest = z.input<typeof StartExperimentRequestSchema>;
export type StrategyExperimentReport = z.infer<typeof ExperimentReportSchema>;
export type StrategyStatus = StrategyVersionSummary['status'];
