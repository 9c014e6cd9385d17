import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildBranch } from '../../../test/support/factories.ts';
import { createStaffUser, signIn, signInAs, signInBorrower, type SignedInClient } from '../../../test/support/sessions.ts';
import { entityVisibility } from '../customers/entity-visibility.ts';
import { buildContactableCustomer, hubFixture } from '../communications/communications.test-support.ts';

const FEE_TEXT = '我的贷款利息计算有误，这个月多扣了两百元手续费，请核实并退还。';
const COLLECTION_TEXT = '催收人员多次辱骂我，还打电话给我的同事和家人，要求停止这种骚扰。';

/**
 * Ownership (客户经理责任制): routing at intake, the relationship manager's notice, the handler picker
 * and reassignment; the final response letter; the survey invitation at close; evidence on a complaint.
 */
describeEachDatabase('complaint routing, letter and survey invitation', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let intake: SignedInClient;
  let busy: SignedInClient;
  let idle: SignedInClient;
  let specialist: SignedInClient;
  let shanghai: SignedInClient;
  let rm: SignedInClient;
  let customer: Awaited<ReturnType<typeof buildContactableCustomer>>;

  const bell = async (who: SignedInClient) => (await who.request('/api/notifications')).body as { unread: number; items: Array<{ kind: string; titleZh: string; link: string; entityId: string }> };

  beforeAll(async () => {
    hub = await hubFixture(getDb());
    await buildBranch(getDb(), 'SH001', '上海分行', 'Shanghai Branch');
    // Intake by a relationship manager's colleague at the counter: a supervisor registers, routing picks the handler.
    intake = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    busy = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    idle = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    specialist = await signIn(hub.api, (await createStaffUser(getDb(), { role: 'complaint-handler', branchId: null, team: 'complaints-collection-conduct' })).employeeCode);
    shanghai = await signInAs(hub.api, getDb(), { role: 'complaint-handler', branchId: 'SH001' });
    rm = await signInAs(hub.api, getDb(), { role: 'relationship-manager' });
    customer = await buildContactableCustomer(getDb(), { name: '周敏' });
    await getDb().sql.query(`UPDATE customers SET relationship_manager_id = $2 WHERE id = $1`, [customer.id, rm.userId]);
    // `busy` already owns two open complaints.
    for (let i = 0; i < 2; i++) {
      const r = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description: `${FEE_TEXT}（第${i + 1}次）`, ownerId: busy.userId } });
      expect(r.status).toBe(201);
    }
  });

  it('routes a new complaint to the least-loaded handler of the branch and tells the relationship manager', async () => {
    const res = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'counter', description: '柜台办理提前还款时工作人员态度很差，让我等了两个小时。' } });
    expect(res.status).toBe(201);
    const id = res.body.complaintId;
    expect((await intake.request(`/api/complaints/${id}`)).body).toMatchObject({ ownerId: idle.userId, ownerName: expect.any(String) });

    const mine = await bell(idle);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'complaint-assigned', entityId: id, link: `/complaints/${id}` });
    expect(mine.items[0]!.titleZh).toContain(res.body.referenceNumber);
    const rmBell = await bell(rm);
    expect(rmBell.items.filter((n) => n.entityId === id)).toEqual([expect.objectContaining({ kind: 'complaint-opened-rm', link: `/customers/${customer.id}` })]);

    const { rows: audit } = await getDb().sql.query<{ action: string; after: any }>(`SELECT action, after FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['complaint.opened', 'complaint.routed']);
    expect(audit[1]!.after).toMatchObject({ ownerId: idle.userId, pool: 'branch', branchId: 'BJ001' });
  });

  it('routes collection conduct to the specialised team (head office) and a portal complaint too', async () => {
    const res = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description: COLLECTION_TEXT } });
    expect((await intake.request(`/api/complaints/${res.body.complaintId}`)).body.ownerId).toBe(specialist.userId);
    const borrower = await signInBorrower(hub.api, getDb(), customer.id, `zm-${customer.id.slice(0, 8)}`);
    const filed = await borrower.request('/api/portal/complaints', { json: { description: 'App 还款页面一直报错，无法按时还款。' } });
    expect(filed.status).toBe(201);
    const owner = (await intake.request(`/api/complaints/${filed.body.id}`)).body.ownerId;
    expect([idle.userId, busy.userId]).toContain(owner); // the branch pool, never the specialist or Shanghai
  });

  it('offers a handler picker with workloads and reassigns with notices; another branch is refused', async () => {
    const res = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'letter', description: '合同条款写得不清楚，提前还款违约金怎么计算没有说明。', ownerId: idle.userId } });
    const id = res.body.complaintId;
    const picker = await idle.request(`/api/complaints/${id}/handlers`);
    expect(picker.status).toBe(200);
    const ids = picker.body.items.map((h: any) => h.id);
    expect(ids).toEqual(expect.arrayContaining([busy.userId, idle.userId, specialist.userId, intake.userId]));
    expect(ids).not.toContain(shanghai.userId);
    expect(ids).not.toContain(rm.userId);
    const loads = picker.body.items.map((h: any) => h.openComplaints);
    expect(loads).toEqual([...loads].sort((a, b) => a - b));
    expect(picker.body.items.find((h: any) => h.id === busy.userId).openComplaints).toBeGreaterThanOrEqual(2);
    expect((await rm.request(`/api/complaints/${id}/handlers`)).status).toBe(403);

    const to = await idle.request(`/api/complaints/${id}/reassign`, { json: { ownerId: busy.userId, reason: '熟悉该客户' } });
    expect(to.status).toBe(200);
    expect(to.body.ownerId).toBe(busy.userId);
    expect((await bell(busy)).items.filter((n) => n.entityId === id).map((n) => n.kind)).toEqual(['complaint-assigned']);
    expect((await bell(rm)).items.filter((n) => n.entityId === id).map((n) => n.kind).sort()).toEqual(['complaint-opened-rm', 'complaint-reassigned-rm']);
    expect((await idle.request(`/api/complaints/${id}/reassign`, { json: { ownerId: busy.userId, reason: '再次转派' } })).status).toBe(409);
    const refused = await idle.request(`/api/complaints/${id}/reassign`, { json: { ownerId: shanghai.userId, reason: '误派' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'json.ownerId' })]);
  });

  it('issues the final response letter at the decision: evidence on the complaint, downloadable in the console and the portal', async () => {
    const res = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description: '我的贷款多收了罚息，请核实。' } });
    const id = res.body.complaintId;
    const decided = await idle.request(`/api/complaints/${id}/decide`, { json: { outcome: 'partly-upheld', remedies: ['fee-waiver', 'apology'], summary: '系统扣款延迟导致罚息，已减免并致歉。' } });
    expect(decided.status).toBe(200);
    const evidenceId = decided.body.responseLetter.evidenceId as string;
    expect(evidenceId).toEqual(expect.any(String));
    const { rows: links } = await getDb().sql.query<{ entity_type: string }>(`SELECT entity_type FROM evidence_links WHERE evidence_id = $1 ORDER BY entity_type`, [evidenceId]);
    expect(links.map((l) => l.entity_type)).toEqual(['complaint', 'customer']);

    const pdf = await hub.api.app.request(`/api/complaints/${id}/response-letter`, { headers: { cookie: idle.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`${res.body.referenceNumber}-final-response`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/NotoSansSC/);
    const { rows: custody } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'evidence.downloaded'`, [evidenceId]);
    expect(custody).toHaveLength(1);

    const borrower = await signInBorrower(hub.api, getDb(), customer.id, `zm-${customer.id.slice(0, 8)}`);
    const own = (await borrower.request('/api/portal/complaints')).body.items.find((c: any) => c.id === id);
    expect(own.responseLetterAvailable).toBe(true);
    const portalPdf = await hub.api.app.request(`/api/portal/complaints/${id}/response-letter`, { headers: { cookie: borrower.cookie } });
    expect(portalPdf.status).toBe(200);
    expect(Buffer.from(await portalPdf.arrayBuffer()).equals(bytes)).toBe(true);
    const stranger = await buildContactableCustomer(getDb(), { name: '吴刚' });
    const strangerSession = await signInBorrower(hub.api, getDb(), stranger.id, `wg-${stranger.id.slice(0, 8)}`);
    expect((await strangerSession.request(`/api/portal/complaints/${id}/response-letter`)).status).toBe(404);
    // Not yet decided: no letter (409), and another branch's handler cannot see it at all (404).
    const undecided = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description: '客服电话一直打不通。' } });
    expect((await idle.request(`/api/complaints/${undecided.body.complaintId}/response-letter`)).status).toBe(409);
    expect((await shanghai.request(`/api/complaints/${id}/response-letter`)).status).toBe(404);

    // Evidence on the complaint follows the complaint's data scope.
    const canSee = entityVisibility(getDb().db);
    const actorOf = (c: SignedInClient, branchId: string) => ({ kind: 'staff' as const, userId: c.userId, role: 'complaint-handler' as const, displayName: 'x', branchId, team: null });
    expect(await canSee(actorOf(idle, 'BJ001'), 'complaint', id)).toBe(true);
    expect(await canSee(actorOf(shanghai, 'SH001'), 'complaint', id)).toBe(false);
    expect(await canSee(actorOf(idle, 'BJ001'), 'complaint', '00000000-0000-4000-8000-000000000000')).toBe(false);
    const listed = await idle.request(`/api/evidence?entityType=complaint&entityId=${id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: any) => e.id)).toEqual([evidenceId]);
    expect((await shanghai.request(`/api/evidence?entityType=complaint&entityId=${id}`)).status).toBe(404);
  });

  it('sends the survey invitation at close (SMS with the single-use link, and a portal message) and the link works', async () => {
    const res = await intake.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description: '还款提醒短信发错了金额。' } });
    const id = res.body.complaintId;
    await idle.request(`/api/complaints/${id}/decide`, { json: { outcome: 'upheld', remedies: ['apology', 'process-fix'], summary: '短信模板错误已修正。' } });
    expect((await idle.request(`/api/complaints/${id}/close`, { json: {} })).status).toBe(200);
    const { rows: [survey] } = await getDb().sql.query<{ token: string }>(`SELECT token FROM satisfaction_surveys WHERE complaint_id = $1`, [id]);
    const { rows: messages } = await getDb().sql.query<{ channel: string; purpose: string; body: string; status: string }>(
      `SELECT o.channel, o.purpose, o.body, o.status FROM outbox_messages o JOIN template_versions v ON v.id = o.template_version_id JOIN message_templates t ON t.id = v.template_id
        WHERE t.key = 'complaint-survey-invitation' AND o.customer_id = $1 ORDER BY o.channel`,
      [customer.id],
    );
    expect(messages.map((m) => [m.channel, m.purpose, m.status])).toEqual([['portal', 'servicing', 'queued'], ['sms', 'servicing', 'queued']]);
    const sms = messages.find((m) => m.channel === 'sms')!;
    const link = sms.body.match(/https?:\/\/\S+\/survey\/([A-Za-z0-9_-]+)/);
    expect(link?.[1]).toBe(survey!.token);
    expect(sms.body).toContain(res.body.referenceNumber);
    const { rows: [closedAudit] } = await getDb().sql.query<{ after: any }>(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'complaint.closed'`, [id]);
    expect(closedAudit!.after.surveyInvitation).toEqual({ sms: 'queued', portal: 'queued' });

    // The link from the SMS: no sign-in, answer once.
    const path = `/api/surveys/${link![1]}`;
    expect((await hub.api.request(path)).body).toMatchObject({ complaintId: id, status: 'pending' });
    const post = (score: number) => hub.api.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score }) });
    expect((await post(5)).status).toBe(200);
    expect((await post(4)).status).toBe(409);
  });
});
