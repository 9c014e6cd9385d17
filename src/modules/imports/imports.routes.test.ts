import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { signInAs, type SignedInClient } from '../../../test/support/sessions.ts';
import { fixture, insertReferenceData } from './imports.test-support.ts';

describeEachDatabase('imports through the API', (getDb) => {
  let admin: SignedInClient;
  let summary: any;

  beforeAll(async () => {
    await insertReferenceData(getDb());
    admin = await signInAs(buildTestApp(getDb()), getDb(), { role: 'administrator', branchId: null });
    const res = await admin.request('/api/imports/customers?fileName=customers-problems.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: fixture('customers-problems.csv'),
    });
    expect(res.status).toBe(200);
    summary = res.body;
  });

  it('imports the valid rows and reports each rejected row with line, column and reason', () => {
    expect(summary.inserted).toBeGreaterThan(0);
    expect(summary.rejected).toBeGreaterThan(0);
    expect(summary.read).toBe(summary.inserted + summary.rejected);
    expect(summary.rejections).toContainEqual(expect.objectContaining({ line: 3, column: 'id_number' }));
  });

  it('re-sending the same file changes nothing', async () => {
    const again = await admin.request('/api/imports/customers?fileName=customers-problems.csv', {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: fixture('customers-problems.csv'),
    });
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: summary.inserted, rejected: summary.rejected });
  });

  it('offers the full rejection report as CSV and lists the run', async () => {
    const csv = await admin.request(`/api/imports/${summary.runId}/rejections.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('line,column,reason,raw_value'); // the UTF-8 BOM (for Excel) is consumed by the decoder
    expect(csv.body.split('\r\n').filter(Boolean).length - 1).toBeGreaterThanOrEqual(summary.rejected);
    const runs = await admin.request('/api/imports');
    expect(runs.body.items[0]).toMatchObject({ kind: 'customers', status: 'completed', fileName: 'customers-problems.csv' });
  });

  it('audits the run with the signed-in administrator as actor', async () => {
    const { rows } = await getDb().sql.query<{ actor_id: string; entity_id: string }>(
      `SELECT actor_id, entity_id FROM audit_events WHERE action = 'import.completed' ORDER BY seq`,
    );
    expect(rows[0]).toEqual({ actor_id: `staff:${admin.userId}`, entity_id: summary.runId });
  });

  it('refuses an unknown kind and a file without the required columns', async () => {
    const unknown = await admin.request('/api/imports/payments', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' });
    expect(unknown.status).toBe(422);
    const missing = await admin.request('/api/imports/loans', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'loan_number\nLN1\n' });
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toMatch(/customer_external_id/);
  });
});
