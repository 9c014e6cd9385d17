import { describe, it, expect, beforeAll } from 'vitest';
import { openTestDatabase } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';
import { buildBranch, buildIndividual } from '../support/factories.ts';
import { signInAs, signInBorrower, type SignedInClient } from '../support/sessions.ts';
import { STAFF_ROLES, type StaffRole } from '../../src/platform/auth/staff.schema.ts';
import { roleHas, type Permission } from '../../src/platform/auth/permissions.ts';
import type { Database } from '../../src/platform/db/client.ts';

/**
 * Generated from the permission table and the OpenAPI document: every protected route (each
 * declares `x-permission`), every role. A denied role gets 403 before any input is even read; an
 * allowed role never does. Nobody signed in gets 401 everywhere, and a borrower's portal session
 * opens no staff route.
 */
let database: Database;
let api: ReturnType<typeof buildTestApp>;
let customerId: string;
const clients = new Map<StaffRole, SignedInClient>();
let borrower: SignedInClient;
type Operation = { method: string; path: string; permission: string };
let operations: Operation[] = [];

beforeAll(async () => {
  ({ database } = await openTestDatabase('pglite'));
  await buildBranch(database);
  customerId = (await buildIndividual(database, { name: '赵敏' })).id;
  api = buildTestApp(database);
  for (const role of STAFF_ROLES) clients.set(role, await signInAs(api, database, { role }));
  borrower = await signInBorrower(api, database, customerId, 'CUST-MATRIX');
  const doc = (await api.request('/api/openapi.json')).body;
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      if (op['x-permission']) operations.push({ method: method.toUpperCase(), path, permission: op['x-permission'] });
    }
  }
}, 120_000);

const concrete = (path: string) =>
  `/api${path.replace('{customerId}', customerId).replace(/\{[a-zA-Z]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
const send = (client: SignedInClient | undefined, op: Operation) => {
  const init = { method: op.method, ...(op.method === 'GET' ? {} : { json: {} }) };
  return client ? client.request(concrete(op.path), init) : api.request(concrete(op.path), { method: op.method });
};

describe('role × route matrix', () => {
  it('finds the protected routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
    expect(operations.map((o) => o.path)).toEqual(expect.arrayContaining(['/customers', '/customers/{customerId}/loans', '/admin/users']));
  });

  it('every staff route answers each role exactly as the permission table says', async () => {
    const mismatches: string[] = [];
    for (const op of operations.filter((o) => o.permission !== 'borrower')) {
      for (const role of STAFF_ROLES) {
        const res = await send(clients.get(role), op);
        const allowed = roleHas(role, op.permission as Permission);
        const denied = res.status === 403 || res.status === 401;
        if (allowed === denied) mismatches.push(`${role} ${op.method} ${op.path}: ${res.status} (table says ${allowed ? 'allow' : 'deny'})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('without a session every protected route answers 401', async () => {
    for (const op of operations) {
      const res = await api.request(concrete(op.path), { method: op.method, headers: { 'content-type': 'application/json' }, body: op.method === 'GET' ? undefined : '{}' });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it("a borrower's portal session opens no staff route, and staff sessions open no portal route", async () => {
    for (const op of operations) {
      const res = await send(op.permission === 'borrower' ? clients.get('supervisor') : borrower, op);
      expect([401, 403], `${op.method} ${op.path}`).toContain(res.status);
    }
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const supervisor = clients.get('supervisor')!;
    const res = await api.request(`/api/customers/${customerId}/consents`, {
      method: 'POST',
      headers: { cookie: supervisor.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: 'marketing', channel: 'sms', action: 'grant' }),
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/CSRF/);
    const ok = await supervisor.request(`/api/customers/${customerId}/consents`, { json: { purpose: 'marketing', channel: 'sms', action: 'grant' } });
    expect(ok.status).toBe(201);
  });
});
