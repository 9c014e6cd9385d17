import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture } from '../communications.test-support.ts';

describeEachDatabase('contact log: calls and field visits', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let collector: SignedInClient;
  let supervisor: SignedInClient;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    collector = await signInAs(hub.api, getDb(), { role: 'collector', team: 'T9' });
    supervisor = await signInAs(hub.api, getDb(), { role: 'supervisor' });
  });
  const assigned = async () => {
    const c = await buildContactableCustomer(getDb());
    await getDb().sql.query(`INSERT INTO account_assignments (customer_id, team) VALUES ($1, 'T9')`, [c.id]);
    return c;
  };

  it('logs a call with its outcome, on the contact log and the timeline', async () => {
    const c = await assigned();
    const res = await collector.request(`/api/customers/${c.id}/contacts`, {
      json: { channel: 'phone', purpose: 'collections', outcome: 'conversation', debtId: c.loan.id, durationSeconds: 240, note: '客户称下周一还款' },
    });
    expect(res.status).toBe(201);
    const log = await collector.request(`/api/customers/${c.id}/contacts`);
    expect(log.body.items[0]).toMatchObject({
      id: res.body.contactId, direction: 'outbound', channel: 'phone', mode: 'human', outcome: 'conversation', contactPointId: c.phonePointId, durationSeconds: 240,
      actorId: `staff:${collector.userId}`,
    });
    const timeline = await collector.request(`/api/customers/${c.id}/timeline`);
    expect(timeline.body.items).toContainEqual(expect.objectContaining({ module: 'communications', kind: 'call', refId: res.body.contactId, summaryZh: '电话联系（已沟通）' }));
  });

  it('refuses a fourth connected call in one day (the China cap of three), stored with its reasons', async () => {
    const c = await assigned();
    for (let i = 0; i < 3; i++) {
      hub.clock.now = new Date(Date.UTC(2026, 10, 26, 2 + i, 0, 0));
      const ok = await collector.request(`/api/customers/${c.id}/contacts`, { json: { channel: 'phone', purpose: 'collections', outcome: 'connected' } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    }
    hub.clock.now = new Date('2026-11-26T06:00:00Z');
    try {
      const refused = await collector.request(`/api/customers/${c.id}/contacts`, { json: { channel: 'phone', purpose: 'collections', outcome: 'connected' } });
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('contact_refused');
      expect(refused.body.denials.map((d: { rule: string }) => d.rule)).toContain('daily-connected-call-cap');
      expect(refused.body.earliestAllowedAt).toBe('2026-11-27T00:00:00.000Z');
      const denials = await collector.request(`/api/customers/${c.id}/compliance-denials`);
      expect(denials.body.items[0]).toMatchObject({ id: refused.body.denialId, source: 'contact-log' });

      // A supervisor's override lets the agent make and log the call.
      const override = await supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'phone', purpose: 'collections', override: { reason: '客户要求回电确认还款计划' } } });
      expect(override.body.allowed).toBe(true);
      const logged = await collector.request(`/api/customers/${c.id}/contacts`, {
        json: { channel: 'phone', purpose: 'collections', outcome: 'connected', overrideId: override.body.override.id },
      });
      expect(logged.status).toBe(201);
      expect(logged.body.overridden).toContain('daily-connected-call-cap');
      // An override for SMS does not cover a call.
      const wrong = await collector.request(`/api/customers/${c.id}/contacts`, { json: { channel: 'video', purpose: 'collections', outcome: 'connected', overrideId: override.body.override.id } });
      expect(wrong.status).toBe(409);
    } finally {
      hub.clock.now = new Date('2026-11-26T02:00:00Z');
    }
  });

  it('a field visit must reference its evidence', async () => {
    const c = await assigned();
    const { rows: [addr] } = await getDb().sql.query<{ id: string }>(
      `INSERT INTO contact_points (customer_id, kind, value, relationship) VALUES ($1, 'address', '北京市朝阳区建国路88号', 'self') RETURNING id`, [c.id],
    );
    const missing = await collector.request(`/api/customers/${c.id}/contacts`, { json: { channel: 'field-visit', purpose: 'collections', outcome: 'conversation' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('evidenceItemId');
    const { rows: [ev] } = await getDb().sql.query<{ id: string }>(
      `INSERT INTO evidence_items (sha256, size_bytes, content_type, original_file_name, kind, uploaded_by, uploaded_at)
       VALUES ($1, 10, 'audio/mpeg', '上门录音.mp3', 'call-recording', 'staff:x', now()) RETURNING id`,
      ['a'.repeat(64)],
    );
    const ok = await collector.request(`/api/customers/${c.id}/contacts`, { json: { channel: 'field-visit', purpose: 'collections', outcome: 'conversation', evidenceItemId: ev!.id } });
    expect(ok.status).toBe(201);
    const log = await collector.request(`/api/customers/${c.id}/contacts`);
    expect(log.body.items[0]).toMatchObject({ channel: 'field-visit', contactPointId: addr!.id, evidenceItemId: ev!.id });
  });
});
