/**
 * Stored, versioned collections strategies (催收策略版本管理). Drafts are edited, one version is
 * active (the champion of every daily run), older ones are retired. Every change is one
 * transaction holding its audit event. See ./README.md.
 */
import { recordAudit } from '../../../platform/audit/index.ts';
import { actorId, systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { Database, SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError, notFound, type FieldProblem } from '../../../platform/errors/domain-error.ts';
import { DEFAULT_STRATEGY, parseStrategy, parseStrategyJson, type ParseResult, type Strategy } from '../strategies/index.ts';
import type { StrategyVersionStatus } from './strategy-store.schema.ts';

export type StrategyVersionRow = {
  id: string;
  strategyId: string;
  version: number;
  status: StrategyVersionStatus;
  nameZh: string;
  nameEn: string;
  definition: Strategy;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  retiredBy: string | null;
  retiredAt: string | null;
};

type DbRow = {
  id: string; strategy_id: string; version: number; status: StrategyVersionStatus; definition: Strategy | string;
  created_by: string; created_at: Date | string; updated_at: Date | string; activated_by: string | null; activated_at: Date | string | null;
  retired_by: string | null; retired_at: Date | string | null;
};

const COLUMNS = `id, strategy_id, version, status, definition, created_by, created_at, updated_at, activated_by, activated_at, retired_by, retired_at`;
const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function toVersion(r: DbRow): StrategyVersionRow {
  const definition = typeof r.definition === 'string' ? (JSON.parse(r.definition) as Strategy) : r.definition;
  return {
    id: r.id, strategyId: r.strategy_id, version: Number(r.version), status: r.status, nameZh: definition.nameZh, nameEn: definition.nameEn, definition,
    createdBy: r.created_by, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, activatedBy: r.activated_by, activatedAt: iso(r.activated_at),
    retiredBy: r.retired_by, retiredAt: iso(r.retired_at),
  };
}

/** A draft as the console or an API client sends it: JSON text (the editor) or an already parsed object. */
export type DraftInput = { json?: string | undefined; definition?: unknown };

export function validateDraftInput(input: DraftInput): ParseResult {
  if (typeof input.json === 'string') return parseStrategyJson(input.json);
  return parseStrategy(input.definition);
}

export const invalidStrategy = (problems: FieldProblem[]) =>
  new DomainError(
    'validation',
    { zh: `策略有 ${problems.length} 处问题，请按字段路径修改`, en: `The strategy has ${problems.length} problem(s); see the field paths` },
    problems,
  );

/**
 * Stores DEFAULT_STRATEGY as version 1 (active) when no strategy version is stored at all.
 * Idempotent and race-safe: the unique (strategy_id, version) index lets only one caller insert,
 * and only the inserting caller writes the audit event. Called on every read through the service
 * (list, get, plan), so a fresh database shows the default in the console and runs it.
 */
export async function ensureDefaultStrategy(database: Pick<Database, 'sql' | 'transaction'>, at: Date): Promise<void> {
  const { rows } = await database.sql.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM strategy_versions) AS any`);
  if (rows[0]?.any) return;
  await database.transaction(async (exec) => {
    const { rows: inserted } = await exec.query<{ id: string }>(
      `INSERT INTO strategy_versions (strategy_id, version, status, definition, created_by, created_at, updated_at, activated_by, activated_at)
       SELECT $1, $2, 'active', $3::jsonb, 'system:default-strategy', $4::timestamptz, $4::timestamptz, 'system:default-strategy', $4::timestamptz
        WHERE NOT EXISTS (SELECT 1 FROM strategy_versions)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [DEFAULT_STRATEGY.id, DEFAULT_STRATEGY.version, JSON.stringify(DEFAULT_STRATEGY), at.toISOString()],
    );
    if (inserted[0]) {
      await recordAudit(exec, {
        actor: systemActor('default-strategy'), action: 'collections.strategy.default-installed', entityType: 'strategy-version', entityId: inserted[0].id,
        after: { strategyId: DEFAULT_STRATEGY.id, version: DEFAULT_STRATEGY.version, status: 'active' },
      }, at);
    }
  });
}

export async function listVersions(exec: SqlExecutor): Promise<StrategyVersionRow[]> {
  const { rows } = await exec.query<DbRow>(`SELECT ${COLUMNS} FROM strategy_versions ORDER BY strategy_id, version DESC`);
  return rows.map(toVersion);
}

export async function getVersion(exec: SqlExecutor, id: string, lock = false): Promise<StrategyVersionRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound({ zh: '策略版本', en: 'Strategy version' });
  const { rows } = await exec.query<DbRow>(`SELECT ${COLUMNS} FROM strategy_versions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw notFound({ zh: '策略版本', en: 'Strategy version' });
  return toVersion(rows[0]);
}

export async function activeVersion(exec: SqlExecutor): Promise<StrategyVersionRow | null> {
  const { rows } = await exec.query<DbRow>(`SELECT ${COLUMNS} FROM strategy_versions WHERE status = 'active'`);
  return rows[0] ? toVersion(rows[0]) : null;
}

type Ctx = { actor: Actor; at: Date; requestId?: string | null };

/**
 * Saves a draft. Without `versionId` a new draft version is created: its number is the next for
 * the strategy id in the JSON (the JSON's own `version` is overwritten, so numbers never collide).
 * With `versionId` that draft is replaced; only drafts change, and their strategy id stays.
 */
export async function saveDraft(database: Database, ctx: Ctx, input: DraftInput & { versionId?: string | undefined }): Promise<StrategyVersionRow> {
  const parsed = validateDraftInput(input);
  if (!parsed.ok) throw invalidStrategy(parsed.problems);
  return database.transaction(async (exec) => {
    let id: string;
    let version: number;
    let before: object | null = null;
    if (input.versionId) {
      const current = await getVersion(exec, input.versionId, true);
      if (current.status !== 'draft') {
        throw new DomainError('conflict', { zh: '只能修改草稿；请另存为新草稿', en: `Version ${current.version} is ${current.status}; only drafts can be edited — save a new draft` });
      }
      if (current.strategyId !== parsed.strategy.id) {
        throw invalidStrategy([{ field: 'id', message: `a draft keeps its strategy id "${current.strategyId}"; save a new draft to use another id / 草稿须沿用策略 id "${current.strategyId}"；如需使用其他 id，请另存为新草稿`, code: 'custom' }]);
      }
      id = current.id;
      version = current.version;
      before = { version, definition: current.definition };
    } else {
      // Serialise version numbering per strategy id (two drafts saved at once get n and n+1).
      await exec.query(`SELECT pg_advisory_xact_lock(hashtext('strategy_versions'), hashtext($1))`, [parsed.strategy.id]);
      const { rows } = await exec.query<{ next: number }>(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM strategy_versions WHERE strategy_id = $1`,
        [parsed.strategy.id],
      );
      version = Number(rows[0]!.next);
      id = '';
    }
    const definition: Strategy = { ...parsed.strategy, version };
    if (input.versionId) {
      await exec.query(`UPDATE strategy_versions SET definition = $2::jsonb, updated_at = $3::timestamptz WHERE id = $1`, [id, JSON.stringify(definition), ctx.at.toISOString()]);
    } else {
      const { rows } = await exec.query<{ id: string }>(
        `INSERT INTO strategy_versions (strategy_id, version, status, definition, created_by, created_at, updated_at)
         VALUES ($1, $2, 'draft', $3::jsonb, $4, $5::timestamptz, $5::timestamptz) RETURNING id`,
        [definition.id, version, JSON.stringify(definition), actorId(ctx.actor), ctx.at.toISOString()],
      );
      id = rows[0]!.id;
    }
    await recordAudit(exec, {
      actor: ctx.actor, action: 'collections.strategy.draft-saved', entityType: 'strategy-version', entityId: id,
      before, after: { strategyId: definition.id, version, definition }, requestId: ctx.requestId ?? null,
    }, ctx.at);
    return getVersion(exec, id);
  });
}

/**
 * Makes a draft (or a retired version, as a rollback) the active strategy. The previous active
 * version is retired, and a running experiment whose champion it was ends, in the same transaction:
 * the next daily run uses the new version for everyone.
 */
export async function activateVersion(database: Database, ctx: Ctx, versionId: string): Promise<StrategyVersionRow> {
  return database.transaction(async (exec) => {
    await exec.query(`SELECT pg_advisory_xact_lock(hashtext('strategy_versions'), 0)`);
    const target = await getVersion(exec, versionId, true);
    if (target.status === 'active') throw new DomainError('conflict', { zh: '该版本已是生效版本', en: 'This version is already active' });
    const parsed = parseStrategy(target.definition);
    if (!parsed.ok) throw invalidStrategy(parsed.problems); // stored before a rule change: fix it in a new draft
    const previous = await activeVersion(exec);
    const at = ctx.at.toISOString();
    const by = actorId(ctx.actor);
    if (previous) {
      await exec.query(`UPDATE strategy_versions SET status = 'retired', retired_by = $2, retired_at = $3::timestamptz, updated_at = $3::timestamptz WHERE id = $1`, [previous.id, by, at]);
    }
    await exec.query(
      `UPDATE strategy_versions SET status = 'active', activated_by = $2, activated_at = $3::timestamptz, retired_by = NULL, retired_at = NULL, updated_at = $3::timestamptz WHERE id = $1`,
      [target.id, by, at],
    );
    const { rows: ended } = await exec.query<{ id: string }>(
      `UPDATE strategy_experiments SET status = 'ended', stopped_at = $1::timestamptz, stopped_by = $2,
              stop_reason = $3
        WHERE status = 'running' RETURNING id`,
      [at, by, `the champion was replaced: version ${target.strategyId} v${target.version} was activated`],
    );
    for (const e of ended) {
      await recordAudit(exec, {
        actor: ctx.actor, action: 'collections.experiment.ended', entityType: 'strategy-experiment', entityId: e.id,
        after: { status: 'ended', activatedVersionId: target.id }, requestId: ctx.requestId ?? null,
      }, ctx.at);
    }
    await recordAudit(exec, {
      actor: ctx.actor, action: 'collections.strategy.activated', entityType: 'strategy-version', entityId: target.id,
      before: { status: target.status, previousActive: previous ? { id: previous.id, strategyId: previous.strategyId, version: previous.version } : null },
      after: { status: 'active', strategyId: target.strategyId, version: target.version, endedExperiments: ended.map((e) => e.id) },
      requestId: ctx.requestId ?? null,
    }, ctx.at);
    return getVersion(exec, target.id);
  });
}

/** Retires a draft or old version. The active version cannot be retired (activate another one), nor a running challenger. */
export async function retireVersion(database: Database, ctx: Ctx, versionId: string, reason: string | null): Promise<StrategyVersionRow> {
  return database.transaction(async (exec) => {
    const target = await getVersion(exec, versionId, true);
    if (target.status === 'active') {
      throw new DomainError('conflict', { zh: '不能停用生效版本：请先启用另一个版本', en: 'The active version cannot be retired; activate another version instead' });
    }
    if (target.status === 'retired') throw new DomainError('conflict', { zh: '该版本已停用', en: 'This version is already retired' });
    const { rows: running } = await exec.query<{ id: string }>(`SELECT id FROM strategy_experiments WHERE status = 'running' AND challenger_version_id = $1`, [target.id]);
    if (running[0]) throw new DomainError('conflict', { zh: '该版本是进行中实验的挑战者，请先停止实验', en: 'This version is the challenger of a running experiment; stop the experiment first' });
    const at = ctx.at.toISOString();
    await exec.query(`UPDATE strategy_versions SET status = 'retired', retired_by = $2, retired_at = $3::timestamptz, updated_at = $3::timestamptz WHERE id = $1`, [target.id, actorId(ctx.actor), at]);
    await recordAudit(exec, {
      actor: ctx.actor, action: 'collections.strategy.retired', entityType: 'strategy-version', entityId: target.id,
      before: { status: target.status }, after: { status: 'retired', strategyId: target.strategyId, version: target.version }, reason, requestId: ctx.requestId ?? null,
    }, ctx.at);
    return getVersion(exec, target.id);
  });
}
