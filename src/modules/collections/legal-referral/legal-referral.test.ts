import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../../platform/auth/actor.ts';
import { createEvidence, evidenceStoreFor } from '../../../platform/evidence/evidence-service.ts';
import { classifyUpload } from '../../../platform/evidence/evidence-upload.ts';
import { EvidenceUploadFields } from '../../../platform/evidence/evidence.contract.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch, buildLoan } from '../../../../test/support/factories.ts';
import { signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { hubFixture } from '../../communications/communications.test-support.ts';
import { assign, delinquent, proposalAction, TODAY } from '../workbench/workbench.test-support.ts';

async function* bytes(b: Buffer) {
  yield b;
}

describeEachDatabase('legal referral packages: evidence chain, four-eyes approval, the approvals list and the case view', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let collector: SignedInClient;
  let supervisor: SignedInClient;
  let supervisor2: SignedInClient;
  let severe: Awaited<ReturnType<typeof delinquent>>;
  let other: Awaited<ReturnType<typeof delinquent>>;
  let actionId: string;

  beforeAll(async () => {
    const db = getDb();
    hub = await hubFixture(db);
    severe = await delinquent(db, 6, { dpd: 103, bucket: 'M4' });
    other = await delinquent(db, 8, { dpd: 42, bucket: 'M2' });
    collector = await signInAs(hub.api, db, { role: 'collector' });
    supervisor = await signInAs(hub.api, db, { role: 'supervisor' });
    supervisor2 = await signInAs(hub.api, db, { role: 'supervisor' });
    await assign(db, severe.customer.id, collector.userId);
    actionId = await proposalAction(db, { caseId: severe.caseId, loanId: severe.loan.id, customerId: severe.customer.id }, 'legal-referral-proposal');
    // The loan contract, as the core system's document import would store it.
    const staged = await evidenceStoreFor(hub.deps).stage(bytes(Buffer.from('%PDF-1.4\n% loan contract\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')), { maxBytes: 1_000_000 });
    await createEvidence(hub.deps, {}, systemActor('test'), {
      staged, fileName: '借款合同.pdf', verdict: await classifyUpload(staged, '借款合同.pdf'), requestId: null,
      input: EvidenceUploadFields.parse({ kind: 'contract', links: [`loan:${severe.loan.id}`] }),
    });
    await db.sql.query(`INSERT INTO promises_to_pay (case_id, loan_id, promised_on, due_on, amount_fen, status, recorded_by) VALUES ($1, $2, '2026-11-01', '2026-11-10', 50000, 'broken', 'test')`, [severe.caseId, severe.loan.id]);
  }, 60_000);

  it('a collector assembles the package: contract, statement, contact history and the broken promise, attached to the run\'s proposal, with a PDF index', async () => {
    const db = getDb();
    expect((await collector.request(`/api/collections/cases/${severe.caseId}/outcomes`, { json: { outcome: 'refused', willingness: 'unwilling' } })).status).toBe(201);
    const res = await collector.request(`/api/collections/cases/${severe.caseId}/legal-referrals`, { json: { kind: 'legal', note: '恶意拖欠，多次承诺未履行' } });
    expect(res.status).toBe(201);
    const pkg = res.body;
    expect(pkg).toMatchObject({ status: 'proposed', kind: 'legal', actionId, caseId: severe.caseId });
    expect(pkg.contents.contracts.map((c: { fileName: string }) => c.fileName)).toEqual(['借款合同.pdf']);
    expect(pkg.contents.statement.totals.overdueInstalments).toBe(severe.schedule.filter((i) => i.dueDate < TODAY).length - 6);
    expect(pkg.contents.statement.payments).toHaveLength(1);
    expect(pkg.contents.contactHistory.contacts).toEqual([expect.objectContaining({ channel: 'phone', outcome: 'refused' })]);
    expect(pkg.contents.broken.promises).toEqual([expect.objectContaining({ dueOn: '2026-11-10', amountFen: 50000 })]);
    // Refused is not "reached": the checklist says the contact history is short, so the package is not complete.
    expect(pkg.contents.checklist.map((c: { item: string; ok: boolean }) => [c.item, c.ok])).toEqual([['contract', true], ['debt', true], ['contact-history', false], ['default-shown', true]]);
    expect(pkg.contents.complete).toBe(false);

    const { rows: [pdf] } = await db.sql.query<{ content_type: string }>(`SELECT content_type FROM evidence_items WHERE id = $1`, [pkg.pdfEvidenceId]);
    expect(pdf!.content_type).toBe('application/pdf');
    const { rows: links } = await db.sql.query<{ entity_type: string }>(`SELECT entity_type FROM evidence_links WHERE evidence_id = $1 ORDER BY entity_type`, [pkg.pdfEvidenceId]);
    expect(links.map((l) => l.entity_type)).toEqual(['case', 'customer', 'loan']);

    expect((await collector.request(`/api/collections/cases/${severe.caseId}/legal-referrals`, { json: { kind: 'external-agency' } })).status).toBe(409);
    expect((await collector.request(`/api/collections/cases/${other.caseId}/legal-referrals`, { json: { kind: 'legal' } })).status).toBe(404); // not assigned
    expect((await collector.request(`/api/collections/cases/${severe.caseId}/legal-referrals`, { json: { kind: 'court' } })).status).toBe(422);
  });

  it('the supervisor sees it in the approvals list; a collector cannot decide; a rejection needs a reason; approval closes the run\'s action', async () => {
    const db = getDb();
    const approvals = await supervisor.request('/api/collections/approvals');
    expect(approvals.status).toBe(200);
    const [pkg] = approvals.body.referrals.filter((r: { caseId: string }) => r.caseId === severe.caseId);
    expect(pkg).toMatchObject({ customerName: severe.customer.name, status: 'proposed' });
    expect(approvals.body.pendingProposals.map((p: { actionId: string }) => p.actionId)).not.toContain(actionId); // it has its package now
    expect((await collector.request('/api/collections/approvals')).status).toBe(403);
    // A supervisor of another branch sees nothing of this branch's.
    await buildBranch(getDb(), 'SH001', '上海分行', 'Shanghai Branch');
    const shanghai = await signInAs(hub.api, getDb(), { role: 'supervisor', branchId: 'SH001' });
    const theirs = await shanghai.request('/api/collections/approvals');
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ agreements: [], referrals: [], pendingProposals: [] });

    expect((await collector.request(`/api/collections/legal-referrals/${pkg.id}/approve`, { json: {} })).status).toBe(403);
    const noReason = await supervisor.request(`/api/collections/legal-referrals/${pkg.id}/reject`, { json: {} });
    expect(noReason.status).toBe(422);
    const approved = await supervisor.request(`/api/collections/legal-referrals/${pkg.id}/approve`, { json: { reason: '证据齐全' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: `staff:${supervisor.userId}` });
    expect((await supervisor2.request(`/api/collections/legal-referrals/${pkg.id}/reject`, { json: { reason: 'late' } })).status).toBe(409);

    const { rows: [action] } = await db.sql.query<{ status: string; status_reason: string }>(`SELECT status, status_reason FROM collection_actions WHERE id = $1`, [actionId]);
    expect(action!.status).toBe('done');
    expect(action!.status_reason).toContain('approved');
    const { rows: audit } = await db.sql.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [pkg.id]);
    expect(audit.map((a) => a.action)).toEqual(['collections.legal-referral.proposed', 'collections.legal-referral.approved']);
  });

  it('a supervisor never decides their own proposal; another supervisor rejects it with a reason; run proposals without a package are listed', async () => {
    const db = getDb();
    const pending = await proposalAction(db, { caseId: other.caseId, loanId: other.loan.id, customerId: other.customer.id }, 'external-agency-proposal');
    const before = await supervisor.request('/api/collections/approvals');
    expect(before.body.pendingProposals).toEqual([expect.objectContaining({ actionId: pending, caseId: other.caseId, kind: 'external-agency-proposal' })]);

    const own = await supervisor.request(`/api/collections/cases/${other.caseId}/legal-referrals`, { json: { kind: 'external-agency' } });
    expect(own.status).toBe(201);
    expect(own.body.actionId).toBe(pending);
    expect((await supervisor.request(`/api/collections/legal-referrals/${own.body.id}/approve`, { json: {} })).status).toBe(403);
    const rejected = await supervisor2.request(`/api/collections/legal-referrals/${own.body.id}/reject`, { json: { reason: '先安排上门走访' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '先安排上门走访' });
    const { rows: [audit] } = await db.sql.query<{ reason: string }>(`SELECT reason FROM audit_events WHERE entity_id = $1 AND action = 'collections.legal-referral.rejected'`, [own.body.id]);
    expect(audit!.reason).toBe('先安排上门走访');
    // After a rejection a new package may be proposed.
    expect((await supervisor.request(`/api/collections/cases/${other.caseId}/legal-referrals`, { json: { kind: 'legal' } })).status).toBe(201);
  });

  it('the case view carries the call-now answer, outcomes, promises and referral packages; out of scope is 404', async () => {
    const res = await collector.request(`/api/collections/cases/${severe.caseId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: severe.caseId, status: 'open', dpd: 103, bucket: 'M4', willingness: 'unwilling', customer: { id: severe.customer.id }, loan: { id: severe.loan.id } });
    expect(res.body.segmentId).toBe('severe'); // the segment of the case's latest action
    expect(res.body.callNow).toMatchObject({ allowed: true });
    expect(res.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['refused']);
    expect(res.body.promises).toEqual([expect.objectContaining({ status: 'broken', amountFen: 50000 })]);
    expect(res.body.referrals.map((r: { status: string }) => r.status)).toEqual(['approved']);
    expect(res.body.actions.map((a: { id: string }) => a.id)).toContain(actionId);
    expect(res.body.otherOpenCases).toEqual([]);
    expect(res.body.openComplaints).toEqual([]);
    // A second delinquent loan and an open complaint of the same customer show on the account view.
    const db = getDb();
    const { loan: second } = await buildLoan(db, severe.customer.id);
    const { rows: [secondCase] } = await db.sql.query<{ id: string }>(
      `INSERT INTO collection_cases (loan_id, customer_id, opened_on, arm, dpd, bucket, updated_on) VALUES ($1, $2, $3, 'champion', 5, 'M1', $3) RETURNING id`, [second.id, severe.customer.id, TODAY],
    );
    await db.sql.query(
      `INSERT INTO complaints (reference_number, channel, received_at, status, description, created_by, created_at, updated_at, customer_id)
       VALUES ('TS-2026-990001', 'phone', now(), 'in-progress', '催收电话太频繁', 'test', now(), now(), $1)`, [severe.customer.id],
    );
    const again = await collector.request(`/api/collections/cases/${severe.caseId}`);
    expect(again.body.otherOpenCases).toEqual([{ caseId: secondCase!.id, loanNumber: second.loanNumber, dpd: 5, bucket: 'M1' }]);
    expect((await collector.request(`/api/collections/cases/${secondCase!.id}`)).body.segmentId).toBeNull(); // no treatment yet
    expect(again.body.openComplaints).toEqual([expect.objectContaining({ referenceNumber: 'TS-2026-990001', status: 'in-progress' })]);
    expect((await collector.request(`/api/collections/cases/${other.caseId}`)).status).toBe(404);
    expect((await collector.request('/api/collections/cases/not-a-uuid')).status).toBe(404);
  });
});
