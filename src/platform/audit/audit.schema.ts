import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail: one row per state change or personal-data / evidence access, append-only
 * (a trigger refuses UPDATE, DELETE and TRUNCATE — migration `audit-append-only`) and hash-chained:
 * `hash = SHA-256(prev_hash ‖ canonical JSON of the event fields)`, see audit-hash.ts.
 *
 * `seq` is assigned by recordAudit under an advisory lock, strictly increasing and gap-free, so a
 * missing number is itself evidence of deletion. It is NOT a sequence: sequences leave gaps on
 * rollback, and a gap must only ever mean tampering.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    /** `staff:<uuid>`, `borrower:<uuid>` or `system:<job>` (actorId in auth/actor.ts). */
    actorId: text('actor_id').notNull(),
    actorKind: text('actor_kind', { enum: ['staff', 'borrower', 'system'] }).notNull(),
    actorRole: text('actor_role'),
    /** A name from AUDIT_ACTIONS (audit-actions.ts). */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Changed top-level keys: { key: { from, to } }, computed from before/after. */
    diff: jsonb('diff'),
    reason: text('reason'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.seq),
    index('audit_events_actor_idx').on(t.actorId, t.seq),
    index('audit_events_action_idx').on(t.action, t.seq),
    index('audit_events_occurred_idx').on(t.occurredAt),
  ],
);
