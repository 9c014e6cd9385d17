import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signInAs, signInBorrower, type SignedInClient } from '../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture, queue, WORKDAY_10AM } from '../communications/communications.test-support.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { buildBranch } from '../../../test/support/factories.ts';

const COLLECTION_TEXT = '催收人员多次辱骂我，还打电话给我的同事和家人，要求停止这种骚扰。';
const INTEREST_TEXT = '我的贷款利息计算有误，这个月多扣了两百元手续费，请核实并退还。';

describeEachDatabase('complaints API', (getDb, kind) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let handler: SignedInClient;
  let customer: Awaited<ReturnType<typeof buildContactableCustomer>>;

  const open = (body: Record<string, unknown>) => handler.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', ...body } });
  const act = (id: string, action: string, json: Record<string, unknown> = {}) => handler.request(`/api/complaints/${id}/${action}`, { json });

  beforeAll(async () => {
    hub = await hubFixture(getDb());
    handler = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    customer = await buildContactableCustomer(getDb(), { name: '赵丽' });
  });

  it('registers a staff complaint: reference number, acknowledgement queued, clock due dates', async () => {
    const res = await open({ description: INTEREST_TEXT, loanIds: [customer.loan.id] });
    expect(res.status).toBe(201);
    expect(res.body.referenceNumber).toMatch(/^TS-2026-\d{6}$/);
    expect(res.body.acknowledgement).toMatchObject({ status: 'queued', channel: 'email' });
    const { rows: [ack] } = await getDb().sql.query<{ subject: string; body: string; purpose: string }>(
      `SELECT subject, body, purpose FROM outbox_messages WHERE id = $1`, [res.body.acknowledgement.messageId],
    );
    expect(ack!.subject).toContain(res.body.referenceNumber);
    expect(ack!.body).toContain('赵丽');
    // Written in the same statement as the complaint: the complaint names the message, the message its audit event.
    const { rows: [stored] } = await getDb().sql.query<{ acknowledgement_message_id: string }>(`SELECT acknowledgement_message_id FROM complaints WHERE id = $1`, [res.body.complaintId]);
    expect(stored!.acknowledgement_message_id).toBe(res.body.acknowledgement.messageId);
    const { rows: queuedAudit } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [res.body.acknowledgement.messageId]);
    expect(queuedAudit).toEqual([{ action: 'communications.queued' }]);
    expect((await verifyAuditChain(getDb().sql)).ok).toBe(true);

    const detail = await handler.request(`/api/complaints/${res.body.complaintId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: 'acknowledged', channel: 'phone', loanIds: [customer.loan.id], category: 'interest-and-fee-calculation', classificationConfirmed: false,
      receivedAt: WORKDAY_10AM.toISOString(),
      firstHandlingDue: '2026-11-27T02:00:00.000Z', // 24 hours
      decisionDue: '2026-12-11T16:00:00.000Z', // 15 days: the end of 2026-12-11 in Shanghai
    });
    expect(detail.body.clock).toMatchObject({ decisionPeriodDays: 15, decisionDueDate: '2026-12-11', breaches: [] });
    expect(detail.body.events.map((e: any) => e.type)).toEqual(['received']);
    const { rows: timeline } = await getDb().sql.query(`SELECT kind FROM timeline_events WHERE ref_id = $1`, [res.body.complaintId]);
    expect(timeline).toEqual([{ kind: 'complaint-received' }]);
    const { rows: audit } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [res.body.complaintId]);
    // The complaint is opened, then routed to a handler (routing/) in the same transaction.
    expect(audit).toEqual([{ action: 'complaint.opened' }, { action: 'complaint.routed' }]);

    // The same text again lists the first as a possible duplicate.
    const again = await open({ description: INTEREST_TEXT });
    expect(again.body.possibleDuplicates).toMatchObject([{ id: res.body.complaintId, referenceNumber: res.body.referenceNumber }]);
    // …and a repeat with no new facts is merged into it.
    const merged = await act(again.body.complaintId, 'merge', { intoComplaintId: res.body.complaintId });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'closed', mergedIntoId: res.body.complaintId });
  });

  it("takes a complaint only for a customer in the handler's data scope, and only with that customer's loans", async () => {
    // The intake's one read (loadIntakeCustomer) applies the scope and counts the loans named.
    await buildBranch(getDb(), 'SH001', '上海分行', 'Shanghai Branch');
    const elsewhere = await buildContactableCustomer(getDb(), { name: '钱伟', branchId: 'SH001' });
    const outside = await handler.request('/api/complaints', { json: { customerId: elsewhere.id, channel: 'phone', description: INTEREST_TEXT } });
    expect(outside.status).toBe(404);
    const shanghaiHandler = await signInAs(hub.api, getDb(), { role: 'complaint-handler', branchId: 'SH001' });
    const inside = await shanghaiHandler.request('/api/complaints', { json: { customerId: elsewhere.id, channel: 'phone', description: INTEREST_TEXT, loanIds: [elsewhere.loan.id] } });
    expect(inside.status).toBe(201);

    const notTheirs = await open({ description: INTEREST_TEXT, loanIds: [customer.loan.id, elsewhere.loan.id] });
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.body.errors).toEqual([expect.objectContaining({ field: 'json.loanIds' })]);
    const { rows } = await getDb().sql.query(`SELECT count(*)::int AS n FROM complaints WHERE customer_id = $1`, [elsewhere.id]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('pauses collection SMS while a collection-conduct complaint is open, and allows it once closed', async () => {
    const res = await open({ description: COLLECTION_TEXT });
    expect(res.status).toBe(201);
    expect(res.body.contactHoldId).toEqual(expect.any(String));
    const id = res.body.complaintId;
    expect((await handler.request(`/api/complaints/${id}`)).body).toMatchObject({ category: 'collection-conduct', contactHoldOpen: true });

    const blocked = await queue(getDb(), { customerId: customer.id, debtId: customer.loan.id, idempotencyKey: 'collect-sms-1', at: hub.clock.now });
    expect(blocked.status).toBe('blocked');
    expect(blocked.status === 'blocked' && blocked.denials.map((d) => d.rule)).toContain('paused-complaint');

    expect((await act(id, 'classify', { category: 'collection-conduct', severity: 'high' })).status).toBe(200);
    expect((await act(id, 'first-handling', { note: '已致电客户致歉并核查催收录音' })).body.status).toBe('in-progress');
    // Not closable before a decision.
    expect((await act(id, 'close')).status).toBe(409);
    const decided = await act(id, 'decide', { outcome: 'upheld', remedies: ['apology', 'process-fix'], summary: '催收员违规，已处分并道歉' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', outcome: 'upheld', remedies: ['apology', 'process-fix'] });
    expect((await queue(getDb(), { customerId: customer.id, debtId: customer.loan.id, idempotencyKey: 'collect-sms-2', at: hub.clock.now })).status).toBe('blocked');

    const closed = await act(id, 'close', { note: '客户接受处理结果' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', contactHoldOpen: false });
    expect((await queue(getDb(), { customerId: customer.id, debtId: customer.loan.id, idempotencyKey: 'collect-sms-3', at: hub.clock.now })).status).toBe('queued');
    const { rows: surveys } = await getDb().sql.query<{ status: string; token: string }>(`SELECT status, token FROM satisfaction_surveys WHERE complaint_id = $1`, [id]);
    expect(surveys).toEqual([{ status: 'pending', token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) }]);
    const { rows: corrections } = await getDb().sql.query(`SELECT suggested_category, confirmed_category, corrected FROM complaint_classification_corrections WHERE complaint_id = $1`, [id]);
    expect(corrections).toEqual([{ suggested_category: 'collection-conduct', confirmed_category: 'collection-conduct', corrected: false }]);
    const { rows: timeline } = await getDb().sql.query<{ kind: string }>(`SELECT kind FROM timeline_events WHERE customer_id = $1 AND module = 'complaints' AND ref_id = $2 ORDER BY occurred_at, kind`, [customer.id, id]);
    expect(timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['complaint-received', 'complaint-classified', 'complaint-first-handled', 'complaint-decided', 'complaint-closed']));
  });

  it('extends to 30 days on its own, to 60 only with senior approval', async () => {
    const { body } = await open({ description: '客服一直拖延处理我的提前还款申请，已经两个月没有答复。', category: 'service-quality-or-delay', severity: 'medium' });
    const id = body.complaintId;
    const first = await act(id, 'extend', { days: 15, reason: '需调取合同档案' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'extended', clock: { decisionPeriodDays: 30 }, decisionDue: '2026-12-26T16:00:00.000Z' });
    const refused = await act(id, 'extend', { days: 30, reason: '案情复杂' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'json.approvedBy', code: 'senior-approval-required' })]);
    const approved = await act(id, 'extend', { days: 30, reason: '案情复杂', approvedBy: '总行消保部 王总' });
    expect(approved.status).toBe(200);
    expect(approved.body.clock.decisionPeriodDays).toBe(60);
    expect(approved.body.events.filter((e: any) => e.type === 'extension')).toHaveLength(2);
  });

  it('lists with filters and refuses roles without complaints.read', async () => {
    const all = await handler.request('/api/complaints?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    const closed = await handler.request('/api/complaints?status=closed');
    expect(closed.body.items.every((c: any) => c.status === 'closed')).toBe(true);
    const conduct = await handler.request('/api/complaints?category=collection-conduct');
    expect(conduct.body.items.map((c: any) => c.category)).toEqual(['collection-conduct']);
    expect((await handler.request('/api/complaints?overdue=true')).body.total).toBe(0);

    const rm = await signInAs(hub.api, getDb(), { role: 'relationship-manager' });
    expect((await rm.request('/api/complaints')).status).toBe(403);
  });

  it('lets a borrower file a complaint in the portal and see only their own', async () => {
    const other = await buildContactableCustomer(getDb(), { name: '孙强' });
    await handler.request('/api/complaints', { json: { customerId: other.id, channel: 'letter', description: '贵行的合同条款写得不清楚，提前还款违约金怎么计算没有说明。' } });
    const borrower = await signInBorrower(hub.api, getDb(), customer.id, `zhaoli-${customer.id.slice(0, 8)}`);
    const filed = await borrower.request('/api/portal/complaints', { json: { description: 'App 还款页面一直报错，无法按时还款，导致被算逾期。' } });
    expect(filed.status).toBe(201);
    expect(filed.body.referenceNumber).toMatch(/^TS-2026-\d{6}$/);
    const mine = await borrower.request('/api/portal/complaints');
    expect(mine.status).toBe(200);
    const refs = mine.body.items.map((c: any) => c.referenceNumber);
    expect(refs).toContain(filed.body.referenceNumber);
    const { rows: ownCount } = await getDb().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaints WHERE customer_id = $1`, [customer.id]);
    expect(refs).toHaveLength(ownCount[0]!.n);
    const { rows: otherRefs } = await getDb().sql.query<{ reference_number: string }>(`SELECT reference_number FROM complaints WHERE customer_id = $1`, [other.id]);
    for (const r of otherRefs) expect(refs).not.toContain(r.reference_number);
    const portalOne = mine.body.items.find((c: any) => c.referenceNumber === filed.body.referenceNumber);
    expect(portalOne).toMatchObject({ status: 'acknowledged', progress: [{ type: 'received' }] });
    const { rows: [row] } = await getDb().sql.query<{ channel: string; acknowledgement_status: string }>(`SELECT channel, acknowledgement_status FROM complaints WHERE id = $1`, [filed.body.id]);
    expect(row).toEqual({ channel: 'portal', acknowledgement_status: 'queued' });
    // Staff routes stay closed to a borrower session.
    expect((await borrower.request('/api/complaints')).status).toBe(401);
  });

  it('takes a regulator deadline, pauses for an appraisal, restarts on new facts, reassigns, reviews and reopens', async () => {
    const reg = await open({
      channel: 'regulator', regulatorReference: '京银保监投〔2026〕88号', regulatorDeadline: '2026-12-01',
      description: '客户向监管部门反映贷款利息计算有误，多收了罚息。', category: 'interest-and-fee-calculation', severity: 'medium',
    });
    expect(reg.status).toBe(201);
    const id = reg.body.complaintId;
    const detail = await handler.request(`/api/complaints/${id}`);
    expect(detail.body).toMatchObject({ regulatorReference: '京银保监投〔2026〕88号', decisionDue: '2026-12-01T16:00:00.000Z', clock: { decisionGovernedBy: 'regulator' } });

    expect((await act(id, 'first-handling', { note: '已联系客户' })).status).toBe(200);
    const paused = await act(id, 'pause', { reason: 'external-appraisal', note: '送第三方司法鉴定' });
    expect(paused.body).toMatchObject({ status: 'paused', clock: { paused: true } });
    expect((await act(id, 'pause', { reason: 'external-appraisal' })).status).toBe(409);
    expect((await act(id, 'resume', {})).body).toMatchObject({ status: 'in-progress', clock: { paused: false } });
    expect((await act(id, 'new-facts', { facts: '客户补充了银行流水' })).body.events.at(-1).type).toBe('new-facts');

    await getDb().sql.query(`UPDATE customers SET relationship_manager_id = (SELECT id FROM staff_users WHERE role = 'relationship-manager' LIMIT 1) WHERE id = $1`, [customer.id]);
    const other = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    const reassigned = await act(id, 'reassign', { ownerId: other.userId, reason: '按专业分工转派' });
    expect(reassigned.body.ownerId).toBe(other.userId);
    const { rows: [note] } = await getDb().sql.query<{ detail: { notify: string[] } }>(`SELECT detail FROM timeline_events WHERE ref_id = $1 AND kind = 'complaint-reassigned'`, [id]);
    expect(note!.detail.notify).toHaveLength(1);
    const rm = await signInAs(hub.api, getDb(), { role: 'relationship-manager' });
    expect((await act(id, 'reassign', { ownerId: rm.userId, reason: '误派' })).status).toBe(422);

    expect((await act(id, 'decide', { outcome: 'partly-upheld', remedies: ['fee-waiver'], summary: '减免部分罚息' })).status).toBe(200);
    const review = await act(id, 'review-request', { reason: '客户不同意处理结果' });
    expect(review.body).toMatchObject({ status: 'reopened' });
    expect(review.body.clock.reviewDue).toEqual(expect.any(String));
    const reviewed = await act(id, 'decide', { outcome: 'upheld', remedies: ['fee-waiver', 'record-correction'], summary: '复核：全部减免并更正征信' });
    expect(reviewed.body).toMatchObject({ status: 'decided', outcome: 'upheld' });
    expect(reviewed.body.events.at(-1).payload.kind).toBe('review');
    expect((await act(id, 'close', {})).body.status).toBe('closed');
    expect((await act(id, 'reopen', { reason: '客户反映减免未到账' })).body.status).toBe('reopened');
    expect((await act(id, 'decide', { outcome: 'upheld', remedies: ['refund'], summary: '已退还' })).body.events.at(-1).payload.kind).toBe('redecision');

    const fraud = await open({ description: '有人冒用我的身份证在贵行贷款，我从未申请过这笔贷款。' });
    expect(fraud.body.fraudFlagged).toBe(true);
    const { rows: flagged } = await getDb().sql.query(`SELECT kind FROM timeline_events WHERE ref_id = $1 AND kind = 'complaint-fraud-flagged'`, [fraud.body.complaintId]);
    expect(flagged).toHaveLength(1);
  });

  it('flags an unhandled complaint as overdue once its first-handling limit passes', async () => {
    const { body } = await open({ description: '我的个人信息被泄露给了第三方推销公司，要求说明原因。' });
    const saved = hub.clock.now;
    try {
      hub.clock.now = new Date(WORKDAY_10AM.getTime() + 2 * 86_400_000);
      const overdue = await handler.request('/api/complaints?overdue=true&limit=200');
      expect(overdue.body.items.map((c: any) => c.id)).toContain(body.complaintId);
      const detail = await handler.request(`/api/complaints/${body.complaintId}`);
      expect(detail.body.clock.breaches).toEqual([expect.objectContaining({ clock: 'first-handling', kind: 'overdue' })]);
    } finally {
      hub.clock.now = saved;
    }
  });

  it('concurrent intakes each get their own complaint, acknowledgement and audit events, and the chain verifies', async () => {
    // Last in this block, on a customer of its own: the other tests count complaints and holds.
    const caller = await buildContactableCustomer(getDb(), { name: '钱多多' });
    const texts = Array.from({ length: 12 }, (_, i) => `${i % 2 ? INTEREST_TEXT : COLLECTION_TEXT}（第${i + 1}次来电）`);
    const answers = await Promise.all(texts.map((description) => open({ description, customerId: caller.id })));
    expect(answers.map((a) => a.status)).toEqual(texts.map(() => 201));
    const ids = answers.map((a) => a.body.complaintId as string);
    expect(new Set(ids).size).toBe(12);
    expect(new Set(answers.map((a) => a.body.referenceNumber)).size).toBe(12);
    const { rows } = await getDb().sql.query<{ id: string; description: string; acknowledgement_message_id: string; opened: number; tx: string }>(
      `SELECT c.id, c.description, c.acknowledgement_message_id, c.xmin::text AS tx,
              (SELECT count(*)::int FROM audit_events a WHERE a.entity_id = c.id::text AND a.action = 'complaint.opened') AS opened
         FROM complaints c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const [i, a] of answers.entries()) {
      const row = rows.find((r) => r.id === a.body.complaintId)!;
      expect(row).toMatchObject({ description: texts[i], acknowledgement_message_id: a.body.acknowledgement.messageId, opened: 1 });
    }
    // On PostgreSQL the writes that met at the database were committed together (platform/db/group-commit.ts).
    if (kind === 'postgres') expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(12);
    expect((await verifyAuditChain(getDb().sql)).ok).toBe(true);
  });
});
