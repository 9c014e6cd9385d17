import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/app-deps.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { executorFor } from '../../platform/db/drizzle-executor.ts';
import { DomainError } from '../../platform/errors/domain-error.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { afterFailedLogin, isLocked } from '../../platform/auth/login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/password.ts';
import { createSession } from '../../platform/auth/session-store.ts';
import { lockedOut } from '../../platform/auth/staff-login.ts';
import { normalisePhone } from '../customers/rules/phone.ts';
import { customers } from '../customers/customers.schema.ts';
import { portalUsers } from './portal-users.schema.ts';

const invalid = () => new DomainError('unauthenticated', { zh: '账号或密码错误', en: 'Wrong login or password' });

/** Borrowers sign in with their customer number or registered mobile; same lockout rules as staff. */
export async function portalLogin(deps: AppDeps, input: { login: string; password: string; ip?: string | null; userAgent?: string | null; requestId?: string }) {
  const { db } = deps.database;
  const now = deps.now();
  const phone = normalisePhone(input.login, 'CN');
  const login = phone.ok ? phone.e164 : input.login.trim();
  const [row] = await db
    .select({ user: portalUsers, name: customers.name })
    .from(portalUsers)
    .innerJoin(customers, eq(customers.id, portalUsers.customerId))
    .where(eq(portalUsers.login, login));
  if (!row || row.user.disabled) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw invalid();
  }
  const user = row.user;
  if (isLocked(user, now)) throw lockedOut(user.lockedUntil!);
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const next = afterFailedLogin(user, now);
    await db.transaction(async (tx) => {
      await tx.update(portalUsers).set(next).where(eq(portalUsers.id, user.id));
      await recordAudit(executorFor(tx), {
        actor: systemActor('portal-auth'), action: next.lockedUntil ? 'user.locked' : 'user.login.failed', entityType: 'portal-user', entityId: user.id,
        after: { failedLoginAttempts: next.failedLoginAttempts, lockedUntil: next.lockedUntil?.toISOString() ?? null }, requestId: input.requestId ?? null,
      });
    });
    if (next.lockedUntil) throw lockedOut(next.lockedUntil);
    throw invalid();
  }
  return db.transaction(async (tx) => {
    await tx.update(portalUsers).set({ failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(portalUsers.id, user.id));
    const exec = executorFor(tx);
    const { token, session } = await createSession(exec, { kind: 'borrower', id: user.id }, now, { ip: input.ip, userAgent: input.userAgent });
    await recordAudit(exec, {
      actor: { kind: 'borrower', portalUserId: user.id, customerId: user.customerId, displayName: row.name },
      action: 'user.login.succeeded', entityType: 'portal-user', entityId: user.id, requestId: input.requestId ?? null,
    });
    return { token, session, customerId: user.customerId, displayName: row.name };
  });
}
