import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';
import { buildBranch } from '../support/factories.ts';
import { createStaffUser, signIn, TEST_PASSWORD } from '../support/sessions.ts';
import { MAX_FAILURES } from '../../src/platform/auth/login-throttle.ts';
import { SESSION_TOUCH_SECONDS } from '../../src/platform/auth/session-store.ts';

describeEachDatabase('staff sign-in, lockout, password change, disabling', (getDb) => {
  let api: ReturnType<typeof buildTestApp>;
  const login = (employeeCode: string, password: string) =>
    api.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ employeeCode, password }) });

  beforeAll(async () => {
    await buildBranch(getDb());
    api = buildTestApp(getDb());
    await createStaffUser(getDb(), { role: 'collector', employeeCode: 'LOCKME' });
    await createStaffUser(getDb(), { role: 'collector', employeeCode: 'CHANGER' });
    await createStaffUser(getDb(), { role: 'administrator', employeeCode: 'ADMIN1', branchId: null });
  });

  it('sets an HttpOnly, SameSite=Strict session cookie (not Secure on localhost)', async () => {
    const res = await api.app.request('http://localhost/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ employeeCode: 'CHANGER', password: TEST_PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/ld_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const remote = await api.app.request('https://loandesk.bank.example/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ employeeCode: 'CHANGER', password: TEST_PASSWORD }),
    });
    expect(remote.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const unknown = await login('NOBODY', 'whatever');
    const wrong = await login('CHANGER', 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it(`locks the account after ${MAX_FAILURES} failures, even against the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await login('LOCKME', 'bad')).status).toBe(401);
    const locking = await login('LOCKME', 'bad');
    expect(locking.status).toBe(429);
    expect(locking.body.detailZh).toMatch(/锁定/);
    expect((await login('LOCKME', TEST_PASSWORD)).status).toBe(429);
    const { rows } = await getDb().sql.query<{ action: string }>(`SELECT action FROM audit_events WHERE action LIKE 'user.%' ORDER BY seq`);
    expect(rows.map((r) => r.action)).toContain('user.locked');
  });

  it('changing the password signs out other sessions and enforces the policy', async () => {
    const first = await signIn(api, 'CHANGER');
    const second = await signIn(api, 'CHANGER');
    const weak = await first.request('/api/auth/password', { json: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(weak.status).toBe(422);
    const ok = await first.request('/api/auth/password', { json: { currentPassword: TEST_PASSWORD, newPassword: 'N3w-passphrase-2026' } });
    expect(ok.status).toBe(204);
    expect((await first.request('/api/auth/me')).status).toBe(200);
    expect((await second.request('/api/auth/me')).status).toBe(401);
    expect((await login('CHANGER', 'N3w-passphrase-2026')).status).toBe(200);
  });

  it('an administrator creates a user, who can sign in, then disables them and their session ends', async () => {
    const admin = await signIn(api, 'ADMIN1');
    const created = await admin.request('/api/admin/users', {
      json: { employeeCode: 'NEW01', displayName: '新催收员', role: 'collector', branchId: 'BJ001', initialPassword: 'Initial-pass-01' },
    });
    expect(created.status).toBe(201);
    const dup = await admin.request('/api/admin/users', {
      json: { employeeCode: 'NEW01', displayName: 'x', role: 'collector', branchId: 'BJ001', initialPassword: 'Initial-pass-01' },
    });
    expect(dup.status).toBe(409);
    const newbie = await signIn(api, 'NEW01', 'Initial-pass-01');
    expect((await newbie.request('/api/auth/me')).body.user.role).toBe('collector');
    const disabled = await admin.request(`/api/admin/users/${created.body.id}/disable`, { json: { reason: '离职' } });
    expect(disabled.status).toBe(200);
    expect((await newbie.request('/api/auth/me')).status).toBe(401);
    expect((await login('NEW01', 'Initial-pass-01')).status).toBe(401);
  });

  it('signing out ends the session and is audited', async () => {
    const admin = await signIn(api, 'ADMIN1');
    expect((await admin.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await admin.request('/api/auth/me')).status).toBe(401);
    const { rows } = await getDb().sql.query<{ actor_id: string }>(`SELECT actor_id FROM audit_events WHERE action = 'user.logout'`);
    expect(rows.map((r) => r.actor_id)).toContain(`staff:${admin.userId}`);
  });

  it('a session signed out on one server stops working on another within SESSION_TOUCH_SECONDS', async () => {
    // Another process on the same database: its own session cache (SessionCache), a clock we move.
    const elsewhere = { ...getDb() };
    const T = api.deps.now();
    const otherAt = (seconds: number) => buildTestApp(elsewhere, { now: new Date(T.getTime() + seconds * 1000) });
    const admin = await signIn(api, 'ADMIN1');
    const meOn = (server: ReturnType<typeof buildTestApp>) => server.request('/api/auth/me', { headers: { cookie: admin.cookie } });
    expect((await meOn(otherAt(0))).status).toBe(200);
    expect((await admin.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await meOn(api)).status).toBe(401); // this server: at once
    expect((await meOn(otherAt(SESSION_TOUCH_SECONDS - 1))).status).toBe(200); // the other: still its cached read…
    expect((await meOn(otherAt(SESSION_TOUCH_SECONDS))).status).toBe(401); // …until the bound
  });

  it('an unknown or empty branch is a 422 naming the field, never a 500', async () => {
    const admin = await signIn(api, 'ADMIN1');
    for (const branchId of ['', 'NOPE1']) {
      const res = await admin.request('/api/admin/users', {
        json: { employeeCode: `B${branchId.length}X`, displayName: '测试', role: 'collector', branchId, initialPassword: 'Initial-pass-01' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.errors[0].field).toBe('branchId');
    }
  });
});
