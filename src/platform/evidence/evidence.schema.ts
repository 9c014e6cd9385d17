import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a file proves; the escalation report (001) and fraud case (000) list evidence by these. */
export const EVIDENCE_KINDS = [
  'contract', 'transfer-record', 'bank-statement', 'call-recording', 'photo', 'email', 'message-screenshot',
  'third-party-report', 'financial-statement', 'registration-change', 'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * One received file. The content lives in the content-addressed blob store under `sha256`; this row
 * is the chain-of-custody record and is never deleted — retention removes the blob and stamps
 * `removed_at` (custody events themselves are in audit_events).
 */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Sniffed from the bytes, never taken from the client. */
    contentType: text('content_type').notNull(),
    /** What the file name's extension claimed, kept when it disagreed with the bytes. */
    claimedContentType: text('claimed_content_type'),
    originalFileName: text('original_file_name').notNull(),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    /** Where it came from: "客户提供", "core banking", "call recorder"… */
    source: text('source'),
    capturedAt: timestamp('captured_at', { withTimezone: true }),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    description: text('description'),
    /** After this date the content is deleted by the retention job; null = no end set yet. */
    retentionUntil: date('retention_until', { mode: 'string' }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
  },
  (t) => [
    index('evidence_items_sha256_idx').on(t.sha256),
    index('evidence_items_retention_idx').on(t.retentionUntil).where(sql`${t.removedAt} IS NULL`),
    check('evidence_items_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('evidence_items_size_nonnegative', sql`${t.sizeBytes} >= 0`),
  ],
);

/** Which customer, loan or case an item supports; one item can support several. */
export const evidenceLinks = pgTable(
  'evidence_links',
  {
    evidenceId: uuid('evidence_id').notNull().references(() => evidenceItems.id),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
    linkedBy: text('linked_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.entityType, t.entityId] }),
    index('evidence_links_entity_idx').on(t.entityType, t.entityId),
  ],
);
