import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/index.ts';
import { executorFor } from '../db/drizzle-executor.ts';
import { DomainError } from '../errors/domain-error.ts';
import { systemActor, type Actor } from './actor.ts';
import { afterFailedLogin, isLocked } from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession } from './session-store.ts';
import { staffUsers } from './staff.schema.ts';

const invalidCredentials = () =>
  new DomainError('unauthenticated', { zh: '工号或密码错误', en: 'Wrong employee number or password' });

export const lockedOut = (until: Date) =>
  new DomainError('rate_limited', {
    zh: `登录失败次数过多，账户已临时锁定至 ${until.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    en: `Too many failed attempts; the account is locked until ${until.toISOString()}`,
  });

/**
 * Staff login. The same message for an unknown user and a wrong password (no account enumeration);
 * a dummy hash is verified for unknown users so timing does not tell either. Success, failure and
 * lockout are each audited.
 */
export async function staffLogin(
  deps: AppDeps,
  input: { employeeCode: string; password: string; ip?: string | null; userAgent?: string | null; requestId?: string },
) {
  const now = deps.now();
  const { db } = deps.database;
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.employeeCode, input.employeeCode));
  if (!user || !user.passwordHash || user.disabled) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw invalidCredentials();
  }
  if (isLocked(user, now)) throw lockedOut(user.lockedUntil!);
  const ok = await verifyPassword(user.passwordHash, input.password);
  const actor: Actor = { kind: 'staff', userId: user.id, role: user.role, displayName: user.displayName, branchId: user.branchId, team: user.team };
  if (!ok) {
    const next = afterFailedLogin(user, now);
    await db.transaction(async (tx) => {
      await tx.update(staffUsers).set(next).where(eq(staffUsers.id, user.id));
      await recordAudit(executorFor(tx), {
        actor: systemActor('auth'),
        action: next.lockedUntil ? 'user.locked' : 'user.login.failed',
        entityType: 'staff-user',
        entityId: user.id,
        after: { failedLoginAttempts: next.failedLoginAttempts, lockedUntil: next.lockedUntil?.toISOString() ?? null, ip: input.ip ?? null },
        requestId: input.requestId ?? null,
      });
    });
    if (next.lockedUntil) throw lockedOut(next.lockedUntil);
    throw invalidCredentials();
  }
  return db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(staffUsers.id, user.id));
    const exec = executorFor(tx);
    const { token, session } = await createSession(exec, { kind: 'staff', id: user.id }, now, { ip: input.ip, userAgent: input.userAgent });
    await recordAudit(exec, {
      actor,
      action: 'user.login.succeeded',
      entityType: 'staff-user',
      entityId: user.id,
      after: { sessionId: session.id, ip: input.ip ?? null },
      requestId: input.requestId ?? null,
    });
    return { token, session, user };
  });
}
