import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch } from '../../../../test/support/factories.ts';
import { createStaffUser, signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture, WORKDAY_10AM } from '../../communications/communications.test-support.ts';
import { watchComplaintDeadlines } from './watch-complaint-deadlines.ts';

const HOUR = 3_600_000;
const at = (hoursAfterReceipt: number) => new Date(WORKDAY_10AM.getTime() + hoursAfterReceipt * HOUR);

/**
 * The 15-minute watcher with a moving clock: warnings before each deadline, escalation to the branch
 * supervisors on breach, each exactly once however often the job runs.
 */
describeEachDatabase('complaint deadline watcher', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let handler: SignedInClient;
  let supervisorId: string;
  let otherBranchSupervisorId: string;
  let complaintId: string;
  let handledId: string;

  const watch = (now: Date) => {
    hub.clock.now = now;
    return watchComplaintDeadlines(hub.deps, now);
  };
  const notices = async (recipientId: string) =>
    (await getDb().sql.query<{ kind: string; entity_id: string; title_zh: string }>(
      `SELECT kind, entity_id, title_zh FROM staff_notifications WHERE recipient_id = $1 AND kind LIKE 'complaint-deadline-%' ORDER BY created_at, kind`, [recipientId],
    )).rows;

  beforeAll(async () => {
    hub = await hubFixture(getDb());
    await buildBranch(getDb(), 'SH001', '上海分行', 'Shanghai Branch');
    handler = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    supervisorId = (await createStaffUser(getDb(), { role: 'supervisor' })).id;
    otherBranchSupervisorId = (await createStaffUser(getDb(), { role: 'supervisor', branchId: 'SH001' })).id;
    const customer = await buildContactableCustomer(getDb(), { name: '郑浩' });
    const open = async (description: string) =>
      (await handler.request('/api/complaints', { json: { customerId: customer.id, channel: 'phone', description, ownerId: handler.userId } })).body.complaintId as string;
    complaintId = await open('我的贷款利息计算有误，这个月多扣了两百元手续费，请核实并退还。');
    handledId = await open('客服一直拖延处理我的提前还款申请，已经两个月没有答复。');
    expect((await handler.request(`/api/complaints/${handledId}/first-handling`, { json: { note: '已致电客户' } })).status).toBe(200);
  });

  it('stays quiet while no deadline is near', async () => {
    expect(await watch(at(1))).toMatchObject({ warnings: 0, breaches: 0, notifications: 0 });
    expect(await notices(handler.userId)).toEqual([]);
  });

  it('warns the handler 4 hours before first handling is due, once', async () => {
    const first = await watch(at(20)); // due at +24 h
    expect(first).toMatchObject({ warnings: 1, breaches: 0, notifications: 1 });
    expect(await watch(at(20.25))).toMatchObject({ warnings: 0, notifications: 0 }); // the next 15-minute run
    expect(await watch(at(23))).toMatchObject({ warnings: 0, notifications: 0 });
    const mine = await notices(handler.userId);
    expect(mine).toEqual([expect.objectContaining({ kind: 'complaint-deadline-warning', entity_id: complaintId })]);
    expect(mine[0]!.title_zh).toContain('初步处理');
  });

  it('escalates a missed first handling to the branch supervisors (not another branch), audited once', async () => {
    const breach = await watch(at(24));
    expect(breach).toMatchObject({ breaches: 1, notifications: 2 }); // the supervisor and the handler
    expect(await watch(at(24.25))).toMatchObject({ breaches: 0, notifications: 0 });
    expect(await notices(supervisorId)).toEqual([expect.objectContaining({ kind: 'complaint-deadline-escalated', entity_id: complaintId })]);
    expect(await notices(otherBranchSupervisorId)).toEqual([]);
    expect((await notices(handler.userId)).map((n) => n.kind)).toEqual(['complaint-deadline-warning', 'complaint-deadline-breached']);
    const { rows } = await getDb().sql.query<{ action: string; after: any }>(
      `SELECT action, after FROM audit_events WHERE entity_id = $1 AND action LIKE 'complaints.deadline.%' ORDER BY seq`, [complaintId],
    );
    expect(rows.map((r) => r.action)).toEqual(['complaints.deadline.breached', 'complaints.deadline.escalated']);
    expect(rows[1]!.after).toMatchObject({ clock: 'first-handling', dueAt: '2026-11-27T02:00:00.000Z', supervisors: [supervisorId] });
  });

  it('warns 3 days before the decision deadline and escalates its breach; a decided complaint is left alone', async () => {
    // Decision due 2026-12-11 24:00 Shanghai (2026-12-11T16:00Z); 3 days before is 12-08T16:00Z.
    const before = await watch(new Date('2026-12-08T15:00:00Z'));
    expect(before).toMatchObject({ warnings: 0, breaches: 0 });
    const warn = await watch(new Date('2026-12-08T16:00:00Z'));
    expect(warn).toMatchObject({ warnings: 2, breaches: 0 }); // both complaints' decisions
    const decided = await handler.request(`/api/complaints/${handledId}/decide`, { json: { outcome: 'not-upheld', remedies: [], summary: '经核查合同约定清楚' } });
    expect(decided.status).toBe(200);
    const breach = await watch(new Date('2026-12-11T16:00:00Z'));
    expect(breach).toMatchObject({ warnings: 0, breaches: 1 });
    expect((await notices(supervisorId)).map((n) => n.kind)).toEqual(['complaint-deadline-escalated', 'complaint-deadline-escalated']);
    const { rows } = await getDb().sql.query<{ clock: string; kind: string }>(`SELECT clock, kind FROM complaint_deadline_alerts WHERE complaint_id = $1 ORDER BY raised_at, clock`, [handledId]);
    expect(rows).toEqual([{ clock: 'decision', kind: 'warning' }]);
    expect(await watch(new Date('2026-12-12T02:00:00Z'))).toMatchObject({ warnings: 0, breaches: 0, notifications: 0 });
  });
});
