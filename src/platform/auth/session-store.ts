import crypto from 'node:crypto';
import type { SqlExecutor } from '../db/client.ts';
import type { StaffRole } from './staff.schema.ts';
import type { SessionCache } from './session-cache.ts';

/** Idle sessions end after 30 minutes and any session after 12 hours (a working day plus margin). */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_MAX_HOURS = 12;

/** What the sessions table keeps of a cookie token (never the token itself). */
export const sessionTokenHash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export type SessionRecord = {
  id: string;
  principalKind: 'staff' | 'borrower';
  principalId: string;
  csrfToken: string;
  /** When the session ends whatever its use (SESSION_MAX_HOURS after sign-in). */
  expiresAt?: Date;
  /** A staff session's account, read with the session (one query per request); null when the account is gone. */
  staff?: StaffPrincipalRow | null;
};

export type StaffPrincipalRow = { id: string; role: StaffRole; displayName: string; branchId: string | null; team: string | null; disabled: boolean };

export async function createSession(
  exec: SqlExecutor,
  principal: { kind: 'staff' | 'borrower'; id: string },
  now: Date,
  client: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ token: string; session: SessionRecord }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000);
  const { rows } = await exec.query<{ id: string }>(
    `INSERT INTO sessions (token_hash, principal_kind, principal_id, csrf_token, created_at, last_seen_at, expires_at, ip_address, user_agent)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) RETURNING id`,
    [sessionTokenHash(token), principal.kind, principal.id, csrfToken, now, expires, client.ip ?? null, client.userAgent?.slice(0, 300) ?? null],
  );
  return { token, session: { id: rows[0]!.id, principalKind: principal.kind, principalId: principal.id, csrfToken, expiresAt: expires } };
}

/**
 * last_seen_at is written at most once per this many seconds of a session's use. Every API request
 * reads its session; writing the row on each of them made one signed-in user's concurrent requests
 * queue behind each other's commits (one row, one lock, one WAL flush each). The price: a session
 * idle for SESSION_IDLE_MINUTES may end up to this many seconds early. It is also how long this
 * process reuses a session it read (SessionCache).
 */
export const SESSION_TOUCH_SECONDS = 5;

/**
 * The live session for a cookie token's hash (sessionTokenHash), touching last_seen_at; null when
 * unknown, expired, idle or revoked. A staff session comes with its account (`staff`), so this is
 * one query. Requests go through SessionCache, which calls it at most once per
 * SESSION_TOUCH_SECONDS for a session in use.
 */
export async function findSession(exec: SqlExecutor, tokenHash: string, now: Date): Promise<SessionRecord | null> {
  const { rows } = await exec.query<{ id: string; principal_kind: 'staff' | 'borrower'; principal_id: string; csrf_token: string; expires_at: Date; staff: StaffPrincipalRow | string | null }>(
    `WITH live AS (
       SELECT id, principal_kind, principal_id, csrf_token, expires_at, last_seen_at FROM sessions
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2
          AND last_seen_at > $2::timestamptz - make_interval(mins => $3)
     ), touched AS (
       UPDATE sessions SET last_seen_at = $2 FROM live
        WHERE sessions.id = live.id AND live.last_seen_at <= $2::timestamptz - make_interval(secs => $4)
     )
     SELECT live.id, live.principal_kind, live.principal_id, live.csrf_token, live.expires_at,
            CASE WHEN u.id IS NULL THEN NULL
                 ELSE json_build_object('id', u.id, 'role', u.role, 'displayName', u.display_name, 'branchId', u.branch_id, 'team', u.team, 'disabled', u.disabled)
            END AS staff
       FROM live LEFT JOIN staff_users u ON live.principal_kind = 'staff' AND u.id = live.principal_id`,
    [tokenHash, now, SESSION_IDLE_MINUTES, SESSION_TOUCH_SECONDS],
  );
  const r = rows[0];
  if (!r) return null;
  const staff = typeof r.staff === 'string' ? (JSON.parse(r.staff) as StaffPrincipalRow) : r.staff;
  return {
    id: r.id, principalKind: r.principal_kind, principalId: r.principal_id, csrfToken: r.csrf_token, expiresAt: new Date(r.expires_at),
    ...(r.principal_kind === 'staff' ? { staff } : {}),
  };
}

/** Ends a session (sign-out); `cache` is this process's (sessionCacheOf), which forgets it at once. */
export async function revokeSession(exec: SqlExecutor, cache: SessionCache, sessionId: string, now: Date) {
  cache.forgetSession(sessionId, now);
  await exec.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, now]);
}

/** Ends a principal's sessions but `exceptId` (account disabled, password changed); `cache` as revokeSession. */
export async function revokeAllSessions(exec: SqlExecutor, cache: SessionCache, principal: { kind: 'staff' | 'borrower'; id: string }, now: Date, exceptId?: string) {
  cache.forgetPrincipal(principal, now);
  await exec.query(
    `UPDATE sessions SET revoked_at = $3 WHERE principal_kind = $1 AND principal_id = $2 AND revoked_at IS NULL AND id IS DISTINCT FROM $4`,
    [principal.kind, principal.id, now, exceptId ?? null],
  );
}
