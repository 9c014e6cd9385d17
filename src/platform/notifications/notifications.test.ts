import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildBranch } from '../../../test/support/factories.ts';
import { createStaffUser, signIn, type SignedInClient } from '../../../test/support/sessions.ts';
import { startSmtpCapture, type SmtpCapture } from '../../../test/support/smtp.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { deliverStaffEmails, notifyStaff } from './index.ts';

const AT = new Date('2026-11-26T02:00:00Z');

describeEachDatabase('staff notifications', (getDb) => {
  let api: ReturnType<typeof buildTestApp>;
  let smtp: SmtpCapture;
  let handler: SignedInClient;
  let colleague: SignedInClient;
  let handlerId: string;

  const notify = (recipientId: string, dedupeKey: string, at = AT, title = { zh: '投诉 TS-2026-000001 已分派给您', en: 'Complaint TS-2026-000001 assigned to you' }) =>
    getDb().transaction((exec) => notifyStaff(exec, { recipientId, kind: 'complaint-assigned', entityType: 'complaint', entityId: 'c-1', title, link: '/complaints/c-1', dedupeKey, at }));

  beforeAll(async () => {
    await buildBranch(getDb());
    api = buildTestApp(getDb());
    smtp = await startSmtpCapture();
    const h = await createStaffUser(getDb(), { role: 'complaint-handler' });
    await getDb().sql.query(`UPDATE staff_users SET email = 'handler@bank.example' WHERE id = $1`, [h.id]);
    handlerId = h.id;
    handler = await signIn(api, h.employeeCode);
    colleague = await signIn(api, (await createStaffUser(getDb(), { role: 'administrator' })).employeeCode);
  });
  afterAll(async () => smtp?.close());

  it('notifies once per dedupe key, even when the caller runs again', async () => {
    expect((await notify(handlerId, 'k-1')).created).toBe(true);
    expect(await notify(handlerId, 'k-1')).toEqual({ id: null, created: false });
    const { rows } = await getDb().sql.query(`SELECT email_status FROM staff_notifications WHERE recipient_id = $1`, [handlerId]);
    expect(rows).toEqual([{ email_status: 'pending' }]);
  });

  it('is written only if the caller commits', async () => {
    await expect(getDb().transaction(async (exec) => {
      await notifyStaff(exec, { recipientId: handlerId, kind: 'x', entityType: 'complaint', entityId: 'c-2', title: { zh: '甲', en: 'A' }, dedupeKey: 'rolled-back', at: AT });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    const { rows } = await getDb().sql.query(`SELECT 1 FROM staff_notifications WHERE dedupe_key = 'rolled-back'`);
    expect(rows).toHaveLength(0);
  });

  it('lists my notifications unread first with the bell count, and marks one read', async () => {
    await notify(handlerId, 'k-2', new Date('2026-11-26T03:00:00Z'), { zh: '第二条', en: 'Second' });
    await notify(handlerId, 'k-3', new Date('2026-11-26T04:00:00Z'), { zh: '第三条', en: 'Third' });
    const before = await handler.request('/api/notifications');
    expect(before.status).toBe(200);
    expect(before.body.unread).toBe(3);
    expect(before.body.items.map((n: any) => n.titleEn)).toEqual(['Third', 'Second', 'Complaint TS-2026-000001 assigned to you']);
    const second = before.body.items[1];

    const read = await handler.request(`/api/notifications/${second.id}/read`, { method: 'POST' });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(AT.toISOString());
    const after = await handler.request('/api/notifications');
    expect(after.body.unread).toBe(2);
    expect(after.body.items.map((n: any) => n.titleEn)).toEqual(['Third', 'Complaint TS-2026-000001 assigned to you', 'Second']);
    expect((await handler.request('/api/notifications?unreadOnly=true')).body.items).toHaveLength(2);

    // Someone else's notification does not exist for me; and nobody signed in gets 401.
    expect((await colleague.request(`/api/notifications/${second.id}/read`, { method: 'POST' })).status).toBe(404);
    expect((await colleague.request('/api/notifications')).body).toEqual({ items: [], unread: 0 });
    expect((await api.request('/api/notifications')).status).toBe(401);
  });

  it('sends the e-mail copies over real SMTP after the commit, once', async () => {
    const deps = { ...api.deps, config: { ...api.deps.config, communications: { ...api.deps.config.communications, smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined, ratePerSecond: 10 } } } };
    const result = await deliverStaffEmails(deps);
    expect(result).toEqual({ sent: 3, failed: 0, notConfigured: 0 });
    const mails = await smtp.waitFor(3);
    expect(mails.map((m) => m.recipients)).toEqual([['handler@bank.example'], ['handler@bank.example'], ['handler@bank.example']]);
    expect(mails[0]!.parsed.subject).toBe('[LoanDesk] 投诉 TS-2026-000001 已分派给您 / Complaint TS-2026-000001 assigned to you');
    expect(mails[0]!.parsed.text).toContain('/complaints/c-1');
    expect(await deliverStaffEmails(deps)).toEqual({ sent: 0, failed: 0, notConfigured: 0 });
    const { rows } = await getDb().sql.query(`SELECT DISTINCT email_status FROM staff_notifications`);
    expect(rows).toEqual([{ email_status: 'sent' }]);
  });

  it('without SMTP, a pending copy is marked not-configured and the bell stays the channel', async () => {
    await notify(handlerId, 'k-4');
    expect(await deliverStaffEmails(api.deps)).toEqual({ sent: 0, failed: 0, notConfigured: 1 });
  });
});
