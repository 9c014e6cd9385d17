import { pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { customers } from '../../customers/customers.schema.ts';
import { collectionCases } from '../cases/cases.schema.ts';

export const OUTCOME_KINDS = ['reached', 'no-answer', 'wrong-number', 'refused', 'promise-to-pay', 'dispute', 'hardship'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const HARDSHIP_REASONS = ['income-loss', 'illness', 'business-failure', 'other'] as const;

/**
 * What an agent recorded after a call on a case (催收记录): the outcome, what was learned and the
 * agreed callback. The call itself is in contact_attempts (contact_attempt_id).
 */
export const collectionOutcomes = pgTable(
  'collection_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => collectionCases.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    outcome: text('outcome', { enum: OUTCOME_KINDS }).notNull(),
    willingness: text('willingness', { enum: ['willing-but-unable', 'unwilling', 'unknown'] }),
    hardshipReason: text('hardship_reason', { enum: HARDSHIP_REASONS }),
    note: text('note'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    contactAttemptId: uuid('contact_attempt_id'),
    promiseId: uuid('promise_id'),
    holdId: uuid('hold_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('collection_outcomes_case_idx').on(t.caseId, t.recordedAt)],
);
