import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.ts';
import type { Database } from '../db/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Actor } from './actor.ts';
import { roleHas, type Permission } from './permissions.ts';
import { findSession, sessionTokenHash, type StaffPrincipalRow } from './session-store.ts';
import { sessionCacheOf } from './session-cache.ts';

export const STAFF_COOKIE = 'ld_session';
export const PORTAL_COOKIE = 'ld_portal';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Turns a session's principal into an Actor; null when the account is gone or disabled. */
export type PrincipalResolvers = {
  /** `row`: the account as read with the session (findSession), so it need not be read again; null = gone. */
  staff: (id: string, row?: StaffPrincipalRow | null) => Promise<Extract<Actor, { kind: 'staff' }> | null>;
  borrower: (id: string) => Promise<Extract<Actor, { kind: 'borrower' }> | null>;
};

const isPortalPath = (path: string) => path.startsWith('/api/portal/');

/**
 * Loads the session for the request (staff cookie on the console API, portal cookie under
 * /api/portal), sets `actor`, and enforces CSRF: every state-changing request with a session must
 * echo the session's token in x-csrf-token (a cross-site form cannot read it). Requests without a
 * session (login) must come from our own origin when the browser says where they come from.
 */
export function sessionMiddleware(database: Database, resolvers: PrincipalResolvers, now: () => Date): MiddlewareHandler<AppEnv> {
  const sessions = sessionCacheOf(database);
  return async (c, next) => {
    const portal = isPortalPath(c.req.path);
    const token = getCookie(c, portal ? PORTAL_COOKIE : STAFF_COOKIE);
    if (token) {
      const tokenHash = sessionTokenHash(token);
      const at = now();
      const session = await sessions.find(tokenHash, at, () => findSession(database.sql, tokenHash, at));
      const expected = portal ? 'borrower' : 'staff';
      if (session && session.principalKind === expected) {
        const actor = portal ? await resolvers.borrower(session.principalId) : await resolvers.staff(session.principalId, session.staff);
        if (actor) {
          c.set('actor', actor);
          c.set('session', { id: session.id, csrfToken: session.csrfToken, kind: expected });
        }
      }
    }
    if (UNSAFE.has(c.req.method)) {
      const session = c.get('session');
      // Signing in again over a stale session must work even when the page lost that session's
      // token; login CSRF is stopped by the origin check instead.
      const isLogin = c.req.path === '/api/auth/login' || c.req.path === '/api/portal/auth/login';
      // Token links (the satisfaction survey sent by SMS) act on the token, never on the session.
      const isTokenLink = c.req.path.startsWith('/api/surveys/');
      if (session && !isLogin && !isTokenLink) {
        if (c.req.header('x-csrf-token') !== session.csrfToken) throw csrfRefused();
      } else {
        const origin = c.req.header('origin');
        if (origin && new URL(origin).host !== new URL(c.req.url).host) throw csrfRefused();
      }
    }
    await next();
  };
}

const csrfRefused = () =>
  new DomainError('forbidden', { zh: '请求缺少有效的 CSRF 令牌，请刷新页面后重试', en: 'Missing or invalid CSRF token; reload the page and retry' });

export const unauthenticated = () =>
  new DomainError('unauthenticated', { zh: '请先登录', en: 'Please sign in' });

const forbidden = () => new DomainError('forbidden', { zh: '您的角色无权执行此操作', en: 'Your role is not permitted to do this' });

export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor || actor.kind === 'borrower' && !isPortalPath(c.req.path)) throw unauthenticated();
    if (actor.kind !== 'staff' || !roleHas(actor.role, permission)) throw forbidden();
    await next();
  };
}

export const requireBorrower: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  if (!actor) throw unauthenticated();
  if (actor.kind !== 'borrower') throw forbidden();
  await next();
};

export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('actor')) throw unauthenticated();
  await next();
};

/** Cookies are Secure everywhere but plain-HTTP localhost, where browsers would drop them. */
export function cookieOptions(c: Context, maxAgeSeconds?: number) {
  const host = new URL(c.req.url).hostname;
  const local = host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
  return { httpOnly: true, sameSite: 'Strict' as const, secure: !local, path: '/', ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}
