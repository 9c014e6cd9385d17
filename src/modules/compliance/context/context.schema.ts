import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid, check } from 'drizzle-orm/pg-core';
import { customers, contactPoints, CONTACT_CHANNELS, CONSENT_PURPOSES } from '../../customers/customers.schema.ts';
import { loans } from '../../loans/loans.schema.ts';

/**
 * What the compliance engine needs beyond the customer module's consents and preferences:
 * pauses (holds), care flags, opt-outs, stored refusals and supervisor overrides. Rows are never
 * deleted: closing a hold or clearing a flag stamps it, so "was contact allowed on that day?" can be
 * answered later from the same tables (the context loader reads them as of an instant).
 */

export const CONTACT_HOLD_TYPES = ['collection-conduct-complaint', 'fraud-incident', 'dispute', 'legal-hold'] as const;
export type ContactHoldType = (typeof CONTACT_HOLD_TYPES)[number];

/**
 * A pause on collection contact, opened by the complaints module (complaint about collection
 * conduct), the fraud module (borrower is a fraud victim), a dispute or a legal hold.
 * `debt_id` null = every debt of the customer. `source_type`/`source_id` name the case that opened it.
 */
export const contactHolds = pgTable(
  'contact_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    debtId: uuid('debt_id').references(() => loans.id),
    type: text('type', { enum: CONTACT_HOLD_TYPES }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    reason: text('reason').notNull(),
    openedBy: text('opened_by').notNull(),
    closedBy: text('closed_by'),
    closeReason: text('close_reason'),
  },
  (t) => [
    index('contact_holds_customer_idx').on(t.customerId, t.openedAt),
    index('contact_holds_source_idx').on(t.sourceType, t.sourceId),
    check('contact_holds_closed_after_opened', sql`${t.closedAt} IS NULL OR ${t.closedAt} >= ${t.openedAt}`),
  ],
);

export const CONTACT_FLAGS = ['hardship', 'bereavement', 'vulnerable'] as const;
export type ContactFlag = (typeof CONTACT_FLAGS)[number];

/**
 * Care flags (a table, not columns on customers, so each set/clear keeps who, when and why — the
 * same history shape as consents). The engine pauses or softens collections while one is set.
 */
export const customerContactFlags = pgTable(
  'customer_contact_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    flag: text('flag', { enum: CONTACT_FLAGS }).notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
    setBy: text('set_by').notNull(),
    reason: text('reason').notNull(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    clearedBy: text('cleared_by'),
  },
  (t) => [index('customer_contact_flags_customer_idx').on(t.customerId)],
);

export const OPT_OUT_SOURCES = ['sms-reply', 'email-reply', 'staff', 'portal'] as const;

/** "Do not contact me on this channel" — e.g. an SMS reply TD / 退订 / STOP, recorded the moment it arrives. */
export const contactOptOuts = pgTable(
  'contact_opt_outs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    contactPointId: uuid('contact_point_id').references(() => contactPoints.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    source: text('source', { enum: OPT_OUT_SOURCES }).notNull(),
    /** The words the customer used, kept as evidence of the request. */
    text: text('text'),
  },
  (t) => [index('contact_opt_outs_customer_idx').on(t.customerId)],
);

export const DENIAL_SOURCES = ['contact-check', 'contact-log', 'outbox-queue', 'outbox-dispatch'] as const;

/**
 * Every refusal, with what was proposed and why, shown on the customer page: a refusal says why and
 * when it would be allowed. `proposal` holds a summary (channel, purpose, mode, debt, contact point),
 * never the message text's personal data beyond what the template rendered.
 */
export const complianceDenials = pgTable(
  'compliance_denials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    source: text('source', { enum: DENIAL_SOURCES }).notNull(),
    proposal: jsonb('proposal').$type<Record<string, unknown>>().notNull(),
    denials: jsonb('denials').$type<unknown[]>().notNull(),
    earliestAllowedAt: timestamp('earliest_allowed_at', { withTimezone: true }),
    messageId: uuid('message_id'),
  },
  (t) => [index('compliance_denials_customer_idx').on(t.customerId, t.at)],
);

/**
 * A supervisor's override of overridable rules (hours, caps, hardship pause…) for one customer,
 * channel and purpose, valid for a short window. Never lifts consent, opt-out, third-party or
 * wording rules (the engine decides which rules are overridable). Audited as
 * compliance.override.granted in the same transaction.
 */
export const contactOverrides = pgTable(
  'contact_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    debtId: uuid('debt_id').references(() => loans.id),
    contactPointId: uuid('contact_point_id').references(() => contactPoints.id),
    reason: text('reason').notNull(),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    overriddenRules: jsonb('overridden_rules').$type<string[]>().notNull(),
  },
  (t) => [index('contact_overrides_customer_idx').on(t.customerId, t.grantedAt)],
);
