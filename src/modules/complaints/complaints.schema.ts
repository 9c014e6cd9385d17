import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from '../../platform/auth/staff.schema.ts';
import { customers } from '../customers/customers.schema.ts';
import { loans } from '../loans/loans.schema.ts';

export const COMPLAINT_CHANNELS = ['phone', 'counter', 'letter', 'portal', 'email', 'regulator', 'api'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'decided', 'closed', 'reopened'] as const;
export type ComplaintStatusValue = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_PRODUCTS = ['project-finance', 'working-capital', 'fixed-asset', 'personal-consumer', 'other'] as const;

export const COMPLAINT_EVENT_TYPES = [
  'received', 'first-handling', 'extension', 'pause-start', 'pause-end', 'repeat', 'new-facts', 'decision', 'review-requested',
  'reassigned', 'classified', 'closed', 'reopened', 'merged', 'note',
] as const;
export type ComplaintEventTypeValue = (typeof COMPLAINT_EVENT_TYPES)[number];

export const DECISION_OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld'] as const;
export const REMEDIES = ['refund', 'fee-waiver', 'record-correction', 'apology', 'process-fix'] as const;

/**
 * One complaint (投诉). The reference number TS-<year>-<6 digits> is what the complainant is told.
 * Deadlines are not stored: they are computed from received_at and complaint_events by the pure
 * clock in ./rules (computeComplaintClock), so a rule change never leaves stale due dates behind.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referenceNumber: text('reference_number').notNull(),
    /** Null only for an e-mail whose sender matched no customer (to be matched by a handler). */
    customerId: uuid('customer_id').references(() => customers.id),
    channel: text('channel', { enum: COMPLAINT_CHANNELS }).notNull(),
    /** 监管转办: the regulator's reference and its deadline (a local date). */
    regulatorReference: text('regulator_reference'),
    regulatorDeadline: date('regulator_deadline', { mode: 'string' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    category: text('category'),
    severity: text('severity'),
    /** The classifier's suggestion at intake (kept even after a handler confirms or corrects it). */
    suggestion: jsonb('suggestion').$type<Record<string, unknown>>(),
    classificationConfirmedAt: timestamp('classification_confirmed_at', { withTimezone: true }),
    product: text('product', { enum: COMPLAINT_PRODUCTS }),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull(),
    ownerId: uuid('owner_id').references(() => staffUsers.id),
    description: text('description').notNull(),
    complainantEmail: text('complainant_email'),
    /** The inbound e-mail's Message-ID: the same message delivered twice opens one complaint. */
    sourceMessageId: text('source_message_id'),
    relatedComplaintId: uuid('related_complaint_id'),
    mergedIntoId: uuid('merged_into_id'),
    /** Category fraud-or-identity-misuse: flagged for the fraud workflow (000) to pick up. */
    fraudFlaggedAt: timestamp('fraud_flagged_at', { withTimezone: true }),
    possibleDuplicateIds: jsonb('possible_duplicate_ids').$type<string[]>().notNull().default([]),
    acknowledgementMessageId: uuid('acknowledgement_message_id'),
    acknowledgementStatus: text('acknowledgement_status', { enum: ['queued', 'blocked', 'not-sent'] }),
    outcome: text('outcome', { enum: DECISION_OUTCOMES }),
    remedies: jsonb('remedies').$type<string[]>(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The final response letter (PDF, zh + en) made at the latest decision, kept in the evidence store. */
    responseLetterEvidenceId: uuid('response_letter_evidence_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('complaints_reference_number_key').on(t.referenceNumber),
    uniqueIndex('complaints_source_message_id_key').on(t.sourceMessageId),
    index('complaints_customer_idx').on(t.customerId, t.receivedAt),
    index('complaints_status_idx').on(t.status),
    index('complaints_owner_idx').on(t.ownerId),
    check('complaints_reference_format', sql`${t.referenceNumber} ~ '^TS-[0-9]{4}-[0-9]{6}$'`),
  ],
);

/** The loans a complaint concerns (none = the customer in general). */
export const complaintLoans = pgTable(
  'complaint_loans',
  {
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.loanId] })],
);

/**
 * What happened to a complaint, in the order recorded. The clock events (first-handling, extension,
 * pause-start/-end, repeat, new-facts, decision, review-requested) are folded by computeComplaintClock;
 * the rest (reassigned, classified, closed, reopened, merged, note) are history only.
 */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    seq: integer('seq').notNull(),
    type: text('type', { enum: COMPLAINT_EVENT_TYPES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex('complaint_events_seq_key').on(t.complaintId, t.seq)],
);

/** A handler's confirmation or correction of the classifier's suggestion (training data for retraining). */
export const complaintClassificationCorrections = pgTable(
  'complaint_classification_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    text: text('text').notNull(),
    suggestedCategory: text('suggested_category'),
    suggestedSeverity: text('suggested_severity'),
    confirmedCategory: text('confirmed_category').notNull(),
    confirmedSeverity: text('confirmed_severity').notNull(),
    suggestionConfidence: real('suggestion_confidence'),
    /** False when the handler agreed with the suggestion (kept too: agreement is a label as well). */
    corrected: boolean('corrected').notNull(),
    modelVersion: text('model_version'),
    confirmedBy: text('confirmed_by').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('complaint_classification_corrections_complaint_idx').on(t.complaintId)],
);

/**
 * Per-year counter for reference numbers (UPDATE … RETURNING: no duplicates under concurrency). The
 * number is taken in its own short transaction so intakes do not queue on this row; an intake that
 * fails afterwards leaves a gap. Reference numbers identify a complaint, they are not a gap-free register.
 */
export const complaintReferenceCounters = pgTable('complaint_reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * Each handler's open complaints (owner_id set, status not closed), kept by a trigger on
 * `complaints` (migration 0021) so routing reads a handler's workload in one row instead of
 * counting their open complaints on every intake, which grew with the book (2.4 ms a call at
 * 9,000 open complaints under load, npm run bench:complaints). A handler with no row has none.
 */
export const complaintHandlerWorkloads = pgTable('complaint_handler_workloads', {
  staffId: uuid('staff_id').primaryKey().references(() => staffUsers.id),
  openComplaints: integer('open_complaints').notNull(),
});

/** The satisfaction survey left pending when a complaint is closed (the survey UI comes later). */
export const satisfactionSurveys = pgTable(
  'satisfaction_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    customerId: uuid('customer_id').references(() => customers.id),
    token: text('token').notNull(),
    status: text('status', { enum: ['pending', 'answered', 'expired'] }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    score: integer('score'),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('satisfaction_surveys_token_key').on(t.token), index('satisfaction_surveys_complaint_idx').on(t.complaintId)],
);

/**
 * Deadline warnings and breach escalations already raised by watchComplaintDeadlines: one row per
 * complaint, clock, kind and due instant, so a re-run of the 15-minute job raises each once, while a
 * moved deadline (an extension, new facts) may warn again.
 */
export const complaintDeadlineAlerts = pgTable(
  'complaint_deadline_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    clock: text('clock', { enum: ['first-handling', 'decision'] }).notNull(),
    kind: text('kind', { enum: ['warning', 'breach'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    notified: jsonb('notified').$type<string[]>().notNull().default([]),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('complaint_deadline_alerts_key').on(t.complaintId, t.clock, t.kind, t.dueAt)],
);
