import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.ts';
import type { SessionRecord } from './session-store.ts';

const T0 = new Date('2026-11-26T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const session = (id: string, principalId = 'u1', expiresAt = at(12 * 3600)): SessionRecord =>
  ({ id, principalKind: 'staff', principalId, csrfToken: `csrf-${id}`, expiresAt });

/** A database stand-in that counts reads: what the cache saves is exactly these calls. */
function sessionsTable(rows: Record<string, SessionRecord | null>) {
  const reads: string[] = [];
  return { reads, load: (hash: string) => async () => (reads.push(hash), rows[hash] ?? null) };
}

describe('SessionCache', () => {
  it('reuses a live session for SESSION_TOUCH_SECONDS, then reads it again', async () => {
    const db = sessionsTable({ h1: session('s1') });
    const cache = new SessionCache(5000);
    expect(await cache.find('h1', at(0), db.load('h1'))).toMatchObject({ id: 's1' });
    expect(await cache.find('h1', at(4.999), db.load('h1'))).toMatchObject({ id: 's1' });
    expect(db.reads).toHaveLength(1);
    await cache.find('h1', at(5), db.load('h1'));
    expect(db.reads).toHaveLength(2);
  });

  it('never keeps an unknown, expired or revoked token: each request asks the database', async () => {
    const db = sessionsTable({});
    const cache = new SessionCache(5000);
    expect(await cache.find('nope', at(0), db.load('nope'))).toBeNull();
    expect(await cache.find('nope', at(0), db.load('nope'))).toBeNull();
    expect(db.reads).toEqual(['nope', 'nope']);
    expect(cache.size).toBe(0);
  });

  it('does not serve a session past its expiry, even inside the interval', async () => {
    const db = sessionsTable({ h1: session('s1', 'u1', at(2)) });
    const cache = new SessionCache(5000);
    await cache.find('h1', at(0), db.load('h1'));
    await cache.find('h1', at(1.9), db.load('h1'));
    expect(db.reads).toHaveLength(1);
    await cache.find('h1', at(2), db.load('h1'));
    expect(db.reads).toHaveLength(2);
  });

  it('treats an entry as stale when the clock went back', async () => {
    const db = sessionsTable({ h1: session('s1') });
    const cache = new SessionCache(5000);
    await cache.find('h1', at(10), db.load('h1'));
    await cache.find('h1', at(9), db.load('h1'));
    expect(db.reads).toHaveLength(2);
  });

  it('forgets a signed-out session at once and does not take it back from a read that raced the sign-out', async () => {
    const rows: Record<string, SessionRecord | null> = { h1: session('s1') };
    const db = sessionsTable(rows);
    const cache = new SessionCache(5000);
    await cache.find('h1', at(0), db.load('h1'));
    // A read that started before the revocation committed still sees the session…
    let release!: () => void;
    const racing = cache.find('h1', at(6), () => new Promise<SessionRecord>((resolve) => (release = () => resolve(session('s1')))));
    cache.forgetSession('s1', at(6));
    rows.h1 = null; // …the revocation commits…
    release();
    expect(await racing).toMatchObject({ id: 's1' });
    // …but the cache did not keep it: the next request asks the database, which says no.
    expect(await cache.find('h1', at(6.1), db.load('h1'))).toBeNull();
  });

  it('forgets every session of a principal (account disabled, password changed), others stay', async () => {
    const db = sessionsTable({ a: session('sa', 'u1'), b: session('sb', 'u1'), c: session('sc', 'u2') });
    const cache = new SessionCache(5000);
    for (const h of ['a', 'b', 'c']) await cache.find(h, at(0), db.load(h));
    cache.forgetPrincipal({ kind: 'staff', id: 'u1' }, at(1));
    for (const h of ['a', 'b', 'c']) await cache.find(h, at(1), db.load(h));
    expect(db.reads).toEqual(['a', 'b', 'c', 'a', 'b']);
    // For one interval u1's sessions are not cached again; after it they are.
    await cache.find('a', at(2), db.load('a'));
    expect(db.reads).toHaveLength(6);
    await cache.find('a', at(6), db.load('a'));
    await cache.find('a', at(7), db.load('a'));
    expect(db.reads).toHaveLength(7);
  });

  it('reads a session once for concurrent first requests', async () => {
    const db = sessionsTable({ h1: session('s1') });
    const cache = new SessionCache(5000);
    const found = await Promise.all(Array.from({ length: 20 }, () => cache.find('h1', at(0), db.load('h1'))));
    expect(found.every((s) => s?.id === 's1')).toBe(true);
    expect(db.reads).toHaveLength(1);
  });

  it('keeps at most its limit, dropping the least recently read', async () => {
    const db = sessionsTable({ a: session('sa'), b: session('sb', 'u2'), c: session('sc', 'u3') });
    const cache = new SessionCache(5000, 2);
    for (const h of ['a', 'b', 'c']) await cache.find(h, at(0), db.load(h));
    expect(cache.size).toBe(2);
    await cache.find('b', at(1), db.load('b'));
    await cache.find('c', at(1), db.load('c'));
    await cache.find('a', at(1), db.load('a'));
    expect(db.reads).toEqual(['a', 'b', 'c', 'a']);
  });
});
