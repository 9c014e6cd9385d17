import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/client.ts';
import { evidenceStoreFor } from '../../../platform/evidence/evidence-service.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildLoan } from '../../../../test/support/factories.ts';
import { signInAs, signInBorrower, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture } from '../../communications/communications.test-support.ts';

const TODAY = '2026-11-26'; // the hub clock: Thursday 10:00 Asia/Shanghai

/** A contactable borrower whose only active loan has its first `paid` instalments paid, with an open case. */
async function delinquent(db: Database, paid: number, opts: { dpd: number; bucket: string }) {
  const c = await buildContactableCustomer(db);
  await db.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [c.loan.id]);
  const probe = await buildLoan(db, c.id);
  const amount = probe.schedule.slice(0, paid).reduce((s, i) => s + i.principalFen + i.interestFen + i.feeFen, 0);
  const { loan, schedule } = await buildLoan(db, c.id, { payments: amount > 0 ? [{ valueDate: probe.schedule[paid - 1]!.dueDate, amountFen: amount }] : [] });
  await db.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [probe.loan.id]);
  const { rows: [kase] } = await db.sql.query<{ id: string }>(
    `INSERT INTO collection_cases (loan_id, customer_id, opened_on, arm, dpd, bucket, updated_on) VALUES ($1, $2, $3, 'champion', $4, $5, $3) RETURNING id`,
    [loan.id, c.id, TODAY, opts.dpd, opts.bucket],
  );
  return { customer: c, loan, schedule, caseId: kase!.id };
}

const assign = (db: Database, customerId: string, assigneeId: string) =>
  db.sql.query(`INSERT INTO account_assignments (customer_id, assignee_id) VALUES ($1, $2)`, [customerId, assigneeId]);

describeEachDatabase('collections workbench: queue, outcomes, written agreements', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let collector: SignedInClient;
  let supervisor: SignedInClient;
  let mid: Awaited<ReturnType<typeof delinquent>>; // Oct + Nov unpaid: DPD 42, M2
  let early: Awaited<ReturnType<typeof delinquent>>; // Nov unpaid: DPD 11, M1
  let other: Awaited<ReturnType<typeof delinquent>>; // not assigned to the collector

  beforeAll(async () => {
    const db = getDb();
    hub = await hubFixture(db);
    mid = await delinquent(db, 8, { dpd: 42, bucket: 'M2' });
    early = await delinquent(db, 9, { dpd: 11, bucket: 'M1' });
    other = await delinquent(db, 9, { dpd: 11, bucket: 'M1' });
    collector = await signInAs(hub.api, db, { role: 'collector' });
    supervisor = await signInAs(hub.api, db, { role: 'supervisor' });
    await assign(db, mid.customer.id, collector.userId);
    await assign(db, early.customer.id, collector.userId);
  }, 60_000);

  it('the queue holds the collector\'s open cases only, ordered by expected recovery, with the call-now compliance answer', async () => {
    const res = await collector.request('/api/collections/queue');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(TODAY);
    const ids = res.body.items.map((i: { caseId: string }) => i.caseId);
    expect(ids).toEqual([mid.caseId, early.caseId]); // 2 instalments × 0.35 beats 1 × 0.6; `other` is not assigned
    const [first, second] = res.body.items;
    expect(first).toMatchObject({ rank: 1, dpd: 42, bucket: 'M2', customer: { id: mid.customer.id }, loan: { id: mid.loan.id }, lastContact: null, promiseDueToday: false });
    const oneInstalment = early.schedule[9]!.principalFen + early.schedule[9]!.interestFen;
    expect(second.overdueFen).toBe(oneInstalment);
    expect(first.overdueFen).toBe(mid.schedule[8]!.principalFen + mid.schedule[8]!.interestFen + oneInstalment);
    expect(first.priority.expectedRecoveryFen).toBe(Math.round(first.overdueFen * 0.35));
    expect(first.callNow).toMatchObject({ allowed: true, denials: [] });
    // Staff without collections.work get 403.
    const auditor = await signInAs(hub.api, getDb(), { role: 'compliance-auditor' });
    expect((await auditor.request('/api/collections/queue')).status).toBe(403);
  });

  it('a promise to pay due today is logged (promise row, contact log, timeline, audit) and moves the case to the top', async () => {
    const db = getDb();
    const res = await collector.request(`/api/collections/cases/${early.caseId}/outcomes`, {
      json: { outcome: 'promise-to-pay', willingness: 'willing-but-unable', promise: { dueOn: TODAY, amountFen: 100_000 }, note: '客户承诺今天下午还款' },
    });
    expect(res.status).toBe(201);
    const { rows: [promise] } = await db.sql.query<{ case_id: string; due_on: string; amount_fen: number; status: string }>(`SELECT case_id, due_on::text, amount_fen, status FROM promises_to_pay WHERE id = $1`, [res.body.promiseId]);
    expect(promise).toMatchObject({ case_id: early.caseId, due_on: TODAY, status: 'open' });
    expect(Number(promise!.amount_fen)).toBe(100_000);
    const { rows: [call] } = await db.sql.query<{ channel: string; outcome: string; purpose: string }>(`SELECT channel, outcome, purpose FROM contact_attempts WHERE id = $1`, [res.body.contactId]);
    expect(call).toEqual({ channel: 'phone', outcome: 'conversation', purpose: 'collections' });
    const { rows: tl } = await db.sql.query(`SELECT 1 FROM timeline_events WHERE customer_id = $1 AND module = 'collections' AND kind = 'collection-outcome'`, [early.customer.id]);
    expect(tl).toHaveLength(1);
    const { rows: audit } = await db.sql.query(`SELECT action FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY seq`, [early.caseId, res.body.promiseId]);
    expect(audit.map((a: any) => a.action)).toEqual(['collections.promise-to-pay.recorded', 'collections.outcome.logged']);
    const { rows: [kase] } = await db.sql.query<{ willingness: string }>(`SELECT willingness FROM collection_cases WHERE id = $1`, [early.caseId]);
    expect(kase!.willingness).toBe('willing-but-unable');

    const queue = await collector.request('/api/collections/queue');
    expect(queue.body.items[0]).toMatchObject({ caseId: early.caseId, promiseDueToday: true, nextAction: 'promise-follow-up' });
    expect(queue.body.items[0].lastContact.outcome).toBe('conversation');
  });

  it('a hardship outcome sets the hardship care flag; another collector\'s case is 404', async () => {
    const db = getDb();
    const res = await collector.request(`/api/collections/cases/${mid.caseId}/outcomes`, { json: { outcome: 'hardship', hardshipReason: 'income-loss', note: '工厂停工' } });
    expect(res.status).toBe(201);
    expect(res.body.hardshipFlagSet).toBe(true);
    const { rows: flags } = await db.sql.query<{ reason: string }>(`SELECT reason FROM customer_contact_flags WHERE customer_id = $1 AND flag = 'hardship' AND cleared_at IS NULL`, [mid.customer.id]);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.reason).toContain('income-loss');
    const { rows: [row] } = await db.sql.query<{ hardship_reason: string; willingness: string }>(`SELECT hardship_reason, willingness FROM collection_outcomes WHERE id = $1`, [res.body.outcomeId]);
    expect(row).toEqual({ hardship_reason: 'income-loss', willingness: 'willing-but-unable' });
    expect((await collector.request(`/api/collections/cases/${other.caseId}/outcomes`, { json: { outcome: 'no-answer' } })).status).toBe(404);
    const noReason = await collector.request(`/api/collections/cases/${mid.caseId}/outcomes`, { json: { outcome: 'hardship' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toContainEqual(expect.objectContaining({ message: 'hardship needs a reason / 经济困难须填写原因' }));
  });

  it('a dispute opens a contact hold, after which the engine refuses the next call and it is not logged as made', async () => {
    const db = getDb();
    const calls = async () => Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact_attempts WHERE customer_id = $1`, [other.customer.id])).rows[0]!.n);
    const dispute = await supervisor.request(`/api/collections/cases/${other.caseId}/outcomes`, { json: { outcome: 'dispute', disputeReason: '客户称已结清' } });
    expect(dispute.status).toBe(201);
    const { rows: holds } = await db.sql.query(`SELECT 1 FROM contact_holds WHERE id = $1 AND type = 'dispute' AND closed_at IS NULL`, [dispute.body.holdId]);
    expect(holds).toHaveLength(1);
    const made = await calls();
    const refused = await supervisor.request(`/api/collections/cases/${other.caseId}/outcomes`, { json: { outcome: 'reached' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('contact_refused');
    expect(await calls()).toBe(made);
    const queue = await supervisor.request('/api/collections/queue');
    expect(queue.body.items.find((i: { caseId: string }) => i.caseId === other.caseId).callNow.allowed).toBe(false);
  });

  it('wrong number marks the contact point wrong', async () => {
    const db = getDb();
    const res = await collector.request(`/api/collections/cases/${early.caseId}/outcomes`, { json: { outcome: 'wrong-number' } });
    expect(res.status).toBe(201);
    const { rows: [point] } = await db.sql.query<{ marked_wrong_at: Date | null }>(`SELECT marked_wrong_at FROM contact_points WHERE id = $1`, [early.customer.phonePointId]);
    expect(point!.marked_wrong_at).not.toBeNull();
    const queue = await collector.request('/api/collections/queue');
    expect(queue.body.items.find((i: { caseId: string }) => i.caseId === early.caseId).callNow).toMatchObject({ allowed: false });
  });

  it('quote → propose (PDF evidence) → supervisor approval → portal confirmation replaces the schedule', async () => {
    const db = getDb();
    const request = { kind: 'restructuring', termMonths: 12, arrearsCharges: 'capitalize', principalReductionFen: 10_000 };
    const quote = await collector.request(`/api/collections/cases/${mid.caseId}/arrangements/quote`, { json: request });
    expect(quote.status).toBe(200);
    expect(quote.body.requiresSupervisorApproval).toBe(true);
    expect(quote.body.schedule).toHaveLength(12);
    expect(quote.body.schedule[0].dueDate > TODAY).toBe(true);

    const created = await collector.request(`/api/collections/cases/${mid.caseId}/arrangements`, { json: request });
    expect(created.status).toBe(201);
    const agreement = created.body.agreement;
    expect(agreement).toMatchObject({ status: 'proposed', requiresSupervisorApproval: true, loanId: mid.loan.id });

    // The PDF is evidence linked to the customer and the loan, and really is a PDF.
    const { rows: [item] } = await db.sql.query<{ sha256: string; content_type: string; kind: string }>(`SELECT sha256, content_type, kind FROM evidence_items WHERE id = $1`, [agreement.pdfEvidenceId]);
    expect(item).toMatchObject({ content_type: 'application/pdf', kind: 'contract' });
    const { rows: links } = await db.sql.query<{ entity_type: string; entity_id: string }>(`SELECT entity_type, entity_id FROM evidence_links WHERE evidence_id = $1`, [agreement.pdfEvidenceId]);
    expect(links).toEqual(expect.arrayContaining([{ entity_type: 'customer', entity_id: mid.customer.id }, { entity_type: 'loan', entity_id: mid.loan.id }]));
    const stream = await evidenceStoreFor(hub.deps).get(item!.sha256);
    const bytes: Buffer[] = [];
    for await (const chunk of stream!) bytes.push(chunk as Buffer);
    expect(Buffer.concat(bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Not offered yet; the borrower does not see it and cannot confirm it.
    const borrower = await signInBorrower(hub.api, db, mid.customer.id, `b-${mid.customer.id.slice(0, 8)}`);
    expect((await borrower.request('/api/portal/agreements')).body.items).toHaveLength(0);
    expect((await borrower.request(`/api/portal/agreements/${agreement.id}/confirm`, { method: 'POST' })).status).toBe(404);

    // Collectors cannot approve; the supervisor can (a supervisor cannot approve their own proposal).
    expect((await collector.request(`/api/collections/agreements/${agreement.id}/approve`, { method: 'POST' })).status).toBe(403);
    const approved = await supervisor.request(`/api/collections/agreements/${agreement.id}/approve`, { method: 'POST' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('offered');

    const before = await supervisor.request(`/api/loans/${mid.loan.id}`);
    expect(before.body.delinquency.daysPastDue).toBe(42);

    const listed = await borrower.request('/api/portal/agreements');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([agreement.id]);
    const confirmed = await borrower.request(`/api/portal/agreements/${agreement.id}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await borrower.request(`/api/portal/agreements/${agreement.id}/confirm`, { method: 'POST' })).status).toBe(409);

    const after = await supervisor.request(`/api/loans/${mid.loan.id}`);
    expect(after.body.delinquency.daysPastDue).toBe(0);
    const paidRows = after.body.instalments.filter((i: { state: string }) => i.state === 'paid');
    expect(paidRows).toHaveLength(8); // paid history kept
    const future = after.body.instalments.filter((i: { state: string }) => i.state !== 'paid');
    expect(future.map((i: any) => ({ dueDate: i.dueDate, principalFen: i.principalFen, interestFen: i.interestFen, feeFen: i.feeFen })))
      .toEqual(quote.body.schedule.map((i: any) => ({ dueDate: i.dueDate, principalFen: i.principalFen, interestFen: i.interestFen, feeFen: i.feeFen })));
    const { rows: audit } = await db.sql.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [agreement.id]);
    expect(audit.map((a: any) => a.action)).toEqual(['collections.agreement.proposed', 'collections.agreement.approved', 'collections.agreement.confirmed']);
  });

  it('an agreement without concessions is offered at once; a supervisor cannot approve their own; another borrower gets 404', async () => {
    const db = getDb();
    const created = await collector.request(`/api/collections/cases/${early.caseId}/arrangements`, { json: { kind: 'grace-period', months: 2, interest: 'accrue' } });
    expect(created.status).toBe(201);
    expect(created.body.agreement).toMatchObject({ status: 'offered', requiresSupervisorApproval: false });

    const own = await supervisor.request(`/api/collections/cases/${other.caseId}/arrangements`, { json: { kind: 'instalment-plan', months: 36, feeFen: 1_000_000 } });
    expect(own.status).toBe(201);
    expect(own.body.agreement.status).toBe('proposed');
    expect((await supervisor.request(`/api/collections/agreements/${own.body.agreement.id}/approve`, { method: 'POST' })).status).toBe(403);

    const intruder = await signInBorrower(hub.api, db, other.customer.id, `b-${other.customer.id.slice(0, 8)}`);
    expect((await intruder.request(`/api/portal/agreements/${created.body.agreement.id}/confirm`, { method: 'POST' })).status).toBe(404);
    expect((await intruder.request('/api/portal/agreements')).body.items).toHaveLength(0);
    const { rows: [still] } = await db.sql.query<{ status: string }>(`SELECT status FROM repayment_agreements WHERE id = $1`, [created.body.agreement.id]);
    expect(still!.status).toBe('offered');
  });
});
