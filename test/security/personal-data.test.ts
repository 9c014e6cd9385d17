import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';
import { buildBranch, buildIndividual } from '../support/factories.ts';
import { signInAs, type SignedInClient } from '../support/sessions.ts';
import { accountAssignments } from '../../src/modules/collections/assignments.schema.ts';

describeEachDatabase('personal data: masking, audited unmasking, encryption at rest', (getDb, kind) => {
  let collector: SignedInClient;
  let supervisor: SignedInClient;
  let customer: Awaited<ReturnType<typeof buildIndividual>>;

  beforeAll(async () => {
    await buildBranch(getDb());
    customer = await buildIndividual(getDb(), { name: '孙丽', phone: '+8613912345678' });
    const api = buildTestApp(getDb());
    collector = await signInAs(api, getDb(), { role: 'collector' });
    await getDb().db.insert(accountAssignments).values({ customerId: customer.id, assigneeId: collector.userId });
    supervisor = await signInAs(api, getDb(), { role: 'supervisor' });
  });

  it('a collector sees the phone and ID number masked', async () => {
    const res = await collector.request(`/api/customers/${customer.id}`);
    expect(res.status).toBe(200);
    expect(res.body.contactPoints[0]).toMatchObject({ value: '139****5678', masked: true });
    expect(res.body.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
    expect(JSON.stringify(res.body)).not.toContain(customer.idNumber);
  });

  it('a supervisor sees the phone in full', async () => {
    const res = await supervisor.request(`/api/customers/${customer.id}`);
    expect(res.body.contactPoints[0]).toMatchObject({ value: '+8613912345678', masked: false });
  });

  it('unmasking needs a reason and writes an audit event carrying it', async () => {
    const noReason = await collector.request(`/api/customers/${customer.id}/unmask`, { json: { field: 'id-number', reason: '' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('reason');

    const res = await collector.request(`/api/customers/${customer.id}/unmask`, { json: { field: 'id-number', reason: '客户来电核实身份' } });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe(customer.idNumber);
    const { rows } = await getDb().sql.query<{ action: string; reason: string; actor_id: string }>(
      `SELECT action, reason, actor_id FROM audit_events WHERE action = 'personal-data.unmasked' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ action: 'personal-data.unmasked', reason: '客户来电核实身份', actor_id: `staff:${collector.userId}` });
  });

  it(`stores no plain ID number at rest [${kind}]`, async () => {
    const { rows } = await getDb().sql.query<Record<string, unknown>>(`SELECT * FROM customers WHERE id = $1`, [customer.id]);
    const raw = JSON.stringify(rows[0]);
    expect(raw).not.toContain(customer.idNumber);
    expect(raw).not.toContain(customer.idNumber.slice(6, 14)); // not even the birth-date digits in sequence
    expect(String(rows[0]!.id_number_ciphertext)).toMatch(/^v1:/);
  });

  it('consent withdrawal is recorded, audited and shown on the timeline', async () => {
    const res = await supervisor.request(`/api/customers/${customer.id}/consents`, { json: { purpose: 'servicing', channel: 'sms', action: 'withdraw', reason: '客户电话要求' } });
    expect(res.status).toBe(201);
    const profile = await supervisor.request(`/api/customers/${customer.id}`);
    expect(profile.body.consents[0]).toMatchObject({ purpose: 'servicing', channel: 'sms', active: false });
    const again = await supervisor.request(`/api/customers/${customer.id}/consents`, { json: { purpose: 'servicing', channel: 'sms', action: 'withdraw' } });
    expect(again.status).toBe(409);
    const timeline = await supervisor.request(`/api/customers/${customer.id}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'consent-withdrawn', module: 'customers' });
  });
});
