import { pgTable, text, timestamp, uuid, integer, index } from 'drizzle-orm/pg-core';

export const IMPORT_KINDS = ['customers', 'contacts', 'loans', 'schedules', 'repayments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One run of one file; rows are idempotent on the lender's external ids, so a re-run is safe. */
export const importRuns = pgTable('import_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256'),
  encoding: text('encoding'),
  status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull().default('running'),
  readRows: integer('read_rows').notNull().default(0),
  insertedRows: integer('inserted_rows').notNull().default(0),
  updatedRows: integer('updated_rows').notNull().default(0),
  unchangedRows: integer('unchanged_rows').notNull().default(0),
  rejectedRows: integer('rejected_rows').notNull().default(0),
  failureMessage: text('failure_message'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const importRejections = pgTable(
  'import_rejections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id').notNull().references(() => importRuns.id),
    line: integer('line').notNull(),
    column: text('column'),
    reason: text('reason').notNull(),
    rawValue: text('raw_value'),
  },
  (t) => [index('import_rejections_run_idx').on(t.runId, t.line)],
);
