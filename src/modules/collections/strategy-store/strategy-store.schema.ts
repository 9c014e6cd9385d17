import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const STRATEGY_VERSION_STATUSES = ['draft', 'active', 'retired'] as const;
export type StrategyVersionStatus = (typeof STRATEGY_VERSION_STATUSES)[number];
export const EXPERIMENT_STATUSES = ['running', 'stopped', 'ended'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/**
 * Versions of collections strategies (催收策略版本). The definition is the zod-validated JSON of
 * ../strategies (its `id` and `version` equal the row's). Exactly one version is active at a time
 * (partial unique index): it is the champion every daily run uses. Drafts may be edited; active and
 * retired versions never change, so an action's (strategy_id, strategy_version) always names what
 * produced it.
 */
export const strategyVersions = pgTable(
  'strategy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    strategyId: text('strategy_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: STRATEGY_VERSION_STATUSES }).notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    activatedBy: text('activated_by'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredBy: text('retired_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('strategy_versions_strategy_version_idx').on(t.strategyId, t.version),
    uniqueIndex('strategy_versions_one_active_idx').on(t.status).where(sql`status = 'active'`),
    check('strategy_versions_status_check', sql`${t.status} IN ('draft', 'active', 'retired')`),
  ],
);

/**
 * Champion / challenger experiments. One runs at a time (partial unique index). Its id is the
 * experiment id hashed by armFor, so the split is stable for its whole life. Margins are absolute
 * rate differences (0.005 = 0.5 pp); the guardrail stops the challenger when it exceeds the
 * champion's complaint or opt-out rate by more than that.
 */
export const strategyExperiments = pgTable(
  'strategy_experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    championVersionId: uuid('champion_version_id').notNull().references(() => strategyVersions.id),
    challengerVersionId: uuid('challenger_version_id').notNull().references(() => strategyVersions.id),
    challengerShare: doublePrecision('challenger_share').notNull(),
    complaintMargin: doublePrecision('complaint_margin').notNull(),
    optOutMargin: doublePrecision('opt_out_margin').notNull(),
    minAccountsPerArm: integer('min_accounts_per_arm').notNull().default(1),
    status: text('status', { enum: EXPERIMENT_STATUSES }).notNull(),
    /** Who stopped it: a staff member, or the guardrail (stopped_by = 'system:guardrail'). */
    stopReason: text('stop_reason'),
    /** The guardrail figures when it stopped the experiment (rates per arm, breaches). */
    guardrail: jsonb('guardrail').$type<Record<string, unknown>>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    startedBy: text('started_by').notNull(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    stoppedBy: text('stopped_by'),
  },
  (t) => [
    uniqueIndex('strategy_experiments_one_running_idx').on(t.status).where(sql`status = 'running'`),
    index('strategy_experiments_started_idx').on(t.startedAt),
    check('strategy_experiments_status_check', sql`${t.status} IN ('running', 'stopped', 'ended')`),
    check('strategy_experiments_share_check', sql`${t.challengerShare} > 0 AND ${t.challengerShare} < 1`),
    check('strategy_experiments_margins_check', sql`${t.complaintMargin} >= 0 AND ${t.complaintMargin} <= 1 AND ${t.optOutMargin} >= 0 AND ${t.optOutMargin} <= 1`),
  ],
);
