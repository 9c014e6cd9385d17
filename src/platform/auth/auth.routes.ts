import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/openapi-router.ts';
import { authProblems, rateLimitedProblem, standardProblems, jsonResponse } from '../http/problem-responses.ts';
import { recordAudit } from '../audit/index.ts';
import { executorFor } from '../db/drizzle-executor.ts';
import { DomainError } from '../errors/domain-error.ts';
import { cookieOptions, requireSignedIn, STAFF_COOKIE } from './auth-middleware.ts';
import { PasswordChangeRequest, SessionInfo, StaffLoginRequest } from './auth.contract.ts';
import { AddressRateLimiter } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';
import { getStaffActor, getRequestId } from './request-actor.ts';
import { revokeAllSessions, revokeSession, SESSION_MAX_HOURS } from './session-store.ts';
import { sessionCacheOf } from './session-cache.ts';
import { staffLogin } from './staff-login.ts';
import { staffUsers } from './staff.schema.ts';

const tags = ['Authentication 登录'];

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

export function throttleByAddress(limiter: AddressRateLimiter, c: Context) {
  if (!limiter.allow(clientAddress(c), Date.now())) {
    throw new DomainError('rate_limited', { zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts from this address; try again later' });
  }
}

const login = createRoute({
  method: 'post', path: '/auth/login', tags, summary: 'Staff sign-in 员工登录',
  request: { body: { content: { 'application/json': { schema: StaffLoginRequest } }, required: true } },
  responses: { 200: jsonResponse(SessionInfo, 'Signed in; the session cookie is set'), ...authProblems, ...rateLimitedProblem, ...standardProblems },
});
const me = createRoute({
  method: 'get', path: '/auth/me', tags, summary: 'The signed-in staff member 当前用户', middleware: [requireSignedIn],
  responses: { 200: jsonResponse(SessionInfo, 'Current session'), ...authProblems },
});
const logout = createRoute({
  method: 'post', path: '/auth/logout', tags, summary: 'Sign out 退出登录', middleware: [requireSignedIn],
  responses: { 204: { description: 'Signed out' }, ...authProblems },
});
const changePassword = createRoute({
  method: 'post', path: '/auth/password', tags, summary: 'Change own password 修改密码', middleware: [requireSignedIn],
  request: { body: { content: { 'application/json': { schema: PasswordChangeRequest } }, required: true } },
  responses: { 204: { description: 'Changed; other sessions are signed out' }, ...authProblems, ...standardProblems },
});

const sessionBody = (user: typeof staffUsers.$inferSelect, csrfToken: string) => ({
  user: {
    id: user.id, employeeCode: user.employeeCode, displayName: user.displayName, role: user.role, branchId: user.branchId, team: user.team,
    permissions: [...ROLE_PERMISSIONS[user.role]],
  },
  csrfToken,
});

export function authRoutes(deps: AppDeps) {
  const limiter = new AddressRateLimiter();
  return createRouter()
    .openapi(login, async (c) => {
      throttleByAddress(limiter, c);
      const body = c.req.valid('json');
      const { token, session, user } = await staffLogin(deps, {
        ...body, ip: clientAddress(c), userAgent: c.req.header('user-agent'), requestId: getRequestId(c),
      });
      setCookie(c, STAFF_COOKIE, token, cookieOptions(c, SESSION_MAX_HOURS * 3600));
      return c.json(sessionBody(user, session.csrfToken), 200);
    })
    .openapi(me, async (c) => {
      const actor = getStaffActor(c);
      const [user] = await deps.database.db.select().from(staffUsers).where(eq(staffUsers.id, actor.userId));
      return c.json(sessionBody(user!, c.get('session')!.csrfToken), 200);
    })
    .openapi(logout, async (c) => {
      const actor = getStaffActor(c);
      await deps.database.db.transaction(async (tx) => {
        const exec = executorFor(tx);
        await revokeSession(exec, sessionCacheOf(deps.database), c.get('session')!.id, deps.now());
        await recordAudit(exec, { actor, action: 'user.logout', entityType: 'staff-user', entityId: actor.userId, requestId: getRequestId(c) });
      });
      deleteCookie(c, STAFF_COOKIE, cookieOptions(c));
      return c.body(null, 204);
    })
    .openapi(changePassword, async (c) => {
      const actor = getStaffActor(c);
      const body = c.req.valid('json');
      const { db } = deps.database;
      const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, actor.userId));
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw new DomainError('validation', { zh: '当前密码不正确', en: 'The current password is wrong' }, [
          { field: 'currentPassword', message: 'Wrong password / 密码错误' },
        ]);
      }
      const newHash = await hashPassword(body.newPassword);
      const now = deps.now();
      await db.transaction(async (tx) => {
        await tx.update(staffUsers).set({ passwordHash: newHash, passwordChangedAt: now }).where(eq(staffUsers.id, actor.userId));
        const exec = executorFor(tx);
        await revokeAllSessions(exec, sessionCacheOf(deps.database), { kind: 'staff', id: actor.userId }, now, c.get('session')!.id);
        await recordAudit(exec, { actor, action: 'user.password.changed', entityType: 'staff-user', entityId: actor.userId, requestId: getRequestId(c) });
      });
      return c.body(null, 204);
    });
}
