import type { Database } from '../db/client.ts';
import { SESSION_TOUCH_SECONDS, type SessionRecord } from './session-store.ts';

/** Most sessions remembered per process; past it the least recently read is dropped. */
export const SESSION_CACHE_LIMIT = 10_000;

type Entry = { session: SessionRecord; readAt: number };

/**
 * The live sessions this process read in the last SESSION_TOUCH_SECONDS, by token hash.
 *
 * Why: every API request needs its session and its staff account. Read from the database each
 * time, that was one round trip of three per complaint intake and about a quarter of the CPU an
 * intake cost on both sides (npm run bench:complaints; complaints README, session 9). A session
 * read here is reused until it is SESSION_TOUCH_SECONDS old, the same interval at which
 * last_seen_at was already written, so idle expiry is as before.
 *
 * Revocation. In this process it is immediate: revokeSession and revokeAllSessions forget the
 * session or the principal's sessions (the caller's transaction may commit later, so the id is
 * also refused for one interval, and a read that raced the revocation cannot put it back). Another
 * process serving the same database notices within SESSION_TOUCH_SECONDS: the bound on how long a
 * signed-out, disabled or password-changed session can still be used there.
 *
 * Only live sessions are kept: an unknown, expired or revoked token always goes to the database.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Session ids and principals (`staff:<id>`) revoked recently, until when (ms). */
  private readonly refused = new Map<string, number>();
  /** Lookups in flight, so concurrent first requests of one session read it once. */
  private readonly inFlight = new Map<string, Promise<SessionRecord | null>>();

  constructor(private readonly ttlMs = SESSION_TOUCH_SECONDS * 1000, private readonly limit = SESSION_CACHE_LIMIT) {}

  /** The session for `tokenHash` at `now`: from this cache while fresh, else from `load` (remembered if live). */
  async find(tokenHash: string, now: Date, load: () => Promise<SessionRecord | null>): Promise<SessionRecord | null> {
    const at = now.getTime();
    const entry = this.entries.get(tokenHash);
    if (entry && this.fresh(entry, at)) return entry.session;
    if (entry) this.entries.delete(tokenHash);
    const pending = this.inFlight.get(tokenHash);
    if (pending) return pending;
    const lookup = load().finally(() => this.inFlight.delete(tokenHash));
    this.inFlight.set(tokenHash, lookup);
    const session = await lookup;
    if (session && !this.isRefused(session, at)) {
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(tokenHash, { session, readAt: at });
    }
    return session;
  }

  /** Forgets one session (sign-out); it is not cached again for one interval. */
  forgetSession(sessionId: string, now: Date): void {
    this.refuse(sessionId, now);
    for (const [key, { session }] of this.entries) if (session.id === sessionId) this.entries.delete(key);
  }

  /**
   * Forgets a principal's sessions (account disabled, password changed). For one interval they are
   * all read from the database, the one a password change keeps included: not caching only means
   * asking the database, which is always right.
   */
  forgetPrincipal(principal: { kind: 'staff' | 'borrower'; id: string }, now: Date): void {
    this.refuse(`${principal.kind}:${principal.id}`, now);
    for (const [key, { session }] of this.entries) {
      if (session.principalKind === principal.kind && session.principalId === principal.id) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private fresh(entry: Entry, at: number): boolean {
    const age = at - entry.readAt;
    // A clock that went back (a test's, or NTP) makes the entry stale rather than young.
    return age >= 0 && age < this.ttlMs && (entry.session.expiresAt === undefined || at < entry.session.expiresAt.getTime()) && !this.isRefused(entry.session, at);
  }

  private refuse(key: string, now: Date): void {
    for (const [k, until] of this.refused) if (until <= now.getTime()) this.refused.delete(k);
    this.refused.set(key, now.getTime() + this.ttlMs);
  }

  private isRefused(session: SessionRecord, at: number): boolean {
    if (this.refused.size === 0) return false;
    return (this.refused.get(session.id) ?? 0) > at || (this.refused.get(`${session.principalKind}:${session.principalId}`) ?? 0) > at;
  }
}

const caches = new WeakMap<object, SessionCache>();

/** The session cache of a database (one per app instance: tests open many). */
export function sessionCacheOf(database: Database): SessionCache {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new SessionCache()));
  return cache;
}
