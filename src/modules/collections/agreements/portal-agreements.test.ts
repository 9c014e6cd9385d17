import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs, signInBorrower, type SignedInClient } from '../../../../test/support/sessions.ts';
import { hubFixture } from '../../communications/communications.test-support.ts';
import { assign, delinquent } from '../workbench/workbench.test-support.ts';

describeEachDatabase('portal agreements: the PDF, calendar dates, and an offer that lapses', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let collector: SignedInClient;
  let kase: Awaited<ReturnType<typeof delinquent>>;
  let other: Awaited<ReturnType<typeof delinquent>>;

  beforeAll(async () => {
    const db = getDb();
    hub = await hubFixture(db);
    kase = await delinquent(db, 8, { dpd: 42, bucket: 'M2' });
    other = await delinquent(db, 9, { dpd: 11, bucket: 'M1' });
    collector = await signInAs(hub.api, db, { role: 'collector' });
    await assign(db, kase.customer.id, collector.userId);
  }, 60_000);

  it('the borrower downloads their agreement\'s PDF (a custody event); another borrower gets 404; dates are calendar dates', async () => {
    const db = getDb();
    const created = await collector.request(`/api/collections/cases/${kase.caseId}/arrangements`, { json: { kind: 'instalment-plan', months: 6 } });
    expect(created.status).toBe(201);
    const a = created.body.agreement;
    expect(a.status).toBe('offered');
    expect(a.asOf).toBe('2026-11-26');
    expect(a.expiresOn).toBe('2026-12-10');
    const borrower = await signInBorrower(hub.api, db, kase.customer.id, `b-${kase.customer.id.slice(0, 8)}`);
    const pdf = await borrower.request(`/api/portal/agreements/${a.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
    const { rows } = await db.sql.query(`SELECT 1 FROM audit_events WHERE action = 'evidence.downloaded' AND entity_id = $1`, [a.pdfEvidenceId]);
    expect(rows).toHaveLength(1);
    const intruder = await signInBorrower(hub.api, db, other.customer.id, `b-${other.customer.id.slice(0, 8)}`);
    expect((await intruder.request(`/api/portal/agreements/${a.id}/pdf`)).status).toBe(404);
  });

  it('an offer confirmed after its confirm-by date lapses: 409, status expired, the schedule untouched', async () => {
    const db = getDb();
    const created = await collector.request(`/api/collections/cases/${kase.caseId}/arrangements`, { json: { kind: 'grace-period', months: 1, interest: 'accrue' } });
    const id = created.body.agreement.id;
    const before = (await db.sql.query(`SELECT count(*)::int AS n FROM instalments WHERE loan_id = $1`, [kase.loan.id])).rows[0];
    hub.clock.now = new Date('2026-12-11T02:00:00Z'); // the day after 2026-12-10
    try {
      const borrower = await signInBorrower(hub.api, db, kase.customer.id, `b-${kase.customer.id.slice(0, 8)}`);
      const late = await borrower.request(`/api/portal/agreements/${id}/confirm`, { method: 'POST' });
      expect(late.status).toBe(409);
      const { rows: [row] } = await db.sql.query<{ status: string }>(`SELECT status FROM repayment_agreements WHERE id = $1`, [id]);
      expect(row!.status).toBe('expired');
      expect((await db.sql.query(`SELECT count(*)::int AS n FROM instalments WHERE loan_id = $1`, [kase.loan.id])).rows[0]).toEqual(before);
    } finally {
      hub.clock.now = new Date('2026-11-26T02:00:00Z');
    }
  });
});
