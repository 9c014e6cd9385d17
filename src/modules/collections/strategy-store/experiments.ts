/**
 * Champion / challenger experiments (冠军/挑战者实验) and the plan the daily run follows.
 * The champion is always the active version; one experiment runs at a time; its id is what armFor
 * hashes, so every account keeps its arm for the experiment's life. Start and stop are one
 * transaction each with their audit event.
 */
import { recordAudit } from '../../../platform/audit/index.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import type { Database, SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { DEFAULT_STRATEGY, parseStrategy, type Strategy } from '../strategies/index.ts';
import type { ExperimentStatus } from './strategy-store.schema.ts';
import { activeVersion, ensureDefaultStrategy, getVersion, invalidStrategy } from './strategy-store.ts';

export type ExperimentRow = {
  id: string;
  championVersionId: string;
  challengerVersionId: string;
  challengerShare: number;
  complaintMargin: number;
  optOutMargin: number;
  minAccountsPerArm: number;
  status: ExperimentStatus;
  stopReason: string | null;
  guardrail: Record<string, unknown> | null;
  startedAt: string;
  startedBy: string;
  stoppedAt: string | null;
  stoppedBy: string | null;
};

/** Who the guardrail stops an experiment as (stopped_by). */
export const GUARDRAIL_ACTOR = 'system:guardrail';

type DbRow = {
  id: string; champion_version_id: string; challenger_version_id: string; challenger_share: number; complaint_margin: number; opt_out_margin: number;
  min_accounts_per_arm: number; status: ExperimentStatus; stop_reason: string | null; guardrail: Record<string, unknown> | string | null;
  started_at: Date | string; started_by: string; stopped_at: Date | string | null; stopped_by: string | null;
};
const COLUMNS = `id, champion_version_id, challenger_version_id, challenger_share, complaint_margin, opt_out_margin, min_accounts_per_arm, status,
                 stop_reason, guardrail, started_at, started_by, stopped_at, stopped_by`;

function toExperiment(r: DbRow): ExperimentRow {
  return {
    id: r.id, championVersionId: r.champion_version_id, challengerVersionId: r.challenger_version_id, challengerShare: Number(r.challenger_share),
    complaintMargin: Number(r.complaint_margin), optOutMargin: Number(r.opt_out_margin), minAccountsPerArm: Number(r.min_accounts_per_arm), status: r.status,
    stopReason: r.stop_reason, guardrail: typeof r.guardrail === 'string' ? JSON.parse(r.guardrail) : r.guardrail,
    startedAt: new Date(r.started_at).toISOString(), startedBy: r.started_by,
    stoppedAt: r.stopped_at === null ? null : new Date(r.stopped_at).toISOString(), stoppedBy: r.stopped_by,
  };
}

export async function listExperiments(exec: SqlExecutor): Promise<ExperimentRow[]> {
  const { rows } = await exec.query<DbRow>(`SELECT ${COLUMNS} FROM strategy_experiments ORDER BY started_at DESC`);
  return rows.map(toExperiment);
}

export async function getExperiment(exec: SqlExecutor, id: string, lock = false): Promise<ExperimentRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound({ zh: '实验', en: 'Experiment' });
  const { rows } = await exec.query<DbRow>(`SELECT ${COLUMNS} FROM strategy_experiments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw notFound({ zh: '实验', en: 'Experiment' });
  return toExperiment(rows[0]);
}

export async function runningExperiment(exec: SqlExecutor): Promise<ExperimentRow | null> {
  const { rows } = await exec.query<DbRow>(`SELECT ${COLUMNS} FROM strategy_experiments WHERE status = 'running'`);
  return rows[0] ? toExperiment(rows[0]) : null;
}

export type StartExperimentInput = {
  challengerVersionId: string;
  challengerShare: number;
  complaintMargin: number;
  optOutMargin: number;
  minAccountsPerArm?: number | undefined;
};
type Ctx = { actor: Actor; at: Date; requestId?: string | null };

export async function startExperiment(database: Database, ctx: Ctx, input: StartExperimentInput): Promise<ExperimentRow> {
  await ensureDefaultStrategy(database, ctx.at);
  return database.transaction(async (exec) => {
    await exec.query(`SELECT pg_advisory_xact_lock(hashtext('strategy_versions'), 0)`);
    if (await runningExperiment(exec)) throw new DomainError('conflict', { zh: '已有进行中的实验，请先停止', en: 'An experiment is already running; stop it first' });
    const champion = await activeVersion(exec);
    if (!champion) throw new DomainError('conflict', { zh: '没有生效的策略', en: 'There is no active strategy' });
    const challenger = await getVersion(exec, input.challengerVersionId);
    if (challenger.id === champion.id) {
      throw new DomainError('validation', { zh: '挑战者不能是生效版本本身', en: 'The challenger must differ from the active (champion) version' }, [
        { field: 'challengerVersionId', message: 'this is the active version; choose a draft or retired version / 这是当前生效的版本，请选择草稿或已停用的版本' },
      ]);
    }
    const parsed = parseStrategy(challenger.definition);
    if (!parsed.ok) throw invalidStrategy(parsed.problems);
    const { rows } = await exec.query<{ id: string }>(
      `INSERT INTO strategy_experiments (champion_version_id, challenger_version_id, challenger_share, complaint_margin, opt_out_margin, min_accounts_per_arm,
                                         status, started_at, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7::timestamptz, $8) RETURNING id`,
      [champion.id, challenger.id, input.challengerShare, input.complaintMargin, input.optOutMargin, input.minAccountsPerArm ?? 1, ctx.at.toISOString(), actorId(ctx.actor)],
    );
    const id = rows[0]!.id;
    await recordAudit(exec, {
      actor: ctx.actor, action: 'collections.experiment.started', entityType: 'strategy-experiment', entityId: id,
      after: {
        champion: { id: champion.id, strategyId: champion.strategyId, version: champion.version },
        challenger: { id: challenger.id, strategyId: challenger.strategyId, version: challenger.version },
        challengerShare: input.challengerShare, complaintMargin: input.complaintMargin, optOutMargin: input.optOutMargin, minAccountsPerArm: input.minAccountsPerArm ?? 1,
      },
      requestId: ctx.requestId ?? null,
    }, ctx.at);
    return getExperiment(exec, id);
  });
}

/** A supervisor stops a running experiment, with a reason. The next run treats everyone with the champion. */
export async function stopExperiment(database: Database, ctx: Ctx, id: string, reason: string): Promise<ExperimentRow> {
  return database.transaction(async (exec) => {
    const experiment = await getExperiment(exec, id, true);
    if (experiment.status !== 'running') throw new DomainError('conflict', { zh: '实验已结束', en: `The experiment is already ${experiment.status}` });
    await exec.query(
      `UPDATE strategy_experiments SET status = 'stopped', stop_reason = $2, stopped_at = $3::timestamptz, stopped_by = $4 WHERE id = $1`,
      [id, reason, ctx.at.toISOString(), actorId(ctx.actor)],
    );
    await recordAudit(exec, {
      actor: ctx.actor, action: 'collections.experiment.stopped', entityType: 'strategy-experiment', entityId: id,
      before: { status: 'running' }, after: { status: 'stopped' }, reason, requestId: ctx.requestId ?? null,
    }, ctx.at);
    return getExperiment(exec, id);
  });
}

export type StrategyPlan = {
  strategy: Strategy;
  challenger?: { strategy: Strategy; share: number; experimentId: string };
};

/**
 * What the daily run follows: the active strategy and, while an experiment runs, its challenger
 * (the `strategy` / `challenger` options of runDailyCollections). Given the Database, the default
 * strategy is stored first when nothing is; given a bare executor (inside someone's transaction)
 * it falls back to DEFAULT_STRATEGY in memory, which is the same definition as that version 1.
 */
export async function loadStrategyPlan(source: Database | SqlExecutor, at: Date = new Date()): Promise<StrategyPlan> {
  const exec: SqlExecutor = 'transaction' in source ? source.sql : source;
  if ('transaction' in source) await ensureDefaultStrategy(source, at);
  const active = await activeVersion(exec);
  const strategy = active ? checked(active.definition, `${active.strategyId} v${active.version}`) : DEFAULT_STRATEGY;
  const experiment = await runningExperiment(exec);
  if (!experiment || !active || experiment.championVersionId !== active.id) return { strategy };
  const challenger = await getVersion(exec, experiment.challengerVersionId);
  return {
    strategy,
    challenger: { strategy: checked(challenger.definition, `${challenger.strategyId} v${challenger.version}`), share: experiment.challengerShare, experimentId: experiment.id },
  };
}

function checked(definition: unknown, what: string): Strategy {
  const parsed = parseStrategy(definition);
  if (!parsed.ok) throw new Error(`stored strategy ${what} no longer validates: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  return parsed.strategy;
}
