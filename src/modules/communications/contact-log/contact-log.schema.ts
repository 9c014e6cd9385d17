import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers, contactPoints, CONTACT_CHANNELS, CONSENT_PURPOSES, CONTACT_RELATIONSHIPS } from '../../customers/customers.schema.ts';
import { loans } from '../../loans/loans.schema.ts';
import { evidenceItems } from '../../../platform/evidence/evidence.schema.ts';

export const CONTACT_OUTCOMES = [
  'attempted', 'no-answer', 'connected', 'conversation', 'refused', 'wrong-number', 'delivered', 'failed', 'received',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const CONTACT_MODES = ['automated', 'human'] as const;
export const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;

/**
 * The contact log: every contact made — outbound messages once handed to the provider, agent calls
 * with their outcome, field visits with their evidence, and inbound replies. It is also the
 * compliance engine's history (frequency caps count these rows).
 *
 * RETENTION: keep at least 5 years. 《互联网金融逾期债务催收自律公约（试行）》 arts. 20–21 require
 * collection records (calls, messages, visits, and their recordings) to be complete and kept for
 * at least five years after the debt is settled, to settle disputes and complaints. There is
 * deliberately NO deletion path in the product: no DELETE route, no retention job. Rows change only
 * to record a provider's delivery report (outcome attempted → delivered / failed).
 */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    direction: text('direction', { enum: CONTACT_DIRECTIONS }).notNull(),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    mode: text('mode', { enum: CONTACT_MODES }).notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    debtId: uuid('debt_id').references(() => loans.id),
    contactPointId: uuid('contact_point_id').references(() => contactPoints.id),
    relationship: text('relationship', { enum: CONTACT_RELATIONSHIPS }).notNull().default('self'),
    outcome: text('outcome', { enum: CONTACT_OUTCOMES }).notNull(),
    /** null = the lender itself; otherwise the collection agency that made the contact. */
    agency: text('agency'),
    actorId: text('actor_id').notNull(),
    /** The outbox message, for messages sent through the hub. */
    messageId: uuid('message_id'),
    /** Field visit or call recording in the evidence store. */
    evidenceItemId: uuid('evidence_item_id').references(() => evidenceItems.id),
    overrideId: uuid('override_id'),
    durationSeconds: integer('duration_seconds'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_attempts_customer_idx').on(t.customerId, t.occurredAt),
    // One contact per outbox message: a dispatcher that lost its lease can never record a send twice.
    uniqueIndex('contact_attempts_message_idx').on(t.messageId),
  ],
);
