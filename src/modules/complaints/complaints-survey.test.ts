import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signInAs, signInBorrower, type SignedInClient } from '../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture } from '../communications/communications.test-support.ts';

describeEachDatabase('complaint satisfaction survey', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let handler: SignedInClient;

  const act = (id: string, action: string, json: Record<string, unknown> = {}) => handler.request(`/api/complaints/${id}/${action}`, { json });
  const publicRequest = (path: string, json?: unknown) =>
    hub.api.request(path, json === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });

  /** A complaint of a new customer, taken through to closed; returns its id, the borrower and the survey token. */
  async function closedComplaint(name: string) {
    const customer = await buildContactableCustomer(getDb(), { name });
    const opened = await handler.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description: '我的贷款利息计算有误，这个月多扣了两百元手续费，请核实并退还。' } });
    const id = opened.body.complaintId as string;
    await act(id, 'first-handling', { note: '已联系客户' });
    await act(id, 'decide', { outcome: 'upheld', remedies: ['apology', 'fee-waiver'], summary: '多收费用已减免' });
    expect((await act(id, 'close')).status).toBe(200);
    const { rows: [s] } = await getDb().sql.query<{ token: string }>(`SELECT token FROM satisfaction_surveys WHERE complaint_id = $1`, [id]);
    const borrower = await signInBorrower(hub.api, getDb(), customer.id, `sv-${customer.id.slice(0, 8)}`);
    return { id, customer, borrower, token: s!.token };
  }

  beforeAll(async () => {
    hub = await hubFixture(getDb());
    handler = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
  });

  it('lets the borrower answer their own closed complaint once in the portal; audited, on the timeline, shown to staff', async () => {
    const { id, customer, borrower } = await closedComplaint('钱芳');
    const pending = await borrower.request(`/api/portal/complaints/${id}/survey`);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ complaintId: id, status: 'pending', score: null, expiresAt: new Date(hub.clock.now.getTime() + 30 * 86_400_000).toISOString() });

    expect((await borrower.request(`/api/portal/complaints/${id}/survey`, { json: { score: 6 } })).status).toBe(422);
    const answered = await borrower.request(`/api/portal/complaints/${id}/survey`, { json: { score: 4, comment: '处理及时，态度好' } });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', score: 4, comment: '处理及时，态度好' });
    expect((await borrower.request(`/api/portal/complaints/${id}/survey`, { json: { score: 1 } })).status).toBe(409);

    const detail = await handler.request(`/api/complaints/${id}`);
    expect(detail.body.survey).toMatchObject({ status: 'answered', score: 4, comment: '处理及时，态度好' });
    const { rows: timeline } = await getDb().sql.query(`SELECT kind FROM timeline_events WHERE customer_id = $1 AND kind = 'complaint-survey-answered'`, [customer.id]);
    expect(timeline).toHaveLength(1);
    const { rows: audit } = await getDb().sql.query<{ after: { survey: string; score: number } }>(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'complaint.survey-answered'`, [id]);
    expect(audit.map((a) => a.after)).toEqual([expect.objectContaining({ survey: 'answered', score: 4, via: 'portal' })]);

    // Another borrower cannot see or answer it.
    const other = await closedComplaint('周杰');
    expect((await other.borrower.request(`/api/portal/complaints/${id}/survey`)).status).toBe(404);
    expect((await other.borrower.request(`/api/portal/complaints/${id}/survey`, { json: { score: 5 } })).status).toBe(404);
  });

  it("keeps the category a borrower picks in the portal as a hint, not a confirmed classification", async () => {
    const customer = await buildContactableCustomer(getDb(), { name: '冯敏' });
    const borrower = await signInBorrower(hub.api, getDb(), customer.id, `cat-${customer.id.slice(0, 8)}`);
    const filed = await borrower.request('/api/portal/complaints', { json: { description: '手机银行还款页面一直报错，无法按时还款。', category: 'system-or-online-fault' } });
    expect(filed.status).toBe(201);
    const detail = await handler.request(`/api/complaints/${filed.body.id}`);
    expect(detail.body).toMatchObject({ classificationConfirmed: false, survey: null, suggestion: expect.objectContaining({ complainantCategory: 'system-or-online-fault' }) });
    expect((await borrower.request('/api/portal/complaints', { json: { description: '手机银行还款页面一直报错。', category: 'nonsense' } })).status).toBe(422);
    // No survey before the complaint is closed.
    expect((await borrower.request(`/api/portal/complaints/${filed.body.id}/survey`)).status).toBe(404);
  });

  it('takes one answer through the SMS token link without sign-in, and refuses it after 30 days', async () => {
    const { id, token } = await closedComplaint('吴敏');
    const got = await publicRequest(`/api/surveys/${token}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ complaintId: id, status: 'pending' });
    expect((await publicRequest(`/api/surveys/${'x'.repeat(32)}`)).status).toBe(404);

    const answered = await publicRequest(`/api/surveys/${token}`, { score: 2 });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', score: 2, comment: null });
    expect((await publicRequest(`/api/surveys/${token}`, { score: 5 })).status).toBe(409);
    const { rows: audit } = await getDb().sql.query<{ actor_kind: string }>(`SELECT actor_kind FROM audit_events WHERE entity_id = $1 AND action = 'complaint.survey-answered'`, [id]);
    expect(audit).toEqual([{ actor_kind: 'system' }]);

    const late = await closedComplaint('郑华');
    const saved = hub.clock.now;
    try {
      hub.clock.now = new Date(saved.getTime() + 30 * 86_400_000 + 1000);
      expect((await publicRequest(`/api/surveys/${late.token}`)).body.status).toBe('expired');
      expect((await publicRequest(`/api/surveys/${late.token}`, { score: 5 })).status).toBe(409);
      const { rows: [row] } = await getDb().sql.query<{ status: string }>(`SELECT status FROM satisfaction_surveys WHERE complaint_id = $1`, [late.id]);
      expect(row!.status).toBe('expired');
    } finally {
      hub.clock.now = saved;
    }
  });
});
