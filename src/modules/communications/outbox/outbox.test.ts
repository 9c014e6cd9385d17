import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInBorrower } from '../../../../test/support/sessions.ts';
import { closeContactHold, openContactHold } from '../../compliance/context/contact-holds.ts';
import {
  buildContactableCustomer, dispatchAt, hubFixture, messageRow, queue, sinkAdapters, testActor,
} from '../communications.test-support.ts';
import { TokenBucket } from './token-bucket.ts';
import { retryDelayMs } from './retry-policy.ts';
import { runOutboxWorker } from './worker.ts';
import { silentLogger } from '../../../platform/logging/logger.ts';

describeEachDatabase('outbox: queueing, compliance at queue and send time', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
  });

  it('queues one message per idempotency key, however often it is called', async () => {
    const c = await buildContactableCustomer(getDb());
    const first = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `dpd-12:${c.id}`, at: hub.clock.now });
    const second = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `dpd-12:${c.id}`, at: hub.clock.now });
    expect(first).toMatchObject({ status: 'queued', duplicate: false });
    expect(second).toMatchObject({ status: 'queued', duplicate: true, messageId: first.status === 'queued' ? first.messageId : '' });
    const { rows } = await getDb().sql.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE customer_id = $1`, [c.id]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('renders the template: money from fen, loan number and name from the records', async () => {
    const c = await buildContactableCustomer(getDb(), { name: '陈静' });
    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `render:${c.id}`, at: hub.clock.now });
    const row = await messageRow(getDb(), r.status === 'queued' ? r.messageId : '');
    expect(row.body).toBe(`尊敬的陈静：您的贷款${c.loan.loanNumber}已逾期12天，逾期金额¥1,234.56。如您暂时遇到还款困难，欢迎与我们联系，我们可以一起商议合适的还款安排。`);
    expect(row.subject).toBeNull(); // SMS carries no subject
  });

  it('queues a message refused only by contact hours for when the window opens, and sends it then (once)', async () => {
    const c = await buildContactableCustomer(getDb());
    const lateEvening = new Date('2026-11-26T14:30:00Z'); // 22:30 in Shanghai
    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `night:${c.id}`, at: lateEvening });
    expect(r.status).toBe('queued');
    if (r.status !== 'queued') return;
    expect(r.delayedBy.map((d) => d.rule)).toContain('contact-hours');
    expect(r.notBefore.toISOString()).toBe('2026-11-27T00:00:00.000Z'); // 08:00 the next morning
    const adapters = sinkAdapters(getDb(), hub.dataDir);
    expect((await dispatchAt(getDb(), new Date('2026-11-26T23:59:00Z'), adapters)).sent).toBe(0);
    expect((await messageRow(getDb(), r.messageId)).status).toBe('queued');
    const morning = await dispatchAt(getDb(), new Date('2026-11-27T00:00:30Z'), adapters);
    expect(morning.sent).toBeGreaterThanOrEqual(1);
    const row = await messageRow(getDb(), r.messageId);
    expect(row).toMatchObject({ status: 'sent', provider: 'file-sink', attempts: 1 });
    const file = path.join(hub.dataDir, 'outbox-sink', '2026-11-27', `${r.messageId}.txt`);
    expect(fs.readFileSync(file, 'utf8')).toContain(`To: ${c.phone}`);
    expect((await dispatchAt(getDb(), new Date('2026-11-27T01:00:00Z'), adapters)).claimed).toBe(0);
    const { rows: log } = await getDb().sql.query(`SELECT occurred_at, outcome FROM contact_attempts WHERE message_id = $1`, [r.messageId]);
    expect(log).toHaveLength(1);
    expect(new Date(log[0]!.occurred_at as string).toISOString()).toBe('2026-11-27T00:00:30.000Z');
    const { rows: timeline } = await getDb().sql.query(`SELECT kind FROM timeline_events WHERE ref_id = $1`, [r.messageId]);
    expect(timeline).toEqual([{ kind: 'message-sent' }]);
  });

  it('blocks a collection SMS while a collection-conduct complaint hold is open, and allows it once the hold closes', async () => {
    const c = await buildContactableCustomer(getDb());
    const at = hub.clock.now;
    await getDb().transaction((exec) =>
      openContactHold(exec, { customerId: c.id, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId: 'CMP-1', reason: '客户投诉催收态度', actor: testActor, at }),
    );
    const blocked = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `hold:${c.id}`, at });
    expect(blocked.status).toBe('blocked');
    if (blocked.status !== 'blocked') return;
    expect(blocked.denials.map((d) => d.rule)).toEqual(['paused-complaint']);
    expect(blocked.earliestAllowedAt).toBeNull();
    const { rows: denials } = await getDb().sql.query(`SELECT source, earliest_allowed_at FROM compliance_denials WHERE id = $1`, [blocked.denialId]);
    expect(denials).toEqual([{ source: 'outbox-queue', earliest_allowed_at: null }]);

    const later = new Date(at.getTime() + 3600_000);
    await getDb().transaction((exec) => closeContactHold(exec, { sourceType: 'complaint', sourceId: 'CMP-1', reason: '投诉已办结', actor: testActor, at: later }));
    const retried = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `hold:${c.id}`, at: later });
    expect(retried).toMatchObject({ status: 'queued', duplicate: false });
    expect((await dispatchAt(getDb(), later, sinkAdapters(getDb(), hub.dataDir))).sent).toBeGreaterThanOrEqual(1);
  });

  it('re-checks at send time: a hold opened after queueing blocks the queued message', async () => {
    const c = await buildContactableCustomer(getDb());
    const at = hub.clock.now;
    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `late-hold:${c.id}`, at });
    await getDb().transaction((exec) =>
      openContactHold(exec, { customerId: c.id, type: 'fraud-incident', sourceType: 'fraud-case', sourceId: 'F-9', reason: '客户为诈骗受害人', actor: testActor, at: new Date(at.getTime() + 1000) }),
    );
    await dispatchAt(getDb(), new Date(at.getTime() + 2000), sinkAdapters(getDb(), hub.dataDir));
    const row = await messageRow(getDb(), r.status === 'queued' ? r.messageId : '');
    expect(row.status).toBe('blocked');
    const { rows } = await getDb().sql.query(`SELECT source, denials FROM compliance_denials WHERE message_id = $1`, [row.id]);
    expect(rows[0]).toMatchObject({ source: 'outbox-dispatch' });
    expect((rows[0]!.denials as Array<{ rule: string }>).map((d) => d.rule)).toContain('paused-fraud');
  });

  it('never sends to a contact point marked wrong after queueing', async () => {
    const c = await buildContactableCustomer(getDb());
    const r = await queue(getDb(), { customerId: c.id, debtId: c.loan.id, idempotencyKey: `wrong:${c.id}`, at: hub.clock.now });
    await getDb().sql.query(`UPDATE contact_points SET marked_wrong_at = now(), marked_wrong_reason = '空号' WHERE id = $1`, [c.phonePointId]);
    expect((await dispatchAt(getDb(), hub.clock.now, sinkAdapters(getDb(), hub.dataDir))).failed).toBeGreaterThanOrEqual(1);
    const row = await messageRow(getDb(), r.status === 'queued' ? r.messageId : '');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('marked wrong');
  });

  it('refuses a message to a third party that mentions the debt (欠款), naming the phrase', async () => {
    const c = await buildContactableCustomer(getDb());
    const { rows: [mother] } = await getDb().sql.query<{ id: string }>(
      `INSERT INTO contact_points (customer_id, kind, value, relationship, third_party_name) VALUES ($1, 'phone', '+8613700137000', 'emergency-contact', '母亲') RETURNING id`,
      [c.id],
    );
    // A debtor template (欠款 is fine to the debtor himself), approved by two different people.
    await getDb().transaction(async (exec) => {
      const { createTemplate, submitVersion, approveVersion } = await import('../templates/template-store.ts');
      const t = await createTemplate(exec, {
        key: 'balance-notice', nameZh: '欠款通知', nameEn: 'Balance notice', purpose: 'collections', audience: 'debtor', actor: testActor, at: hub.clock.now,
        version: { variables: [{ name: 'customerName', type: 'string', required: true }], subjectZh: null, bodyZh: '{{customerName}}您好，您的欠款尚未结清，请尽快联系我们。', subjectEn: null, bodyEn: 'Dear {{customerName}}, your balance is still open; please contact us.' },
      });
      await submitVersion(exec, t.templateId, 1, testActor, hub.clock.now);
      await approveVersion(exec, t.templateId, 1, { kind: 'system', name: 'compliance-reviewer' }, hub.clock.now);
    });
    const r = await queue(getDb(), { customerId: c.id, idempotencyKey: `third:${c.id}`, templateKey: 'balance-notice', variables: {}, contactPointId: mother!.id, at: hub.clock.now });
    expect(r.status).toBe('blocked');
    if (r.status !== 'blocked') return;
    const wording = r.denials.find((d) => d.rule === 'wording');
    expect(wording?.phrases).toContain('欠款');
    expect(wording?.overridable).toBe(false);
    // To the debtor himself the same template is fine.
    expect((await queue(getDb(), { customerId: c.id, idempotencyKey: `self:${c.id}`, templateKey: 'balance-notice', variables: {}, at: hub.clock.now })).status).toBe('queued');
  });

  it('the worker loop sends due messages (a letter goes to the file sink) until it is stopped', async () => {
    const c = await buildContactableCustomer(getDb());
    await getDb().sql.query(`INSERT INTO contact_points (customer_id, kind, value, relationship) VALUES ($1, 'address', '上海市浦东新区世纪大道100号', 'self')`, [c.id]);
    const r = await queue(getDb(), {
      customerId: c.id, channel: 'letter', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id,
      variables: { amountDueFen: 100, dueDate: '2026-12-01' }, idempotencyKey: `worker:${c.id}`, at: hub.clock.now,
    });
    const id = r.status === 'queued' ? r.messageId : '';
    const controller = new AbortController();
    const passes: number[] = [];
    const worker = runOutboxWorker({ database: getDb(), log: silentLogger, now: () => hub.clock.now }, {
      signal: controller.signal, adapters: sinkAdapters(getDb(), hub.dataDir), pollMs: 20, onPass: (p) => passes.push(p.sent),
    });
    for (let i = 0; i < 200 && (await messageRow(getDb(), id)).status !== 'sent'; i++) await new Promise((res) => setTimeout(res, 20));
    controller.abort();
    await worker;
    expect((await messageRow(getDb(), id)).status).toBe('sent');
    expect(passes.length).toBeGreaterThan(0);
    const letter = fs.readFileSync(path.join(hub.dataDir, 'outbox-sink', '2026-11-26', `${id}.txt`), 'utf8');
    expect(letter).toContain('Channel: letter');
    expect(letter).toContain('To: 上海市浦东新区世纪大道100号');
  });

  it('delivers portal messages to the borrower inbox, readable only by that borrower', async () => {
    const c = await buildContactableCustomer(getDb());
    const r = await queue(getDb(), {
      customerId: c.id, channel: 'portal', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id,
      variables: { amountDueFen: 431_250, dueDate: '2026-12-15' }, idempotencyKey: `portal:${c.id}`, at: hub.clock.now,
    });
    expect(r.status).toBe('queued');
    await dispatchAt(getDb(), hub.clock.now, sinkAdapters(getDb(), hub.dataDir));
    const borrower = await signInBorrower(hub.api, getDb(), c.id, c.externalId);
    const inbox = await borrower.request('/api/portal/messages');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ subject: `还款提醒：贷款 ${c.loan.loanNumber}`, language: 'zh-CN' });
    expect(inbox.body.items[0].body).toContain('¥4,312.50');
    expect(inbox.body.items[0].body).toContain('2026年12月15日');
    const other = await buildContactableCustomer(getDb());
    const otherInbox = await (await signInBorrower(hub.api, getDb(), other.id, other.externalId)).request('/api/portal/messages');
    expect(otherInbox.body.items).toEqual([]);
  });
});

describe('retry policy and rate limit', () => {
  it('backs off exponentially: 1, 2, 4, 8, 16 minutes', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16]);
  });

  it('a token bucket allows the burst, then the sustained rate', () => {
    const bucket = new TokenBucket(2, 2);
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(0)).toEqual({ ok: false, waitMs: 500 });
    expect(bucket.take(500)).toEqual({ ok: true });
    expect(bucket.take(10_000)).toEqual({ ok: true });
    expect(bucket.take(10_000)).toEqual({ ok: true });
    expect(bucket.take(10_000).ok).toBe(false);
  });
});
