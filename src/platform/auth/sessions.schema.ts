import { pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';

/**
 * Server-side sessions. Only a SHA-256 of the cookie token is stored, so a database read does not
 * yield usable sessions. The CSRF token is per session and sent back in the x-csrf-token header.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    principalKind: text('principal_kind', { enum: ['staff', 'borrower'] }).notNull(),
    principalId: uuid('principal_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_principal_idx').on(t.principalKind, t.principalId)],
);
