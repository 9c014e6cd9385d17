import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers, CONSENT_PURPOSES, CONTACT_RELATIONSHIPS, LANGUAGES } from '../../customers/customers.schema.ts';

export const MESSAGE_CHANNELS = ['sms', 'email', 'portal', 'letter'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'blocked'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * The transactional outbox: a message is written here in the same transaction as the business
 * change that caused it, then sent by the dispatcher. `id` doubles as the provider idempotency key
 * (SMTP Message-ID, SMS client reference, portal message key), so a re-send after a crash can be
 * recognised as the same message downstream. See outbox/README.md for the delivery guarantees.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The caller's key: the same key never creates a second message. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    // customer_id, contact_point_id, debt_id and template_version_id must name existing rows. Kept
    // by triggers, not foreign keys (migration 0020): a foreign key runs a query per message and
    // locks the parent row, which after each checkpoint wrote a full page image of a customers,
    // contact_points and loans page per queued reminder (the daily run queues thousands at once).
    // The INSERT trigger checks each statement's new messages in one query; the four parent tables
    // refuse a delete, or a change of id, while a message names the row.
    customerId: uuid('customer_id').notNull(),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    contactPointId: uuid('contact_point_id'),
    /** Snapshot of the address at queue time (E.164, e-mail, postal address; the customer id for the portal). */
    recipient: text('recipient').notNull(),
    relationship: text('relationship', { enum: CONTACT_RELATIONSHIPS }).notNull().default('self'),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    debtId: uuid('debt_id'),
    templateVersionId: uuid('template_version_id'),
    language: text('language', { enum: LANGUAGES }).notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    /** Not sent before this instant: contact hours, retry backoff, rate limiting. */
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    /** Send attempts handed to a provider (a compliance re-check that defers is not an attempt). */
    attempts: integer('attempts').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    createdBy: text('created_by').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('outbox_messages_due_idx').on(t.notBefore).where(sql`${t.status} = 'queued'`),
    index('outbox_messages_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
    index('outbox_messages_customer_idx').on(t.customerId, t.createdAt),
    index('outbox_messages_provider_idx').on(t.providerMessageId),
  ],
);

/** The borrower portal's inbox: the portal "provider" writes here; one row per outbox message. */
export const portalMessages = pgTable(
  'portal_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    outboxMessageId: uuid('outbox_message_id').notNull().unique().references(() => outboxMessages.id),
    subject: text('subject'),
    body: text('body').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('portal_messages_customer_idx').on(t.customerId, t.createdAt)],
);
