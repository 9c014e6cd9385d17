import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildTestApp } from '../../../../test/support/test-app.ts';
import { buildBranch, buildIndividual } from '../../../../test/support/factories.ts';
import { signInAs, signInBorrower, type SignedInClient } from '../../../../test/support/sessions.ts';

describeEachDatabase('portal: a borrower writes to the lender', (getDb) => {
  let borrower: SignedInClient;
  let supervisor: SignedInClient;
  let customerId: string;

  beforeAll(async () => {
    await buildBranch(getDb());
    customerId = (await buildIndividual(getDb(), { name: '周敏' })).id;
    const api = buildTestApp(getDb());
    borrower = await signInBorrower(api, getDb(), customerId, 'CUST-REPLY');
    supervisor = await signInAs(api, getDb(), { role: 'supervisor' });
  });

  it('lands on the customer timeline and in the contact log as an inbound portal contact', async () => {
    const res = await borrower.request('/api/portal/messages', { json: { text: '我下周五可以先还一半，请联系我商量分期。' } });
    expect(res.status).toBe(201);
    const timeline = await supervisor.request(`/api/customers/${customerId}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'portal-reply', summaryZh: expect.stringContaining('我下周五可以先还一半') });
    const { rows } = await getDb().sql.query<{ direction: string; channel: string }>(
      `SELECT direction, channel FROM contact_attempts WHERE customer_id = $1`, [customerId],
    );
    expect(rows).toEqual([{ direction: 'inbound', channel: 'portal' }]);
  });

  it('refuses an empty message with a field error', async () => {
    const res = await borrower.request('/api/portal/messages', { json: { text: '   ' } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('text');
  });
});
