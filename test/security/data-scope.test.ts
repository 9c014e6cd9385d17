import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';
import { buildBranch, buildIndividual, buildLoan } from '../support/factories.ts';
import { createStaffUser, signIn, signInAs, signInBorrower } from '../support/sessions.ts';
import { customers } from '../../src/modules/customers/customers.schema.ts';
import { accountAssignments } from '../../src/modules/collections/assignments.schema.ts';
import { eq } from 'drizzle-orm';

/** Data scoping on the server: ids from another scope behave exactly like ids that do not exist. */
describeEachDatabase('data scope', (getDb) => {
  let api: ReturnType<typeof buildTestApp>;
  const ids: Record<string, string> = {};
  const loanIds: Record<string, string> = {};

  beforeAll(async () => {
    const db = getDb();
    await buildBranch(db, 'BJ001', '北京分行', 'Beijing Branch');
    await buildBranch(db, 'SH001', '上海分行', 'Shanghai Branch');
    api = buildTestApp(db);
    const rm = await createStaffUser(db, { role: 'relationship-manager', employeeCode: 'RM-BJ' });
    const collector = await createStaffUser(db, { role: 'collector', employeeCode: 'COL-BJ', team: 'BJ-T1' });
    ids.ownBook = (await buildIndividual(db, { name: '客户经理名下' })).id;
    await db.db.update(customers).set({ relationshipManagerId: rm.id }).where(eq(customers.id, ids.ownBook));
    ids.assignedToMe = (await buildIndividual(db, { name: '分给我的' })).id;
    ids.assignedToTeam = (await buildIndividual(db, { name: '分给团队的' })).id;
    ids.unassigned = (await buildIndividual(db, { name: '未分配的' })).id;
    ids.shanghai = (await buildIndividual(db, { name: '上海客户', branchId: 'SH001' })).id;
    await db.db.insert(accountAssignments).values([
      { customerId: ids.assignedToMe, assigneeId: collector.id },
      { customerId: ids.assignedToTeam, team: 'BJ-T1' },
    ]);
    for (const [k, id] of Object.entries(ids)) loanIds[k] = (await buildLoan(db, id)).loan.id;
  });

  const visibleTo = async (client: Awaited<ReturnType<typeof signIn>>) => {
    const seen: string[] = [];
    for (const [k, id] of Object.entries(ids)) {
      const profile = await client.request(`/api/customers/${id}`);
      const loan = await client.request(`/api/loans/${loanIds[k]}`);
      expect([200, 404]).toContain(profile.status);
      expect(loan.status, `loan and customer agree for ${k}`).toBe(profile.status);
      if (profile.status === 200) seen.push(k);
    }
    return seen.sort();
  };

  it('a branch supervisor sees their branch only', async () => {
    const supervisor = await signInAs(api, getDb(), { role: 'supervisor', branchId: 'BJ001' });
    expect(await visibleTo(supervisor)).toEqual(['assignedToMe', 'assignedToTeam', 'ownBook', 'unassigned']);
    const search = await supervisor.request(`/api/customers?q=${encodeURIComponent('上海客户')}`);
    expect(search.body).toEqual({ items: [], total: 0 });
  });

  it('a head-office risk officer (no branch) sees every branch', async () => {
    const risk = await signInAs(api, getDb(), { role: 'risk-officer', branchId: null });
    expect(await visibleTo(risk)).toHaveLength(5);
  });

  it('a collector sees what is assigned to them or their team', async () => {
    expect(await visibleTo(await signIn(api, 'COL-BJ'))).toEqual(['assignedToMe', 'assignedToTeam']);
  });

  it('a relationship manager sees their own book', async () => {
    expect(await visibleTo(await signIn(api, 'RM-BJ'))).toEqual(['ownBook']);
  });

  it('a borrower sees only their own loans in the portal', async () => {
    const borrower = await signInBorrower(api, getDb(), ids.ownBook, 'CUST-SCOPE');
    const loans = await borrower.request('/api/portal/loans');
    expect(loans.status).toBe(200);
    expect(loans.body.items.map((l: any) => l.id)).toEqual([loanIds.ownBook]);
    expect((await borrower.request(`/api/customers/${ids.unassigned}`)).status).toBe(401);
  });
});
