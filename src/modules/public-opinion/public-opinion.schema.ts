import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from '../../platform/auth/staff.schema.ts';
import { customers } from '../customers/customers.schema.ts';
import { loans } from '../loans/loans.schema.ts';
import { complaints } from '../complaints/complaints.schema.ts';

export const MENTION_SOURCES = ['weibo', 'wechat', 'news', 'forum', 'heimao', 'app-store', 'other'] as const;
export type MentionSource = (typeof MENTION_SOURCES)[number];
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export const MENTION_STATUSES = ['new', 'reviewed', 'complaint-opened', 'dismissed'] as const;
export type MentionStatus = (typeof MENTION_STATUSES)[number];

/**
 * One public mention (舆情) of the lender: a Weibo post, a 黑猫投诉 complaint, a news item… Imported
 * idempotently on (source, external_id); scored by the lexicon scorer and matched to a customer,
 * loan or complaint reference when the text names one.
 */
export const publicOpinionMentions = pgTable(
  'public_opinion_mentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source', { enum: MENTION_SOURCES }).notNull(),
    externalId: text('external_id').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    text: text('text').notNull(),
    link: text('link'),
    author: text('author'),
    sentimentScore: doublePrecision('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label', { enum: SENTIMENT_LABELS }).notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    loanId: uuid('loan_id').references(() => loans.id),
    /** Why it matched: "name:张伟", "loan:LN00000001", "complaint:TS-2026-000001" (comma-separated). */
    matchReason: text('match_reason'),
    status: text('status', { enum: MENTION_STATUSES }).notNull().default('new'),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    reviewedBy: uuid('reviewed_by').references(() => staffUsers.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('public_opinion_mentions_source_external_key').on(t.source, t.externalId),
    index('public_opinion_mentions_published_idx').on(t.publishedAt),
    index('public_opinion_mentions_customer_idx').on(t.customerId),
    check('public_opinion_mentions_score_range', sql`${t.sentimentScore} >= -1 AND ${t.sentimentScore} <= 1`),
  ],
);

/** A spike of negative mentions: the last window's count against the trailing baseline. */
export const publicOpinionAlerts = pgTable(
  'public_opinion_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    negativeCount: integer('negative_count').notNull(),
    /** Mean negative mentions per window over the trailing hours. */
    baseline: doublePrecision('baseline').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => staffUsers.id),
  },
  (t) => [index('public_opinion_alerts_created_idx').on(t.createdAt)],
);
