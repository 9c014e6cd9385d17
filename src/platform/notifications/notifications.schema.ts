import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from '../auth/staff.schema.ts';

export const STAFF_EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'not-configured'] as const;

/**
 * A notice to one staff member (a routed complaint, a deadline warning, an escalation). Written in
 * the transaction of the change that caused it; `dedupe_key` makes a re-run (a watcher job, a
 * retried request) notify once. E-mail is a copy: `email_status` is null when the staff member has
 * no address, 'pending' until the mail sender has tried after the commit.
 */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id').notNull().references(() => staffUsers.id),
    kind: text('kind').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh'),
    bodyEn: text('body_en'),
    /** A console path, e.g. /complaints/<id>. */
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailStatus: text('email_status', { enum: STAFF_EMAIL_STATUSES }),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    emailError: text('email_error'),
  },
  (t) => [
    uniqueIndex('staff_notifications_dedupe_key').on(t.recipientId, t.dedupeKey),
    index('staff_notifications_recipient_idx').on(t.recipientId, t.readAt, t.createdAt),
  ],
);
