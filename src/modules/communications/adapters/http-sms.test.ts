import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, dispatchAt, hubFixture, messageRow, queue } from '../communications.test-support.ts';
import { httpSmsAdapter } from './http-sms.adapter.ts';

/**
 * The SMS provider double: a local node:http server standing in for the lender's SMS gateway (the
 * one boundary the user supplies). It records every request and answers as told.
 */
function startSmsGateway() {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: { to: string; text: string; reference: string } }> = [];
  const script: Array<{ status: number; body: unknown }> = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(data) });
      const next = script.shift() ?? { status: 200, body: { id: `GW-${requests.length}` } };
      res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
    });
  });
  return new Promise<{ url: string; requests: typeof requests; script: typeof script; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/sms/send`, requests, script, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

const SECRET = 'test-sms-callback-secret-0123456789';

describeEachDatabase('SMS through an HTTP gateway, delivery reports and replies', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let sms: ReturnType<typeof httpSmsAdapter>;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    hub.deps.config = { ...hub.deps.config, communications: { ...hub.deps.config.communications, smsCallbackSecret: SECRET } };
    gateway = await startSmsGateway();
    sms = httpSmsAdapter({ url: gateway.url, token: 'gw-token' });
  });
  afterAll(() => gateway?.close());

  const callback = (path: string, body: unknown, secret = SECRET) =>
    hub.api.request(`/api/communications/sms/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-loandesk-sms-secret': secret }, body: JSON.stringify(body) });

  it('posts {to, text, reference} with the token, and records the delivery report', async () => {
    const c = await buildContactableCustomer(getDb());
    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `sms:${c.id}`, at: hub.clock.now });
    const messageId = r.status === 'queued' ? r.messageId : '';
    expect((await dispatchAt(getDb(), hub.clock.now, { sms })).sent).toBe(1);
    const sent = gateway.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer gw-token');
    expect(sent.body).toEqual({ to: c.phone, text: (await messageRow(getDb(), messageId)).body, reference: messageId });
    expect(await messageRow(getDb(), messageId)).toMatchObject({ status: 'sent', provider: 'http-sms', provider_message_id: `GW-${gateway.requests.length}` });

    expect((await callback('status', { reference: messageId, status: 'delivered' }, 'wrong-secret-wrong-secret-wrong')).status).toBe(401);
    const ok = await callback('status', { reference: messageId, status: 'delivered', at: '2026-11-26T02:00:05Z' });
    expect(ok).toMatchObject({ status: 200, body: { updated: true } });
    expect(await messageRow(getDb(), messageId)).toMatchObject({ status: 'delivered' });
    const { rows } = await getDb().sql.query(`SELECT outcome FROM contact_attempts WHERE message_id = $1`, [messageId]);
    expect(rows).toEqual([{ outcome: 'delivered' }]);
  });

  it('refuses callbacks without the secret before reading the body', async () => {
    const res = await hub.api.request('/api/communications/sms/inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });

  it('retries a gateway outage with backoff, and gives up on a permanent refusal', async () => {
    const c = await buildContactableCustomer(getDb());
    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `retry:${c.id}`, at: hub.clock.now });
    const id = r.status === 'queued' ? r.messageId : '';
    gateway.script.push({ status: 503, body: { error: 'busy' } }, { status: 502, body: {} });
    const t0 = hub.clock.now.getTime();
    expect((await dispatchAt(getDb(), new Date(t0), { sms })).retried).toBe(1);
    expect(await messageRow(getDb(), id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await messageRow(getDb(), id)).not_before.toISOString()).toBe(new Date(t0 + 60_000).toISOString());
    expect((await dispatchAt(getDb(), new Date(t0 + 30_000), { sms })).claimed).toBe(0); // not yet due
    expect((await dispatchAt(getDb(), new Date(t0 + 60_000), { sms })).retried).toBe(1);
    expect((await messageRow(getDb(), id)).not_before.toISOString()).toBe(new Date(t0 + 60_000 + 120_000).toISOString());
    expect((await dispatchAt(getDb(), new Date(t0 + 180_000), { sms })).sent).toBe(1);
    expect(await messageRow(getDb(), id)).toMatchObject({ status: 'sent', attempts: 3 });

    const c2 = await buildContactableCustomer(getDb());
    const r2 = await queue(getDb(), { customerId: c2.id, debtId: c2.loan.id, idempotencyKey: `perm:${c2.id}`, at: hub.clock.now });
    gateway.script.push({ status: 400, body: { error: 'invalid number' } });
    expect((await dispatchAt(getDb(), new Date(t0 + 200_000), { sms })).failed).toBe(1);
    const failed = await messageRow(getDb(), r2.status === 'queued' ? r2.messageId : '');
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toContain('invalid number');
  });

  it('holds SMS to the provider rate: a burst of one, then deferred', async () => {
    const limited = httpSmsAdapter({ url: gateway.url, ratePerSecond: 1 });
    const a = await buildContactableCustomer(getDb());
    const b = await buildContactableCustomer(getDb());
    await queue(getDb(), { customerId: a.id, debtId: a.loan.id, idempotencyKey: `rate:${a.id}`, at: hub.clock.now });
    await queue(getDb(), { customerId: b.id, debtId: b.loan.id, idempotencyKey: `rate:${b.id}`, at: hub.clock.now });
    const at = new Date(hub.clock.now.getTime() + 300_000);
    const first = await dispatchAt(getDb(), at, { sms: limited });
    expect(first).toMatchObject({ claimed: 2, sent: 1, deferred: 1 });
    const second = await dispatchAt(getDb(), new Date(at.getTime() + 1000), { sms: limited });
    expect(second).toMatchObject({ claimed: 1, sent: 1 });
  });

  it('a STOP / 退订 reply opts the customer out of SMS at once; other replies go on the timeline', async () => {
    const c = await buildContactableCustomer(getDb());
    const reply = await callback('inbound', { from: c.phone, text: '好的，我下周一还款' });
    expect(reply.body).toEqual({ matched: 1, optedOut: false });
    const stop = await callback('inbound', { from: c.phone.replace('+86', ''), text: ' 退订。' });
    expect(stop.body).toEqual({ matched: 1, optedOut: true });

    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `after-stop:${c.id}`, at: hub.clock.now });
    expect(r.status).toBe('blocked');
    expect(r.status === 'blocked' && r.denials.map((d) => d.rule)).toContain('opted-out');
    // E-mail is still allowed: the opt-out is for the channel it came on.
    expect((await queue(getDb(), { customerId: c.id, channel: 'email', debtId: c.loan.id, idempotencyKey: `email-after-stop:${c.id}`, at: hub.clock.now })).status).toBe('queued');

    const staff = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    const timeline = await staff.request(`/api/customers/${c.id}/timeline`);
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['sms-reply', 'opted-out']));
    // Both replies are on the timeline, the STOP written last so listed first.
    const replies = timeline.body.items.filter((e: { kind: string }) => e.kind === 'sms-reply').map((e: { summaryZh: string }) => e.summaryZh);
    expect(replies).toEqual([expect.stringContaining('退订'), expect.stringContaining('我下周一还款')]);
  });
});
