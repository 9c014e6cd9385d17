import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/openapi-router.ts';
import { conflictProblem, notFoundProblem, standardProblems, jsonResponse } from '../http/problem-responses.ts';
import { recordAudit } from '../audit/index.ts';
import { executorFor } from '../db/drizzle-executor.ts';
import { DomainError, notFound } from '../errors/domain-error.ts';
import { CreateStaffUserRequest, StaffUser, UserIdParam } from './auth.contract.ts';
import { hashPassword } from './password.ts';
import { getActor, getRequestId } from './request-actor.ts';
import { staffRoute } from './secure-route.ts';
import { branches, staffUsers } from './staff.schema.ts';
import { revokeAllSessions } from './session-store.ts';
import { sessionCacheOf } from './session-cache.ts';

const tags = ['Administration 系统管理'];

const present = (u: typeof staffUsers.$inferSelect): z.infer<typeof StaffUser> => ({
  id: u.id, employeeCode: u.employeeCode, displayName: u.displayName, role: u.role, branchId: u.branchId, team: u.team,
  disabled: u.disabled, lockedUntil: u.lockedUntil?.toISOString() ?? null, lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
});

const list = staffRoute('users.manage', {
  method: 'get', path: '/admin/users', tags, summary: 'List staff accounts 员工账户列表',
  responses: { 200: jsonResponse(z.object({ items: z.array(StaffUser) }), 'All staff accounts'), ...standardProblems },
});
const create = staffRoute('users.manage', {
  method: 'post', path: '/admin/users', tags, summary: 'Create a staff account 新建员工账户',
  request: { body: { content: { 'application/json': { schema: CreateStaffUserRequest } }, required: true } },
  responses: { 201: jsonResponse(StaffUser, 'Created'), ...conflictProblem, ...standardProblems },
});
const disable = staffRoute('users.manage', {
  method: 'post', path: '/admin/users/{userId}/disable', tags, summary: 'Disable a staff account (signs it out everywhere) 停用账户',
  request: { params: UserIdParam, body: { content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(2).max(500) }) } }, required: true } },
  responses: { 200: jsonResponse(StaffUser, 'Disabled'), ...notFoundProblem, ...standardProblems },
});

export function usersRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(list, async (c) => c.json({ items: (await db.select().from(staffUsers).orderBy(asc(staffUsers.employeeCode))).map(present) }, 200))
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      if (body.branchId) {
        const known = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, body.branchId));
        if (!known.length) throw new DomainError('validation', { zh: '机构不存在', en: 'Unknown branch' }, [{ field: 'branchId', message: 'Unknown branch / 机构不存在' }]);
      }
      const passwordHash = await hashPassword(body.initialPassword);
      const user = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(staffUsers)
          .values({ employeeCode: body.employeeCode, displayName: body.displayName, role: body.role, branchId: body.branchId, team: body.team ?? null, email: body.email ?? null, passwordHash })
          .onConflictDoNothing({ target: staffUsers.employeeCode })
          .returning();
        if (!row) throw new DomainError('conflict', { zh: '工号已存在', en: 'That employee number is taken' }, [{ field: 'employeeCode', message: 'Already exists / 已存在' }]);
        const { passwordHash: _omit, ...auditable } = row;
        await recordAudit(executorFor(tx), { actor: getActor(c), action: 'user.created', entityType: 'staff-user', entityId: row.id, after: auditable, requestId: getRequestId(c) });
        return row;
      });
      return c.json(present(user), 201);
    })
    .openapi(disable, async (c) => {
      const { userId } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const user = await db.transaction(async (tx) => {
        const [row] = await tx.update(staffUsers).set({ disabled: true }).where(eq(staffUsers.id, userId)).returning();
        if (!row) throw notFound({ zh: '员工账户', en: 'Staff account' });
        const exec = executorFor(tx);
        await revokeAllSessions(exec, sessionCacheOf(deps.database), { kind: 'staff', id: userId }, deps.now());
        await recordAudit(exec, { actor: getActor(c), action: 'user.disabled', entityType: 'staff-user', entityId: userId, before: { disabled: false }, after: { disabled: true }, reason, requestId: getRequestId(c) });
        return row;
      });
      return c.json(present(user), 200);
    });
}
