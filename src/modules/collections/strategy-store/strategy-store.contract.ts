/** Inputs and outputs of the strategy API: route validation, the OpenAPI document and the console's types. */
import { z } from '@hono/zod-openapi';
import { STRATEGY_CHANNELS } from '../strategies/treatments.ts';

const Uuid = z.string().regex(/^[0-9a-f-]{36}$/i, 'must be a version id (UUID) / 须为版本 ID（UUID）');
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD / 日期格式须为 YYYY-MM-DD');

export const DraftRequest = z
  .object({
    json: z.string().max(500_000).optional().describe('The strategy as JSON text (what the console editor sends); problems carry field paths'),
    definition: z.unknown().optional().describe('Or the strategy as a JSON object'),
  })
  .refine((d) => d.json !== undefined || d.definition !== undefined, { message: 'send the strategy as `json` (text) or `definition` (object) / 请以 `json`（文本）或 `definition`（对象）提交策略', path: ['json'] })
  .openapi('StrategyDraftRequest');

export const StrategyVersionSummary = z
  .object({
    id: z.uuid(), strategyId: z.string(), version: z.number().int(), status: z.enum(['draft', 'active', 'retired']),
    nameZh: z.string(), nameEn: z.string(), segments: z.number().int(),
    createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(),
    activatedBy: z.string().nullable(), activatedAt: z.string().nullable(), retiredBy: z.string().nullable(), retiredAt: z.string().nullable(),
  })
  .openapi('StrategyVersionSummary');

export const CoverageGap = z.object({ min: z.number().int(), max: z.number().int().nullable() });

export const StrategyVersionDetail = StrategyVersionSummary.extend({
  definition: z.record(z.string(), z.unknown()).describe('The validated strategy JSON'),
  coverageGaps: z.array(CoverageGap).describe('DPD ranges no segment covers (a warning, not an error)'),
}).openapi('StrategyVersionDetail');

export const Experiment = z
  .object({
    id: z.uuid(), championVersionId: z.uuid(), challengerVersionId: z.uuid(), challengerShare: z.number(), complaintMargin: z.number(), optOutMargin: z.number(),
    minAccountsPerArm: z.number().int(), status: z.enum(['running', 'stopped', 'ended']), stopReason: z.string().nullable(),
    guardrail: z.record(z.string(), z.unknown()).nullable().describe('The figures when the guardrail stopped it'),
    startedAt: z.string(), startedBy: z.string(), stoppedAt: z.string().nullable(), stoppedBy: z.string().nullable(),
  })
  .openapi('StrategyExperiment');

export const StrategyList = z
  .object({ activeVersionId: z.uuid().nullable(), versions: z.array(StrategyVersionSummary), experiments: z.array(Experiment) })
  .openapi('StrategyList');

export const ValidationResult = z.object({ valid: z.literal(true), coverageGaps: z.array(CoverageGap) }).openapi('StrategyValidation');

export const RetireRequest = z.object({ reason: z.string().trim().max(500).optional() });

const UnitCosts = z.partialRecord(z.enum(STRATEGY_CHANNELS), z.number().int().min(0).max(10_000_000)).describe('Unit cost per contact in fen, per channel; missing channels use the defaults');

export const SimulateRequest = z
  .object({
    versionId: Uuid.optional().describe('Simulate a stored version…'),
    json: z.string().max(500_000).optional().describe('…or unsaved JSON text from the editor'),
    definition: z.unknown().optional(),
    days: z.number().int().min(1).max(366).default(30).describe('How many days back to replay (default 30)'),
    asOf: CalendarDate.optional().describe('Last day replayed (default today)'),
    unitCostsFen: UnitCosts.optional(),
  })
  .refine((d) => d.versionId !== undefined || d.json !== undefined || d.definition !== undefined, { message: 'give versionId, json or definition / 请提供 versionId、json 或 definition', path: ['versionId'] })
  .openapi('StrategySimulationRequest');

const ChannelFigures = z.object({
  planned: z.number().int(), made: z.number().int(), delayed: z.number().int().describe('Made, but later than planned (contact hours, holiday, daily cap)'),
  refused: z.number().int(), notSent: z.number().int(), costFen: z.number().int(),
});
const Summary = z.object({
  strategy: z.object({ id: z.string(), version: z.number().int() }),
  days: z.number().int(), loans: z.number().int(), accountsTreated: z.number().int(),
  byChannel: z.record(z.string(), ChannelFigures), tasks: z.record(z.string(), z.number().int()),
  refusedByReason: z.record(z.string(), z.number().int()), notSentByReason: z.record(z.string(), z.number().int()),
  totals: ChannelFigures, contactsPerAccount: z.number(),
});
export const SimulationResult = z
  .object({
    window: z.object({ from: z.string(), to: z.string(), daysWithSnapshots: z.number().int() }),
    unitCostsFen: z.record(z.string(), z.number().int()),
    candidate: Summary,
    active: Summary,
  })
  .openapi('StrategySimulation');

export const StartExperimentRequest = z
  .object({
    challengerVersionId: Uuid,
    challengerShare: z.number().gt(0, 'share must be above 0 / 占比必须大于 0').lt(1, 'share must be below 1 / 占比必须小于 1').describe('Fraction of new cases treated with the challenger'),
    complaintMargin: z.number().min(0).max(1).describe('Stop when the challenger complaint rate exceeds the champion by more than this (0.005 = 0.5 pp)'),
    optOutMargin: z.number().min(0).max(1).describe('Same for the opt-out rate'),
    minAccountsPerArm: z.number().int().min(1).max(100_000).optional().describe('No guardrail verdict below this many cases per arm (default 1)'),
  })
  .openapi('StartExperimentRequest');

export const StopExperimentRequest = z.object({ reason: z.string().trim().min(1, 'give a reason / 请填写原因').max(500) }).openapi('StopExperimentRequest');

const Interval = z.object({ low: z.number(), high: z.number() }).nullable();
const Rate = z.object({ events: z.number().int(), accounts: z.number().int(), rate: z.number().nullable(), ci: Interval });
const Mean = z.object({ total: z.number(), accounts: z.number().int(), mean: z.number().nullable(), ci: Interval });
const Arm = z.object({
  arm: z.enum(['champion', 'challenger']), accounts: z.number().int(),
  cureRate: Rate, rollForwardRate: Rate, complaintRate: Rate, optOutRate: Rate, recoveredFenPerAccount: Mean, contactsPerAccount: Mean,
});
const Diff = z.object({ estimate: z.number().nullable(), ci: Interval });
const VersionRef = z.object({ id: z.uuid(), strategyId: z.string(), version: z.number().int() });

export const ExperimentReport = z
  .object({
    experiment: Experiment,
    champion: VersionRef,
    challenger: VersionRef,
    window: z.object({ from: z.string(), to: z.string() }),
    comparison: z.object({
      confidenceLevel: z.number(), champion: Arm, challenger: Arm,
      difference: z.object({ cureRate: Diff, rollForwardRate: Diff, complaintRate: Diff, optOutRate: Diff, recoveredFenPerAccount: Diff, contactsPerAccount: Diff }),
    }),
    guardrail: z.object({
      stop: z.boolean(), insufficientData: z.boolean(),
      breaches: z.array(z.object({ metric: z.string(), champion: z.number(), challenger: z.number(), difference: z.number(), margin: z.number(), reason: z.string() })),
    }),
    stoppedByGuardrail: z.boolean(),
  })
  .openapi('StrategyExperimentReport');

export const ReportQuery = z.object({ asOf: CalendarDate.optional() });
