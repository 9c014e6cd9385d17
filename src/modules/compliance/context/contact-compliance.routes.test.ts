import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture } from '../../communications/communications.test-support.ts';

const NIGHT = new Date('2026-11-26T14:30:00Z'); // 22:30 in Shanghai
const NEXT_MORNING = '2026-11-27T00:00:00.000Z'; // 08:00 in Shanghai

describeEachDatabase('contact compliance API: contactability, checks, overrides, refusals', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let supervisor: SignedInClient;
  let collector: SignedInClient;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    supervisor = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    collector = await signInAs(hub.api, getDb(), { role: 'collector', team: 'T1' });
  });

  it('answers "can we contact now, on which channel, and if not, when"', async () => {
    const c = await buildContactableCustomer(getDb());
    hub.clock.now = NIGHT;
    try {
      const res = await supervisor.request(`/api/customers/${c.id}/contactability?purpose=collections`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ purpose: 'collections', profile: 'cn-mainland', timeZones: ['Asia/Shanghai'] });
      const sms = res.body.channels.find((r: { channel: string }) => r.channel === 'sms');
      expect(sms).toMatchObject({ contactPointId: c.phonePointId, value: c.phone, allowedNow: false, earliestAllowedAt: NEXT_MORNING });
      expect(sms.denials[0]).toMatchObject({ rule: 'contact-hours', overridable: true });
      expect(sms.denials[0].messageZh).toBeTruthy();
      const letter = res.body.channels.find((r: { channel: string }) => r.channel === 'letter');
      expect(letter).toBeUndefined(); // no postal address on file
      expect(res.body.contactableNow).toBe(false);
      expect(res.body.nextAllowedAt).toBe(NEXT_MORNING);
    } finally {
      hub.clock.now = new Date('2026-11-26T02:00:00Z');
    }
    const day = await supervisor.request(`/api/customers/${c.id}/contactability`);
    expect(day.body.contactableNow).toBe(true);
    expect(day.body.channels.find((r: { channel: string }) => r.channel === 'phone')).toMatchObject({ allowedNow: true, denials: [] });
  });

  it('masks contact points for roles that may not see personal data', async () => {
    const c = await buildContactableCustomer(getDb());
    await getDb().sql.query(`INSERT INTO account_assignments (customer_id, team) VALUES ($1, 'T1')`, [c.id]);
    const res = await collector.request(`/api/customers/${c.id}/contactability`);
    const sms = res.body.channels.find((r: { channel: string }) => r.channel === 'sms');
    expect(sms.value).not.toBe(c.phone);
    expect(sms.value).toMatch(/^139\*{4}\d{4}$/);
  });

  it('stores a refused check with its reasons; a supervisor override is allowed and audited; a collector may not override', async () => {
    const c = await buildContactableCustomer(getDb());
    await getDb().sql.query(`INSERT INTO account_assignments (customer_id, team) VALUES ($1, 'T1')`, [c.id]);
    hub.clock.now = NIGHT;
    try {
      const check = await collector.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'phone', purpose: 'collections', debtId: c.loan.id } });
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ allowed: false, earliestAllowedAt: NEXT_MORNING });
      expect(check.body.denials.map((d: { rule: string }) => d.rule)).toEqual(['contact-hours']);

      const denials = await supervisor.request(`/api/customers/${c.id}/compliance-denials`);
      expect(denials.body.items).toHaveLength(1);
      expect(denials.body.items[0]).toMatchObject({ id: check.body.denialId, source: 'contact-check', earliestAllowedAt: NEXT_MORNING, proposal: { channel: 'phone', purpose: 'collections', debtId: c.loan.id } });

      const notAllowed = await collector.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'phone', purpose: 'collections', override: { reason: '客户主动要求今晚回电确认还款' } } });
      expect(notAllowed.status).toBe(403);

      const override = await supervisor.request(`/api/customers/${c.id}/contact-check`, {
        json: { channel: 'phone', purpose: 'collections', debtId: c.loan.id, override: { reason: '客户主动要求今晚回电确认还款', validMinutes: 30 } },
      });
      expect(override.body).toMatchObject({ allowed: true, overridden: ['contact-hours'] });
      expect(override.body.override.validUntil).toBe(new Date(NIGHT.getTime() + 30 * 60_000).toISOString());
      const { rows } = await getDb().sql.query(`SELECT action, reason, after FROM audit_events WHERE entity_id = $1`, [override.body.override.id]);
      expect(rows).toEqual([expect.objectContaining({ action: 'compliance.override.granted', reason: '客户主动要求今晚回电确认还款' })]);
    } finally {
      hub.clock.now = new Date('2026-11-26T02:00:00Z');
    }
  });

  it('never overrides a pause: a hardship flag keeps automated collection (SMS) refused; a human call is still allowed', async () => {
    const c = await buildContactableCustomer(getDb());
    const flag = await supervisor.request(`/api/customers/${c.id}/contact-flags`, { json: { flag: 'hardship', action: 'set', reason: '客户失业，申请暂缓' } });
    expect(flag.status).toBe(201);
    const holds = await supervisor.request(`/api/customers/${c.id}/contact-holds`);
    expect(holds.body.flags).toEqual([expect.objectContaining({ flag: 'hardship', reason: '客户失业，申请暂缓' })]);
    const override = await supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'sms', purpose: 'collections', override: { reason: '测试覆盖是否能解除困难暂停' } } });
    expect(override.body.allowed).toBe(false);
    expect(override.body.denials.map((d: { rule: string }) => d.rule)).toContain('paused-hardship');
    expect(override.body.denials.find((d: { rule: string }) => d.rule === 'paused-hardship').overridable).toBe(false);
    expect((await supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'phone', purpose: 'collections' } })).body.allowed).toBe(true);
    const cleared = await supervisor.request(`/api/customers/${c.id}/contact-flags`, { json: { flag: 'hardship', action: 'clear', reason: '客户已复工' } });
    expect(cleared.status).toBe(201);
    expect((await supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'sms', purpose: 'collections' } })).body.allowed).toBe(true);
  });

  it('a supervisor pauses collection contact for a dispute on one loan and lifts it; the audit and timeline keep both', async () => {
    const c = await buildContactableCustomer(getDb());
    const sms = (debtId?: string) => supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'sms', purpose: 'collections', ...(debtId ? { debtId } : {}) } });
    expect((await sms(c.loan.id)).body.allowed).toBe(true);

    const placed = await supervisor.request(`/api/customers/${c.id}/contact-holds`, { json: { type: 'dispute', loanId: c.loan.id, reference: 'DSP-2026-0042', reason: '客户书面异议：罚息计算有误' } });
    expect(placed.status).toBe(201);
    const refused = await sms(c.loan.id);
    expect(refused.body.allowed).toBe(false);
    expect(refused.body.denials).toEqual([expect.objectContaining({ rule: 'paused-dispute', overridable: false })]);
    // Servicing (e.g. answering the dispute) goes on.
    expect((await supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'sms', purpose: 'servicing', debtId: c.loan.id } })).body.allowed).toBe(true);
    const listed = await supervisor.request(`/api/customers/${c.id}/contact-holds`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: placed.body.holdId, type: 'dispute', debtId: c.loan.id, sourceType: 'dispute', sourceId: 'DSP-2026-0042', closedAt: null })]);

    const again = await supervisor.request(`/api/customers/${c.id}/contact-holds`, { json: { type: 'dispute', reference: 'DSP-2026-0042', reason: '重复登记同一异议' } });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'reference' })]);

    const lifted = await supervisor.request(`/api/customers/${c.id}/contact-holds/${placed.body.holdId}/release`, { json: { reason: '已书面答复，客户认可核算结果' } });
    expect(lifted.status).toBe(200);
    expect((await sms(c.loan.id)).body.allowed).toBe(true);
    expect((await supervisor.request(`/api/customers/${c.id}/contact-holds/${placed.body.holdId}/release`, { json: { reason: '再次解除同一暂停' } })).status).toBe(409);

    const { rows: audit } = await getDb().sql.query<{ action: string; reason: string }>(`SELECT action, reason FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [placed.body.holdId]);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'contact-hold.opened', reason: '客户书面异议：罚息计算有误' }),
      expect.objectContaining({ action: 'contact-hold.closed', reason: '已书面答复，客户认可核算结果' }),
    ]);
    // The test clock stands still, so both entries share one instant: compare them as a set.
    const { rows: timeline } = await getDb().sql.query<{ kind: string }>(`SELECT kind FROM timeline_events WHERE ref_id = $1`, [placed.body.holdId]);
    expect(timeline.map((t) => t.kind).sort()).toEqual(['contact-hold-closed', 'contact-hold-opened']);
  });

  it('a legal hold covers every debt; collectors may not place one; a complaint’s pause is not lifted by hand, a collector-recorded dispute is; another customer’s loan is refused', async () => {
    const c = await buildContactableCustomer(getDb());
    const other = await buildContactableCustomer(getDb());
    await getDb().sql.query(`INSERT INTO account_assignments (customer_id, team) VALUES ($1, 'T1')`, [c.id]);
    expect((await collector.request(`/api/customers/${c.id}/contact-holds`, { json: { type: 'legal-hold', reason: '法院已受理破产申请' } })).status).toBe(403);

    const wrongLoan = await supervisor.request(`/api/customers/${c.id}/contact-holds`, { json: { type: 'legal-hold', loanId: other.loan.id, reason: '法院已受理破产申请' } });
    expect(wrongLoan.status).toBe(422);
    expect(wrongLoan.body.errors).toEqual([expect.objectContaining({ field: 'loanId', message: 'Not a loan of this customer / 不是该客户的贷款' })]);
    const short = await supervisor.request(`/api/customers/${c.id}/contact-holds`, { json: { type: 'legal-hold', reason: '破产' } });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const legal = await supervisor.request(`/api/customers/${c.id}/contact-holds`, { json: { type: 'legal-hold', reason: '法院已受理破产申请（2026）京01破12号' } });
    expect(legal.status).toBe(201);
    const call = await supervisor.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'phone', purpose: 'collections', debtId: c.loan.id } });
    expect(call.body.denials.map((d: { rule: string }) => d.rule)).toContain('paused-legal-hold');

    const { rows: [complaintHold] } = await getDb().sql.query<{ id: string }>(
      `INSERT INTO contact_holds (customer_id, type, opened_at, source_type, source_id, reason, opened_by)
       VALUES ($1, 'collection-conduct-complaint', now(), 'complaint', gen_random_uuid()::text, '催收行为投诉', 'test') RETURNING id`,
      [c.id],
    );
    const byHand = await supervisor.request(`/api/customers/${c.id}/contact-holds/${complaintHold!.id}/release`, { json: { reason: '主管手工解除测试' } });
    expect(byHand.status).toBe(409);
    expect(byHand.body.detailZh).toContain('随投诉或欺诈事件结案自动解除');
    // A dispute a collector recorded on a call has no case that ends it: a supervisor lifts it.
    const { rows: [callDispute] } = await getDb().sql.query<{ id: string }>(
      `INSERT INTO contact_holds (customer_id, debt_id, type, opened_at, source_type, source_id, reason, opened_by)
       VALUES ($1, $2, 'dispute', now(), 'collection-case', gen_random_uuid()::text, '客户在催收来电中提出异议', 'test') RETURNING id`,
      [c.id, c.loan.id],
    );
    expect((await supervisor.request(`/api/customers/${c.id}/contact-holds/${callDispute!.id}/release`, { json: { reason: '核实后客户撤回异议' } })).status).toBe(200);
    // A hold of one customer is not reachable through another customer's address.
    expect((await supervisor.request(`/api/customers/${other.id}/contact-holds/${legal.body.holdId}/release`, { json: { reason: '换个客户解除试试' } })).status).toBe(404);
  });

  it('answers 404 for a customer outside the data scope', async () => {
    const c = await buildContactableCustomer(getDb());
    expect((await collector.request(`/api/customers/${c.id}/contactability`)).status).toBe(404);
    expect((await collector.request(`/api/customers/${c.id}/contact-check`, { json: { channel: 'sms', purpose: 'collections' } })).status).toBe(404);
  });
});
