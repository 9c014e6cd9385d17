import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { hubFixture } from '../../communications/communications.test-support.ts';
import { assign, delinquent } from '../../collections/workbench/workbench.test-support.ts';

describeEachDatabase('contact verification: add a contact point with its source, mark one wrong, verify', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let collector: SignedInClient;
  let supervisor: SignedInClient;
  let mine: Awaited<ReturnType<typeof delinquent>>;
  let notMine: Awaited<ReturnType<typeof delinquent>>;
  const callNow = async (caseId: string) => (await collector.request('/api/collections/queue')).body.items.find((i: { caseId: string }) => i.caseId === caseId).callNow;

  beforeAll(async () => {
    const db = getDb();
    hub = await hubFixture(db);
    mine = await delinquent(db, 9, { dpd: 11, bucket: 'M1' });
    notMine = await delinquent(db, 9, { dpd: 11, bucket: 'M1' });
    collector = await signInAs(hub.api, db, { role: 'collector' });
    supervisor = await signInAs(hub.api, db, { role: 'supervisor' });
    await assign(db, mine.customer.id, collector.userId);
  }, 60_000);

  it('marking the only phone wrong stops calls; a number the borrower gives on the call is added (E.164, masked in the answer, audited with its source) and calls resume', async () => {
    const db = getDb();
    const path = `/api/customers/${mine.customer.id}/contact-points`;
    const wrong = await collector.request(`${path}/${mine.customer.phonePointId}/mark-wrong`, { json: { reason: '接听人称不认识借款人' } });
    expect(wrong.status).toBe(200);
    expect(wrong.body.markedWrongAt).not.toBeNull();
    expect(await callNow(mine.caseId)).toMatchObject({ allowed: false });
    expect((await collector.request(`${path}/${mine.customer.phonePointId}/mark-wrong`, { json: { reason: 'again' } })).status).toBe(409);

    const added = await collector.request(path, { json: { kind: 'phone', value: '138-0013-8000', source: 'customer', sourceNote: '11月26日来电中客户提供', verified: true } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'phone', relationship: 'self', source: 'customer', verified: true, masked: true });
    expect(added.body.value).not.toContain('13800138000'); // the collector may not view personal data
    const { rows: [row] } = await db.sql.query<{ value: string; source: string }>(`SELECT value, source FROM contact_points WHERE id = $1`, [added.body.id]);
    expect(row).toEqual({ value: '+8613800138000', source: 'customer' });
    const { rows: [audit] } = await db.sql.query<{ after: { source: string; sourceNote: string; value: string } }>(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'contact-point.added'`, [added.body.id]);
    expect(audit!.after).toMatchObject({ source: 'customer', sourceNote: '11月26日来电中客户提供' });
    expect(audit!.after.value).not.toContain('13800138000');
    expect(await callNow(mine.caseId)).toMatchObject({ allowed: true });

    // The supervisor (personal-data.view) sees the number in the customer profile, with its source.
    const profile = await supervisor.request(`/api/customers/${mine.customer.id}`);
    expect(profile.body.contactPoints.find((p: { id: string }) => p.id === added.body.id)).toMatchObject({ value: '+8613800138000', masked: false, source: 'customer' });
  });

  it('validates the value, the third party\'s name and the source; refuses a duplicate; respects data scope and permission', async () => {
    const path = `/api/customers/${mine.customer.id}/contact-points`;
    const bad = await collector.request(path, { json: { kind: 'phone', value: '12345', source: 'agent' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'value' })]);
    expect((await collector.request(path, { json: { kind: 'phone', value: '13900139000', relationship: 'relative', source: 'field-visit' } })).status).toBe(422);
    expect((await collector.request(path, { json: { kind: 'phone', value: '13900139000', source: 'portal' } })).status).toBe(422);
    const relative = await collector.request(path, { json: { kind: 'phone', value: '13900139000', relationship: 'relative', thirdPartyName: '王大明', source: 'field-visit' } });
    expect(relative.status).toBe(201);
    expect(relative.body).toMatchObject({ relationship: 'relative', thirdPartyName: '王大明', source: 'field-visit', verified: false });
    expect((await collector.request(path, { json: { kind: 'phone', value: '+86 139 0013 9000', source: 'public-record' } })).status).toBe(409);
    const email = await collector.request(path, { json: { kind: 'email', value: 'Wang.XM@Example.CN', source: 'public-record' } });
    expect(email.status).toBe(201);
    expect((await collector.request(`/api/customers/${notMine.customer.id}/contact-points`, { json: { kind: 'phone', value: '13700137000', source: 'agent' } })).status).toBe(404);
    const auditor = await signInAs(hub.api, getDb(), { role: 'compliance-auditor' });
    expect((await auditor.request(path, { json: { kind: 'phone', value: '13700137000', source: 'agent' } })).status).toBe(403);

    const verified = await collector.request(`${path}/${email.body.id}/verify`, { method: 'POST' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true });
    expect(verified.body.lastVerifiedAt).not.toBeNull();
    expect((await collector.request(`${path}/${mine.customer.phonePointId}/verify`, { method: 'POST' })).status).toBe(409); // marked wrong
  });
});
