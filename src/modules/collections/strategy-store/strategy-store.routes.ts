import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, jsonResponse, notFoundProblem, standardProblems } from '../../../platform/http/problem-responses.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';
import { dpdCoverageGaps, parseStrategy, type Strategy } from '../strategies/index.ts';
import {
  DraftRequest, Experiment, ExperimentReport, ReportQuery, RetireRequest, SimulateRequest, SimulationResult, StartExperimentRequest,
  StopExperimentRequest, StrategyList, StrategyVersionDetail, ValidationResult,
} from './strategy-store.contract.ts';
import {
  activateVersion, activeVersion, ensureDefaultStrategy, getVersion, invalidStrategy, listVersions, retireVersion, saveDraft, validateDraftInput,
  type StrategyVersionRow,
} from './strategy-store.ts';
import { listExperiments, startExperiment, stopExperiment } from './experiments.ts';
import { experimentReport } from './experiment-report.ts';
import { simulateAgainstActive } from './simulation.ts';

const tags = ['Collections strategies 催收策略'];
const IdParam = z.object({ id: z.string() });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const summary = (v: StrategyVersionRow) => {
  const { definition, ...rest } = v;
  return { ...rest, segments: definition.segments.length };
};
const detail = (v: StrategyVersionRow) => ({ ...summary(v), definition: v.definition as unknown as Record<string, unknown>, coverageGaps: dpdCoverageGaps(v.definition) });

const list = staffRoute('collections.strategies.read', {
  method: 'get', path: '/collections/strategies', tags, summary: 'Strategy versions and experiments 策略版本与实验',
  description: 'Every stored version with its status (draft / active / retired), and the champion / challenger experiments. The built-in default strategy is stored as version 1 (active) on first read when nothing is stored.',
  responses: { 200: jsonResponse(StrategyList, 'Versions and experiments') },
});
const getOne = staffRoute('collections.strategies.read', {
  method: 'get', path: '/collections/strategies/versions/{id}', tags, summary: 'One strategy version 策略版本详情',
  request: { params: IdParam },
  responses: { 200: jsonResponse(StrategyVersionDetail, 'The version with its definition'), ...notFoundProblem },
});
const validate = staffRoute('collections.strategies.read', {
  method: 'post', path: '/collections/strategies/validate', tags, summary: 'Validate a strategy draft 校验策略',
  description: 'Changes nothing. 200 when valid (with DPD coverage gaps as warnings); 422 problem+json whose `errors` carry each problem\'s field path, e.g. `segments.3.ladder.1.waitDays`.',
  request: body(DraftRequest),
  responses: { 200: jsonResponse(ValidationResult, 'Valid'), ...standardProblems },
});
const createDraft = staffRoute('collections.strategies.manage', {
  method: 'post', path: '/collections/strategies/drafts', tags, summary: 'Save a new draft version 保存草稿',
  description: 'The version number is assigned (next for the strategy id); only valid strategies are stored (422 with field paths otherwise).',
  request: body(DraftRequest),
  responses: { 201: jsonResponse(StrategyVersionDetail, 'The new draft'), ...standardProblems },
});
const updateDraft = staffRoute('collections.strategies.manage', {
  method: 'post', path: '/collections/strategies/versions/{id}', tags, summary: 'Edit a draft 修改草稿',
  request: { params: IdParam, ...body(DraftRequest) },
  responses: { 200: jsonResponse(StrategyVersionDetail, 'The draft'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const activate = staffRoute('collections.strategies.manage', {
  method: 'post', path: '/collections/strategies/versions/{id}/activate', tags, summary: 'Activate a version 启用策略版本',
  description: 'The previous active version is retired and a running experiment ends, in one transaction; the next daily run uses this version.',
  request: { params: IdParam },
  responses: { 200: jsonResponse(StrategyVersionDetail, 'Now active'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const retire = staffRoute('collections.strategies.manage', {
  method: 'post', path: '/collections/strategies/versions/{id}/retire', tags, summary: 'Retire a version 停用策略版本',
  request: { params: IdParam, ...body(RetireRequest) },
  responses: { 200: jsonResponse(StrategyVersionDetail, 'Retired'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const simulate = staffRoute('collections.strategies.read', {
  method: 'post', path: '/collections/strategies/simulate', tags, summary: 'Simulate a strategy over the portfolio history 策略模拟',
  description: 'Replays the last N days (default 30) of delinquency snapshots with the candidate and with the active strategy: contacts by channel, contacts the compliance engine would refuse (by rule), and cost. Changes nothing.',
  request: body(SimulateRequest),
  responses: { 200: jsonResponse(SimulationResult, 'Candidate and active side by side'), ...notFoundProblem, ...standardProblems },
});
const startExp = staffRoute('collections.strategies.manage', {
  method: 'post', path: '/collections/strategy-experiments', tags, summary: 'Start a champion / challenger experiment 开始冠军/挑战者实验',
  description: 'The champion is the active version. New cases are split by a stable hash of the case\'s loan; the guardrail stops the challenger when its complaint or opt-out rate exceeds the champion\'s by more than the margin.',
  request: body(StartExperimentRequest),
  responses: { 201: jsonResponse(Experiment, 'Running'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const stopExp = staffRoute('collections.strategies.manage', {
  method: 'post', path: '/collections/strategy-experiments/{id}/stop', tags, summary: 'Stop an experiment 停止实验',
  request: { params: IdParam, ...body(StopExperimentRequest) },
  responses: { 200: jsonResponse(Experiment, 'Stopped'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const report = staffRoute('collections.strategies.read', {
  method: 'get', path: '/collections/strategy-experiments/{id}/report', tags, summary: 'Champion / challenger report 实验报告',
  description: 'asOf defaults to the stop date of a stopped experiment, else today. Per arm: cure rate, roll-forward rate, complaint and opt-out rates (Wilson 95 % intervals), amount recovered and contacts per case (normal 95 % intervals), and each difference.',
  request: { params: IdParam, query: ReportQuery },
  responses: { 200: jsonResponse(ExperimentReport, 'The report'), ...notFoundProblem, ...standardProblems },
});

export function strategyStoreRoutes(deps: AppDeps) {
  const ctx = (c: Parameters<typeof getActor>[0]) => ({ actor: getActor(c), at: deps.now(), requestId: getRequestId(c) ?? null });
  const today = () => todayInZone(deps.now(), deps.config.defaultTimeZone);
  return createRouter()
    .openapi(list, async (c) => {
      await ensureDefaultStrategy(deps.database, deps.now());
      const versions = await listVersions(deps.database.sql);
      const active = versions.find((v) => v.status === 'active');
      return c.json({ activeVersionId: active?.id ?? null, versions: versions.map(summary), experiments: await listExperiments(deps.database.sql) }, 200);
    })
    .openapi(getOne, async (c) => {
      await ensureDefaultStrategy(deps.database, deps.now());
      return c.json(detail(await getVersion(deps.database.sql, c.req.valid('param').id)), 200);
    })
    .openapi(validate, async (c) => {
      const parsed = validateDraftInput(c.req.valid('json'));
      if (!parsed.ok) throw invalidStrategy(parsed.problems);
      return c.json({ valid: true as const, coverageGaps: dpdCoverageGaps(parsed.strategy) }, 200);
    })
    .openapi(createDraft, async (c) => c.json(detail(await saveDraft(deps.database, ctx(c), c.req.valid('json'))), 201))
    .openapi(updateDraft, async (c) => c.json(detail(await saveDraft(deps.database, ctx(c), { ...c.req.valid('json'), versionId: c.req.valid('param').id })), 200))
    .openapi(activate, async (c) => c.json(detail(await activateVersion(deps.database, ctx(c), c.req.valid('param').id)), 200))
    .openapi(retire, async (c) => c.json(detail(await retireVersion(deps.database, ctx(c), c.req.valid('param').id, c.req.valid('json').reason ?? null)), 200))
    .openapi(simulate, async (c) => {
      const input = c.req.valid('json');
      await ensureDefaultStrategy(deps.database, deps.now());
      let candidate: Strategy;
      if (input.versionId) candidate = (await getVersion(deps.database.sql, input.versionId)).definition;
      else {
        const parsed = validateDraftInput(input);
        if (!parsed.ok) throw invalidStrategy(parsed.problems);
        candidate = parsed.strategy;
      }
      const checked = parseStrategy(candidate);
      if (!checked.ok) throw invalidStrategy(checked.problems);
      const active = (await activeVersion(deps.database.sql))!.definition;
      return c.json(await simulateAgainstActive(deps, checked.strategy, active, { days: input.days, asOf: input.asOf ?? today(), unitCostsFen: input.unitCostsFen }), 200);
    })
    .openapi(startExp, async (c) => c.json(await startExperiment(deps.database, ctx(c), c.req.valid('json')), 201))
    .openapi(stopExp, async (c) => c.json(await stopExperiment(deps.database, ctx(c), c.req.valid('param').id, c.req.valid('json').reason), 200))
    .openapi(report, async (c) => c.json(await experimentReport(deps, c.req.valid('param').id, c.req.valid('query').asOf), 200));
}
