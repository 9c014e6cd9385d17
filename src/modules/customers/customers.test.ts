import { describe, it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { buildBranch, buildIndividual, buildLoan } from '../../../test/support/factories.ts';
import { signInAs, type SignedInClient } from '../../../test/support/sessions.ts';

describeEachDatabase('customer search and profile API', (getDb) => {
  let api: SignedInClient;
  let zhang: Awaited<ReturnType<typeof buildIndividual>>;

  beforeAll(async () => {
    await buildBranch(getDb());
    zhang = await buildIndividual(getDb(), { name: '张建国', phone: '+8613800138000', externalId: 'CUST-0001' });
    await buildIndividual(getDb(), { name: '李秀英' });
    await buildLoan(getDb(), zhang.id, { loanNumber: 'LN-WC-500K' });
    // A supervisor of the branch sees the branch's customers with personal data unmasked.
    api = await signInAs(buildTestApp(getDb()), getDb(), { role: 'supervisor' });
  });

  it.each([
    ['a partial name', '建国', 'name'],
    ['the resident ID number', () => zhang.idNumber, 'id-number'],
    ['the phone as typed locally', '138 0013 8000', 'phone'],
    ['the loan number', 'LN-WC-500K', 'loan-number'],
    ['the customer number', 'CUST-0001', 'customer-number'],
  ])('finds a customer by %s', async (_label, q, matchedOn) => {
    const query = typeof q === 'function' ? q() : q;
    const res = await api.request(`/api/customers?q=${encodeURIComponent(query)}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.name)).toEqual(['张建国']);
    expect(res.body.items[0].matchedOn).toBe(matchedOn);
  });

  it('never returns the clear ID number, only the masked form', async () => {
    const res = await api.request(`/api/customers?q=${zhang.idNumber}`);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(zhang.idNumber);
    expect(res.body.items[0].idNumberMasked).toBe(`${zhang.idNumber.slice(0, 6)}********${zhang.idNumber.slice(-4)}`);
  });

  it('treats LIKE wildcards typed by a user as literal characters', async () => {
    const res = await api.request(`/api/customers?q=${encodeURIComponent('%')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('rejects an empty query with a problem+json naming the field', async () => {
    const res = await api.request('/api/customers?q=');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors[0].field).toBe('query.q');
    expect(res.body.detailZh).toBeTruthy();
  });

  it('returns the profile with contact points and consents', async () => {
    const res = await api.request(`/api/customers/${zhang.id}`);
    expect(res.status).toBe(200);
    expect(res.body.branch.nameZh).toBe('北京分行');
    expect(res.body.contactPoints).toMatchObject([{ kind: 'phone', value: '+8613800138000', relationship: 'self' }]);
    expect(res.body.consents).toMatchObject([{ purpose: 'servicing', channel: 'sms', active: true }]);
  });

  it('answers 404 problem+json for an unknown customer and 422 for a malformed id', async () => {
    const missing = await api.request('/api/customers/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const malformed = await api.request('/api/customers/not-a-uuid');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'param.customerId', message: 'Invalid UUID / 编号格式不正确（应为 UUID）' });
  });

  it('puts the disbursement on the customer timeline', async () => {
    const res = await api.request(`/api/customers/${zhang.id}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ kind: 'loan-disbursed', amountFen: 50_000_000, summaryZh: '贷款 LN-WC-500K 放款' }),
    );
  });

  it('lists entries of the same instant latest-written first, however the rows are stored', async () => {
    const li = await buildIndividual(getDb(), { name: '李晓梅' });
    const at = '2026-11-26T02:00:00Z';
    for (const kind of ['complaint-opened', 'message-queued', 'contact-hold-opened']) {
      await getDb().sql.query(
        `INSERT INTO timeline_events (customer_id, occurred_at, module, kind, summary_zh, summary_en) VALUES ($1, $2, 'test', $3, $3, $3)`,
        [li.id, at, kind],
      );
    }
    // Rewriting the first entry moves its row to the end of the table: storage order is not write order.
    await getDb().sql.query(`UPDATE timeline_events SET detail = '{"redacted": true}' WHERE customer_id = $1 AND kind = 'complaint-opened'`, [li.id]);
    const res = await api.request(`/api/customers/${li.id}/timeline`);
    expect(res.body.items.map((e: { kind: string }) => e.kind)).toEqual(['contact-hold-opened', 'message-queued', 'complaint-opened']);
  });
});

describe('system endpoints', () => {
  it('documents itself: OpenAPI 3.1 lists the customer routes and the docs page renders', async () => {
    const { openDatabase } = await import('../../platform/db/client.ts');
    const db = await openDatabase({ kind: 'pglite' });
    const api = buildTestApp(db);
    const doc = await api.request('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/customers', '/customers/{customerId}', '/customers/{customerId}/loans']));
    const page = await api.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/customers/{customerId}/loans');
    const health = await api.request('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'pglite' });
    const unknown = await api.request('/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    await db.close();
  });
});
