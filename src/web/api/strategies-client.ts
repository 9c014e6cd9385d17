/** Collection strategies (催收策略): versions, validation, simulation, champion / challenger experiments. */
import { request, withQuery } from './client.ts';
import type {
  StartExperimentRequest, StrategyExperiment, StrategyExperimentReport, StrategyList, StrategySimulation, StrategyValidation, StrategyVersionDetail,
} from './strategies-types.ts';

const enc = encodeURIComponent;

/** GET /api/collections/strategies — every version with its status, and the experiments. */
export const listStrategies = (signal?: AbortSignal) => request<StrategyList>('GET', '/api/collections/strategies', { signal });

/** GET /api/collections/strategies/versions/{id} — one version with its JSON definition and DPD coverage gaps. */
export const getStrategyVersion = (id: string, signal?: AbortSignal) =>
  request<StrategyVersionDetail>('GET', `/api/collections/strategies/versions/${enc(id)}`, { signal });

/** POST …/validate — 200 when valid; ApiProblem 422 whose errors carry field paths (segments.3.ladder.1.waitDays). */
export const validateStrategy = (json: string) => request<StrategyValidation>('POST', '/api/collections/strategies/validate', { body: { json } });

/** POST …/drafts — a new draft version (the next number for the strategy id). */
export const createStrategyDraft = (json: string) => request<StrategyVersionDetail>('POST', '/api/collections/strategies/drafts', { body: { json } });

/** POST …/versions/{id} — replace a draft's definition. */
export const updateStrategyDraft = (id: string, json: string) =>
  request<StrategyVersionDetail>('POST', `/api/collections/strategies/versions/${enc(id)}`, { body: { json } });

export const activateStrategyVersion = (id: string) => request<StrategyVersionDetail>('POST', `/api/collections/strategies/versions/${enc(id)}/activate`);

export const retireStrategyVersion = (id: string, reason?: string) =>
  request<StrategyVersionDetail>('POST', `/api/collections/strategies/versions/${enc(id)}/retire`, { body: { reason } });

/** POST …/simulate — the editor's JSON (or a stored version) against the active strategy over the last `days` days. */
export const simulateStrategy = (input: { json?: string; versionId?: string; days?: number }) =>
  request<StrategySimulation>('POST', '/api/collections/strategies/simulate', { body: input });

export const startExperiment = (body: StartExperimentRequest) => request<StrategyExperiment>('POST', '/api/collections/strategy-experiments', { body });

export const stopExperiment = (id: string, reason: string) =>
  request<StrategyExperiment>('POST', `/api/collections/strategy-experiments/${enc(id)}/stop`, { body: { reason } });

export const getExperimentReport = (id: string, signal?: AbortSignal) =>
  request<StrategyExperimentReport>('GET', withQuery(`/api/collections/strategy-experiments/${enc(id)}/report`), { signal });
