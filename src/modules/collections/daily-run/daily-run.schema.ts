import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, date, integer, bigint, primaryKey, uniqueIndex, index, check } from 'drizzle-orm/pg-core';

export const COLLECTION_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type CollectionRunStatus = (typeof COLLECTION_RUN_STATUSES)[number];

/**
 * One daily delinquency run (贷后日批) per as-of date and strategy version. A re-run of the same
 * as-of date reuses the row: counts accumulate what each execution created, so after a killed run
 * and its re-run they are the exact totals.
 */
export const collectionRuns = pgTable(
  'collection_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    strategyId: text('strategy_id').notNull(),
    strategyVersion: integer('strategy_version').notNull(),
    status: text('status', { enum: COLLECTION_RUN_STATUSES }).notNull(),
    executions: integer('executions').notNull().default(1),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    delinquentLoans: integer('delinquent_loans').notNull().default(0),
    casesOpened: integer('cases_opened').notNull().default(0),
    casesClosed: integer('cases_closed').notNull().default(0),
    promisesKept: integer('promises_kept').notNull().default(0),
    promisesBroken: integer('promises_broken').notNull().default(0),
    casesEvaluated: integer('cases_evaluated').notNull().default(0),
    actionsCreated: integer('actions_created').notNull().default(0),
    messagesQueued: integer('messages_queued').notNull().default(0),
    messagesBlocked: integer('messages_blocked').notNull().default(0),
    batches: integer('batches').notNull().default(0),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('collection_runs_as_of_strategy_idx').on(t.asOf, t.strategyId, t.strategyVersion),
    check('collection_runs_status_check', sql`${t.status} IN ('running', 'completed', 'failed')`),
  ],
);

/**
 * Days past due per delinquent loan per day, for roll rates (迁徙率). Only loans past due (after
 * grace) are stored: a loan that is active and absent on a day was current (M0) that day.
 *
 * No foreign key to loans (migration 0016): the rows are derived, written only by the daily run
 * from the loans it has just read in the same transaction, and loans are never deleted. The check
 * cost the run a trigger, a lookup and a row lock on a loan per delinquent loan per day (about 1 s
 * of PostgreSQL CPU at 1,000,000 loans, npm run bench:daily), and each lock dirtied a loans page.
 */
export const delinquencySnapshots = pgTable(
  'delinquency_snapshots',
  {
    loanId: uuid('loan_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    dpd: integer('dpd').notNull(),
    bucket: text('bucket').notNull(),
    overdueFen: bigint('overdue_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.asOf] }), index('delinquency_snapshots_as_of_idx').on(t.asOf, t.bucket)],
);
