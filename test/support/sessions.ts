import type { Database } from '../../src/platform/db/client.ts';
import type { StaffRole } from '../../src/platform/auth/staff.schema.ts';
import { staffUsers } from '../../src/platform/auth/staff.schema.ts';
import { portalUsers } from '../../src/modules/portal/portal-users.schema.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';
import type { buildTestApp } from './test-app.ts';

export const TEST_PASSWORD = 'Passw0rd-LoanDesk';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));
let n = 0;

type Api = ReturnType<typeof buildTestApp>;

/** A signed-in client: sends the session cookie, and the CSRF header on state-changing requests. */
export type SignedInClient = {
  userId: string;
  cookie: string;
  csrfToken: string;
  request: (path: string, init?: RequestInit & { json?: unknown }) => ReturnType<Api['request']>;
};

function clientFor(api: Api, cookie: string, csrfToken: string, userId: string): SignedInClient {
  return {
    userId,
    cookie,
    csrfToken,
    request: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      const method = (init.method ?? (init.json !== undefined ? 'POST' : 'GET')).toUpperCase();
      if (method !== 'GET' && !headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken);
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      return api.request(path, { ...init, method, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
    },
  };
}

export async function createStaffUser(
  database: Database,
  attrs: { role: StaffRole; branchId?: string | null; team?: string | null; employeeCode?: string; disabled?: boolean },
) {
  const [row] = await database.db
    .insert(staffUsers)
    .values({
      employeeCode: attrs.employeeCode ?? `T${++n}${attrs.role.slice(0, 3)}`,
      displayName: `${attrs.role} ${n}`,
      role: attrs.role,
      branchId: attrs.branchId === undefined ? 'BJ001' : attrs.branchId,
      team: attrs.team ?? null,
      passwordHash: await passwordHash(),
      disabled: attrs.disabled ?? false,
    })
    .returning();
  return row!;
}

export async function signIn(api: Api, employeeCode: string, password = TEST_PASSWORD): Promise<SignedInClient> {
  const res = await api.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ employeeCode, password }),
  });
  if (res.status !== 200) throw new Error(`login failed for ${employeeCode}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const body = await res.json();
  return clientFor(api, cookie, body.csrfToken, body.user.id);
}

export async function signInAs(api: Api, database: Database, attrs: Parameters<typeof createStaffUser>[1]) {
  const user = await createStaffUser(database, attrs);
  return signIn(api, user.employeeCode);
}

export async function signInBorrower(api: Api, database: Database, customerId: string, login: string): Promise<SignedInClient> {
  await database.db.insert(portalUsers).values({ customerId, login, passwordHash: await passwordHash() }).onConflictDoNothing();
  const res = await api.app.request('/api/portal/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`portal login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const body = await res.json();
  return clientFor(api, cookie, body.csrfToken, body.customerId);
}
