import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch, buildIndividual, buildLoan } from '../../../../test/support/factories.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { withOneStatement } from '../../../platform/audit/index.ts';
import { changeContactFlag, closeContactHold, openContactHold, openContactHoldForNewCase, recordOptOut } from './contact-holds.ts';
import { randomUUID } from 'node:crypto';
import { contactContextFromJson, contactContextJson, loadContactContext, loadContactContexts, withOpenedHold } from './load-contact-context.ts';
import { timeZoneForPhone } from './phone-time-zones.ts';

const actor = systemActor('test');
const T = (iso: string) => new Date(iso);

describe('time zone from a phone number', () => {
  it.each([
    ['+8613800138000', 'Asia/Shanghai'],
    ['+85291234567', 'Asia/Hong_Kong'],
    ['+12125550123', 'America/New_York'],
    ['+14155550123', 'America/Los_Angeles'],
    ['+13125550123', 'America/Chicago'],
    ['+16025550123', 'America/Phoenix'],
    ['+15095550123', null], // an area code not in the table: no guess
    ['+442071234567', null],
  ])('%s → %s', (phone, zone) => {
    expect(timeZoneForPhone(phone)).toBe(zone);
  });
});

describeEachDatabase('loadContactContext', (getDb) => {
  beforeAll(async () => {
    await buildBranch(getDb());
    await buildBranch(getDb(), 'NY001', '纽约分行', 'New York Branch');
    await getDb().sql.query(`UPDATE branches SET jurisdiction_profile = 'us-reg-f', time_zone = 'America/New_York' WHERE id = 'NY001'`);
  });

  it('reads zones from the record and the phone, quiet hours, consents and the branch policy', async () => {
    const c = await buildIndividual(getDb(), { phone: '+12125550123', branchId: 'NY001' });
    await getDb().sql.query(`UPDATE customers SET time_zone = 'America/Los_Angeles' WHERE id = $1`, [c.id]);
    await getDb().sql.query(`INSERT INTO contact_preferences (customer_id, quiet_hours_start, quiet_hours_end) VALUES ($1, '12:00', '13:30')`, [c.id]);
    const { context, policy, customer } = await loadContactContext(getDb().sql, c.id, T('2026-11-26T02:00:00Z'));
    expect(customer.profile).toBe('us-reg-f');
    expect(policy.profile).toBe('us-reg-f');
    expect(context.customer.timeZones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(context.customer.quietHours).toEqual({ start: '12:00', end: '13:30' });
    expect(context.customer.debtorUnreachable).toBe(false);
    expect(context.consents).toEqual([{ purpose: 'servicing', channel: 'sms', grantedAt: T('2024-01-10T02:00:00Z'), withdrawnAt: null }]);
  });

  it('takes holds, flags and opt-outs as of the instant asked about', async () => {
    const c = await buildIndividual(getDb(), { phone: '+8613800138001' });
    const { loan } = await buildLoan(getDb(), c.id);
    await getDb().transaction(async (exec) => {
      const hold = await openContactHold(exec, { customerId: c.id, debtId: loan.id, type: 'dispute', sourceType: 'dispute', sourceId: 'D-1', reason: '对利息计算有异议', actor, at: T('2026-11-01T00:00:00Z') });
      const again = await openContactHold(exec, { customerId: c.id, debtId: loan.id, type: 'dispute', sourceType: 'dispute', sourceId: 'D-1', reason: 'duplicate call', actor, at: T('2026-11-01T00:05:00Z') });
      expect(again).toEqual({ holdId: hold.holdId, created: false });
      await closeContactHold(exec, { holdId: hold.holdId, reason: '已解释', actor, at: T('2026-11-10T00:00:00Z') });
      await changeContactFlag(exec, { customerId: c.id, flag: 'bereavement', action: 'set', reason: '配偶去世', actor, at: T('2026-11-05T00:00:00Z') });
      await recordOptOut(exec, { customerId: c.id, channel: 'sms', contactPointId: null, source: 'staff', text: null, actor, at: T('2026-11-20T00:00:00Z') });
    });
    const during = (await loadContactContext(getDb().sql, c.id, T('2026-11-06T00:00:00Z'))).context;
    expect(during.openCases).toEqual([{ type: 'dispute', debtId: loan.id, openedAt: T('2026-11-01T00:00:00Z') }]);
    expect(during.customer.flags).toEqual({ hardship: false, bereavement: true, vulnerable: false });
    expect(during.optOuts).toEqual([]);
    const after = (await loadContactContext(getDb().sql, c.id, T('2026-11-21T00:00:00Z'))).context;
    expect(after.openCases).toEqual([]);
    expect(after.optOuts).toEqual([{ channel: 'sms', at: T('2026-11-20T00:00:00Z') }]);
    const before = (await loadContactContext(getDb().sql, c.id, T('2026-10-01T00:00:00Z'))).context;
    expect(before.customer.flags.bereavement).toBe(false);
    await expect(getDb().transaction((exec) => closeContactHold(exec, { sourceType: 'dispute', sourceId: 'D-1', reason: 'again', actor, at: T('2026-11-11T00:00:00Z') })))
      .rejects.toMatchObject({ code: 'conflict' });
    const { rows } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_type IN ('contact-hold', 'customer') AND entity_id IN (SELECT id::text FROM contact_holds WHERE customer_id = $1 UNION SELECT $1::text) ORDER BY seq`, [c.id]);
    expect(rows.map((r) => r.action)).toEqual(['contact-hold.opened', 'contact-hold.closed', 'contact-flag.changed', 'contact.opted-out']);
  });

  it('reads the outbound contact history of the last two weeks, not replies and not the future', async () => {
    const c = await buildIndividual(getDb(), { phone: '+8613800138002' });
    const log = (at: string, direction = 'outbound', outcome = 'connected') =>
      getDb().sql.query(
        `INSERT INTO contact_attempts (customer_id, occurred_at, direction, channel, mode, purpose, outcome, actor_id) VALUES ($1, $2, $3, 'phone', 'human', 'collections', $4, 'staff:x')`,
        [c.id, at, direction, outcome],
      );
    await log('2026-11-01T02:00:00Z'); // too old
    await log('2026-11-25T02:00:00Z');
    await log('2026-11-25T03:00:00Z', 'inbound', 'received');
    await log('2026-11-27T02:00:00Z'); // after the instant
    const { context } = await loadContactContext(getDb().sql, c.id, T('2026-11-26T02:00:00Z'));
    expect(context.history.map((h) => h.at.toISOString())).toEqual(['2026-11-25T02:00:00.000Z']);
    expect(context.history[0]).toMatchObject({ channel: 'phone', mode: 'human', outcome: 'connected', relationship: 'self', agency: null });
  });

  it('says the debtor is unreachable when every own phone and e-mail is marked wrong', async () => {
    const c = await buildIndividual(getDb(), { phone: '+8613800138003' });
    await getDb().sql.query(`UPDATE contact_points SET marked_wrong_at = now() WHERE customer_id = $1`, [c.id]);
    expect((await loadContactContext(getDb().sql, c.id, T('2026-11-26T02:00:00Z'))).context.customer.debtorUnreachable).toBe(true);
  });

  // A few customers are read in one query (a message queued on a request), many in set-based
  // queries (the daily run), one as a JSON subquery of the caller's own read (complaint intake):
  // all must give the same context for the same customer.
  it('a hold opened for a new case inside one statement: stored with its timeline entry and audit event, and withOpenedHold gives the context read afterwards', async () => {
    const c = await buildIndividual(getDb(), { phone: '+8613800138078' });
    const { loan } = await buildLoan(getDb(), c.id);
    await getDb().transaction((exec) => openContactHold(exec, { customerId: c.id, debtId: loan.id, type: 'dispute', sourceType: 'dispute', sourceId: 'D-78', reason: '对账单有异议', actor, at: T('2026-11-02T00:00:00Z') }));
    const openedAt = T('2026-11-25T02:00:00.123Z');
    const beforeHold = await loadContactContext(getDb().sql, c.id, openedAt);
    const sourceId = randomUUID();
    const { holdId } = await withOneStatement(getDb(), async (exec) => {
      const opened = await openContactHoldForNewCase(exec, { customerId: c.id, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId, reason: '催收行为投诉', actor, at: openedAt });
      // Nothing is written until the statement is sent at the end.
      const { rows } = await exec.query(`SELECT id FROM contact_holds WHERE id = $1`, [opened.holdId]);
      expect(rows).toEqual([]);
      return opened;
    });
    const { rows: [hold] } = await getDb().sql.query(`SELECT type, source_type, source_id, debt_id, opened_at FROM contact_holds WHERE id = $1`, [holdId]);
    expect(hold).toMatchObject({ type: 'collection-conduct-complaint', source_type: 'complaint', source_id: sourceId, debt_id: null });
    expect(new Date(hold.opened_at as string)).toEqual(openedAt);
    const { rows: timeline } = await getDb().sql.query(`SELECT kind FROM timeline_events WHERE ref_id = $1`, [holdId]);
    expect(timeline).toEqual([{ kind: 'contact-hold-opened' }]);
    const { rows: audits } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [holdId]);
    expect(audits).toEqual([{ action: 'contact-hold.opened' }]);

    // The hold as the acknowledgement's check sees it (complaint intake) equals the context read again now that it is stored.
    const sortCases = (x: typeof beforeHold) => ({ ...x, context: { ...x.context, openCases: [...x.context.openCases].sort((a, b) => a.type.localeCompare(b.type)) } });
    const expected = withOpenedHold(beforeHold, { type: 'collection-conduct-complaint', debtId: null, openedAt });
    expect(expected.context.openCases).toHaveLength(2);
    expect(sortCases(await loadContactContext(getDb().sql, c.id, openedAt))).toEqual(sortCases(expected));
  });

  it('reads the same context through the one-query path (few customers), the set-based path (many) and the JSON subquery', async () => {
    const c = await buildIndividual(getDb(), { phone: '+8613800138077' });
    const { loan } = await buildLoan(getDb(), c.id);
    await getDb().sql.query(`INSERT INTO contact_preferences (customer_id, quiet_hours_start, quiet_hours_end) VALUES ($1, '21:00', '08:00')`, [c.id]);
    await getDb().sql.query(`INSERT INTO consents (customer_id, purpose, channel, granted_at, withdrawn_at) VALUES ($1, 'collections', 'sms', '2025-01-01T00:00:00Z', '2026-11-20T08:30:00.123Z')`, [c.id]);
    await getDb().sql.query(`UPDATE contact_points SET marked_wrong_at = '2026-11-15T01:02:03.456Z' WHERE customer_id = $1`, [c.id]);
    await getDb().sql.query(`INSERT INTO contact_points (customer_id, kind, value, relationship, is_primary, verified) VALUES ($1, 'email', 'zhang@example.cn', 'self', true, true)`, [c.id]);
    await getDb().transaction(async (exec) => {
      await openContactHold(exec, { customerId: c.id, debtId: loan.id, type: 'dispute', sourceType: 'dispute', sourceId: 'D-77', reason: '对账单有异议', actor, at: T('2026-11-02T03:04:05.678Z') });
      await changeContactFlag(exec, { customerId: c.id, flag: 'hardship', action: 'set', reason: '失业', actor, at: T('2026-11-03T00:00:00Z') });
      await recordOptOut(exec, { customerId: c.id, channel: 'email', contactPointId: null, source: 'staff', text: null, actor, at: T('2026-11-21T00:00:00Z') });
    });
    await getDb().sql.query(
      `INSERT INTO contact_attempts (customer_id, occurred_at, direction, channel, mode, purpose, debt_id, outcome, actor_id) VALUES ($1, '2026-11-24T06:00:00.5Z', 'outbound', 'phone', 'human', 'collections', $2, 'no-answer', 'staff:x')`,
      [c.id, loan.id],
    );
    const at = T('2026-11-25T02:00:00Z');
    const few = (await loadContactContexts(getDb().sql, [c.id], at)).get(c.id);
    const many = (await loadContactContexts(getDb().sql, [c.id, ...Array.from({ length: 20 }, () => randomUUID())], at)).get(c.id);
    expect(few).toBeDefined();
    expect(few!.context.consents.length + few!.context.optOuts.length + few!.context.openCases.length + few!.context.history.length).toBeGreaterThanOrEqual(5);
    expect(few).toEqual(many);
    const { rows: [row] } = await getDb().sql.query<{ ctx: unknown }>(`SELECT ${contactContextJson('$1::uuid', '$2')} AS ctx`, [c.id, at.toISOString()]);
    expect(contactContextFromJson(row!.ctx)).toEqual(few);
    const { rows: [none] } = await getDb().sql.query<{ ctx: unknown }>(`SELECT ${contactContextJson('$1::uuid', '$2')} AS ctx`, [randomUUID(), at.toISOString()]);
    expect(contactContextFromJson(none!.ctx)).toBeNull();
  });
});
