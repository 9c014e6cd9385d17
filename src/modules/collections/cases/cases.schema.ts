import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, date, integer, bigint, boolean, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { loans } from '../../loans/loans.schema.ts';

export const CASE_STATUSES = ['open', 'closed'] as const;
export const ARMS = ['champion', 'challenger'] as const;

/**
 * A collection case (催收案件): one open case per LOAN (the strategy, DPD and the champion /
 * challenger arm are per account). Opened by the daily run on the first day the loan is past due
 * after its grace days, closed by the run on the first day it is not (cured, or the loan left the
 * active book). A later delinquency opens a new case: each case is one delinquency episode.
 *
 * Storage: fillfactor 80 (migration 0012), so the daily run's updates stay on the page (HOT).
 * The case's current segment is its latest action's (collection_actions.segment_id), not a copy here
 * that every run would have to rewrite (migration 0013).
 */
export const collectionCases = pgTable(
  'collection_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The loan and its customer: the pair must be a loan's (id, customer_id). Checked by triggers, not
    // a foreign key (migration 0017): a foreign key locks the loan row of every case it checks, and
    // on the daily run's first day of a delinquency that lock wrote a full-page image of a loans
    // page per case after each checkpoint (110 MB of WAL and about 1 s at 1,000,000 loans,
    // bench:daily). The INSERT trigger checks each statement's new cases against loans in one
    // query; loans refuse a delete, or a change of id or customer, while a case names them.
    loanId: uuid('loan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    /** cured | loan-settled | loan-written-off | loan-recalled */
    closeReason: text('close_reason'),
    /** Arm of the strategy experiment, fixed when the case opens; measure on this, not a recomputed arm. */
    arm: text('arm', { enum: ARMS }).notNull(),
    /** DPD and bucket as of the latest run. */
    dpd: integer('dpd').notNull(),
    bucket: text('bucket').notNull(),
    /** What the collector learned (article: 无力偿还但有意愿 vs 恶意拖欠); unknown until recorded. */
    willingness: text('willingness', { enum: ['willing-but-unable', 'unwilling', 'unknown'] }).notNull().default('unknown'),
    updatedOn: date('updated_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    // Also the daily run's keyset over the open cases (by loan id), so no index on status of its own
    // (migration 0019): every case the run opens would have had to maintain it.
    uniqueIndex('collection_cases_one_open_per_loan_idx').on(t.loanId).where(sql`status = 'open'`),
    index('collection_cases_customer_idx').on(t.customerId),
    check('collection_cases_status_check', sql`${t.status} IN ('open', 'closed')`),
  ],
);

export const ACTION_KINDS = [
  'reminder-message', // automated SMS / e-mail / app / letter through queueMessage
  'agent-call-task',
  'agent-chat-task',
  'field-visit-task',
  'hardship-review-task',
  'evidence-pack-task',
  'legal-referral-proposal',
  'external-agency-proposal',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = [
  'planned', // a task waiting for an agent
  'queued', // message written to the outbox
  'blocked-by-compliance', // message refused by the compliance engine (status_reason, denial_id)
  'not-sent', // message could not be rendered (no approved template, no contact point): status_reason
  'proposed-awaiting-approval', // legal / external-agency referral waiting for a supervisor
  'done',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * What the daily run decided for a case on a day: at most one action per case per as-of date
 * (unique (case_id, as_of)), so re-running a day never duplicates. `key` is the deterministic
 * case:asOf:segment:step string, also the outbox idempotency key of a reminder; it has no index of
 * its own (migration 0013): unique (case_id, as_of) already makes it unique, and nothing looks an
 * action up by it.
 */
export const collectionActions = pgTable(
  'collection_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    // The case's loan and customer, copied for queries by loan or customer. The three together must
    // be a case's (id, loan_id, customer_id). Checked by triggers, not a foreign key (migration 0018):
    // the foreign key locked the case row of every action it checked, one row lock and one RI query
    // per action (80,000 on a day of bench:daily); the INSERT trigger checks each statement's new
    // actions against the cases in one query, and cases refuse a delete, or a change of id, loan or
    // customer, while an action names them.
    caseId: uuid('case_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    runId: uuid('run_id'),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    strategyId: text('strategy_id').notNull(),
    strategyVersion: integer('strategy_version').notNull(),
    arm: text('arm', { enum: ARMS }).notNull(),
    segmentId: text('segment_id').notNull(),
    stepIndex: integer('step_index').notNull(),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    /** The strategy channel (sms, email, portal, letter, phone, online-chat, field-visit) or null for a task without contact. */
    channel: text('channel'),
    templateKey: text('template_key'),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    statusReason: text('status_reason'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    outboxMessageId: uuid('outbox_message_id'),
    denialId: uuid('denial_id'),
    /** Filled in by agents / delivery: pending until known; the strategy reads it as the treatment outcome. */
    outcome: text('outcome', { enum: ['pending', 'responded', 'no-response'] }).notNull().default('pending'),
    trigger: text('trigger').notNull(),
    reason: text('reason').notNull(),
    dpd: integer('dpd').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also what keeps `key` unique: the daily run is its only writer and derives it from the case and the day.
    uniqueIndex('collection_actions_case_day_idx').on(t.caseId, t.asOf),
    index('collection_actions_as_of_idx').on(t.asOf, t.status),
  ],
);

export const PROMISE_STATUSES = ['open', 'kept', 'broken'] as const;

/**
 * A promise to pay (承诺还款). Kept when the loan's payments valued from promised_on up to due_on
 * add up to the amount (resolved_on = the day they did); broken the day after due_on otherwise.
 */
export const promisesToPay = pgTable(
  'promises_to_pay',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => collectionCases.id),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    promisedOn: date('promised_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status', { enum: PROMISE_STATUSES }).notNull().default('open'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('promises_to_pay_case_idx').on(t.caseId),
    index('promises_to_pay_open_idx').on(t.status, t.dueOn),
    check('promises_to_pay_amount_positive', sql`${t.amountFen} > 0`),
    check('promises_to_pay_dates', sql`${t.dueOn} >= ${t.promisedOn}`),
  ],
);
