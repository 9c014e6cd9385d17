/**
 * Analytics over a generated portfolio: three daily runs (2026-10-31, 11-25, 11-26), payments, promises,
 * a compliance refusal and complaints, on PGlite and PostgreSQL. Expected figures are worked out by
 * hand in the comments from the schedules (monthly instalments due on the 15th from 2026-02-15).
 */
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildLoan } from '../../../test/support/factories.ts';
import { signInAs } from '../../../test/support/sessions.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { buildContactableCustomer, hubFixture } from '../communications/communications.test-support.ts';
import { openContactHold } from '../compliance/context/contact-holds.ts';
import { reallocateLoanPayments } from '../loans/reallocate-payments.ts';
import { recordPromiseToPay } from '../collections/cases/promises.ts';
import { runDailyCollections } from '../collections/daily-run/index.ts';
import { pairSnapshots, rollRateMatrix } from './rules/roll-rate.ts';

const actor = systemActor('test');
const tenAm = (day: string) => new Date(`${day}T02:00:00Z`);
const RUN_DAYS = ['2026-10-31', '2026-11-25', '2026-11-26'];
const PERIOD = 'from=2026-10-01&to=2026-11-26';
type Schedule = Awaited<ReturnType<typeof buildLoan>>['schedule'];
const due = (s: Schedule, i: number) => s[i]!.principalFen + s[i]!.interestFen + s[i]!.feeFen;
const principalFrom = (s: Schedule, i: number) => s.slice(i).reduce((n, x) => n + x.principalFen, 0);

async function pay(db: Database, loanId: string, valueDate: string, amountFen: number, ref: string) {
  await db.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, $4)`, [ref, loanId, valueDate, amountFen]);
  await reallocateLoanPayments(db.sql, [loanId]);
}

/** A contactable borrower whose loan's first `paid` instalments were each paid on their due date. */
async function borrower(db: Database, paid: number) {
  const c = await buildContactableCustomer(db);
  // The helper's own loan is moved out of the way: settled long before the period.
  await db.sql.query(`UPDATE loans SET status = 'settled', updated_at = '2026-06-01T00:00:00Z' WHERE id = $1`, [c.loan.id]);
  const { loan, schedule } = await buildLoan(db, c.id);
  for (let i = 0; i < paid; i++) {
    await db.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, $4)`, [`${loan.loanNumber}-${i}`, loan.id, schedule[i]!.dueDate, due(schedule, i)]);
  }
  if (paid > 0) await reallocateLoanPayments(db.sql, [loan.id]);
  return { customer: c, loan, schedule };
}

let seq = 0;
async function complaint(db: Database, c: {
  customerId: string; category: string; product: string; receivedAt: string; firstHandledAt?: string; decidedAt?: string;
  outcome?: string; remedies?: string[]; closedAt?: string; survey?: number | 'pending'; mergedInto?: string;
}) {
  const ref = `TS-2026-${String(++seq).padStart(6, '0')}`;
  const { rows: [row] } = await db.sql.query<{ id: string }>(
    `INSERT INTO complaints (reference_number, customer_id, channel, received_at, category, severity, product, status, description, outcome, remedies,
                             decided_at, closed_at, merged_into_id, created_by, created_at, updated_at)
     VALUES ($1, $2, 'phone', $3, $4, 'medium', $5, $6, '测试投诉', $7, $8::jsonb, $9, $10, $11, 'test', $3, $3) RETURNING id`,
    [ref, c.customerId, c.receivedAt, c.category, c.product, c.closedAt ? 'closed' : c.decidedAt ? 'decided' : 'received', c.outcome ?? null,
      c.remedies ? JSON.stringify(c.remedies) : null, c.decidedAt ?? null, c.closedAt ?? null, c.mergedInto ?? null],
  );
  const events: Array<[string, string, object]> = [['received', c.receivedAt, {}]];
  if (c.firstHandledAt) events.push(['first-handling', c.firstHandledAt, {}]);
  if (c.decidedAt) events.push(['decision', c.decidedAt, { outcome: c.outcome }]);
  for (const [i, [type, at, payload]] of events.entries()) {
    await db.sql.query(`INSERT INTO complaint_events (complaint_id, seq, type, at, actor, payload) VALUES ($1, $2, $3, $4, 'test', $5::jsonb)`, [row!.id, i + 1, type, at, JSON.stringify(payload)]);
  }
  if (c.survey !== undefined) {
    await db.sql.query(
      `INSERT INTO satisfaction_surveys (complaint_id, customer_id, token, status, created_at, answered_at, score) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row!.id, c.customerId, `tok-${ref}`, c.survey === 'pending' ? 'pending' : 'answered', c.closedAt, c.survey === 'pending' ? null : c.closedAt, c.survey === 'pending' ? null : c.survey],
    );
  }
  return row!.id;
}

describeEachDatabase('analytics over a generated portfolio', (getDb) => {
  let A: Awaited<ReturnType<typeof borrower>>; // paid to Oct: current on 10-31, M1 from 11-25 (pays ¥100 on 11-26, keeping a promise)
  let B: Awaited<ReturnType<typeof borrower>>; // paid to Sep: M1 on 10-31, M2 in Nov (breaks a promise)
  let C: Awaited<ReturnType<typeof borrower>>; // paid to Sep: M1 on 10-31, pays Oct + Nov on 11-20: cured
  let D: Awaited<ReturnType<typeof borrower>>; // paid to Nov: current throughout
  let E: Awaited<ReturnType<typeof borrower>>; // nothing paid: M7+ throughout
  let G: Awaited<ReturnType<typeof borrower>>; // like A, but a dispute hold refuses its SMS on 11-25
  let api: ReturnType<typeof buildTestApp>;
  let cPayment = 0;

  beforeAll(async () => {
    const db = getDb();
    await hubFixture(db);
    A = await borrower(db, 9);
    B = await borrower(db, 8);
    C = await borrower(db, 8);
    D = await borrower(db, 10);
    E = await borrower(db, 0);
    G = await borrower(db, 9);
    await db.transaction((exec) =>
      openContactHold(exec, { customerId: G.customer.id, type: 'dispute', sourceType: 'test', sourceId: 'd-1', reason: '对欠款金额有异议', actor, at: tenAm('2026-11-01') }),
    );
    const run = (day: string) => runDailyCollections({ database: db, now: () => tenAm(day), config: { graceDays: 0 } }, { asOf: day });
    await run(RUN_DAYS[0]!);
    cPayment = due(C.schedule, 8) + due(C.schedule, 9);
    await pay(db, C.loan.id, '2026-11-20', cPayment, 'C-CURE');
    await run(RUN_DAYS[1]!);
    const caseOf = async (loanId: string) =>
      (await db.sql.query<{ id: string }>(`SELECT id FROM collection_cases WHERE loan_id = $1 AND status = 'open'`, [loanId])).rows[0]!.id;
    const bCase = await caseOf(B.loan.id);
    const aCase = await caseOf(A.loan.id);
    await db.transaction(async (exec) => {
      await recordPromiseToPay(exec, { caseId: bCase, promisedOn: '2026-11-25', dueOn: '2026-11-25', amountFen: 500_000, actor, at: tenAm('2026-11-25') });
      await recordPromiseToPay(exec, { caseId: aCase, promisedOn: '2026-11-25', dueOn: '2026-11-26', amountFen: 10_000, actor, at: tenAm('2026-11-25') });
    });
    await pay(db, A.loan.id, '2026-11-26', 10_000, 'A-PROMISE');
    await run(RUN_DAYS[2]!);

    // Complaints (Asia/Shanghai): K1 in October, met both clocks; K2 in November, missed both; K3 still pending;
    // one before the period and one merged repeat, neither counted.
    const k2Received = '2026-11-02T02:00:00Z';
    await complaint(db, {
      customerId: A.customer.id, category: 'collection-conduct', product: 'working-capital', receivedAt: '2026-10-10T02:00:00Z',
      firstHandledAt: '2026-10-10T04:00:00Z', decidedAt: '2026-10-15T02:00:00Z', outcome: 'upheld', remedies: ['apology', 'process-fix'],
      closedAt: '2026-10-16T02:00:00Z', survey: 5,
    });
    const k2 = await complaint(db, {
      customerId: B.customer.id, category: 'interest-and-fee-calculation', product: 'working-capital', receivedAt: k2Received,
      firstHandledAt: '2026-11-03T08:00:00Z', decidedAt: '2026-11-20T02:00:00Z', outcome: 'partly-upheld', remedies: ['refund'],
      closedAt: '2026-11-21T02:00:00Z', survey: 2,
    });
    await complaint(db, { customerId: D.customer.id, category: 'collection-conduct', product: 'personal-consumer', receivedAt: '2026-11-25T10:00:00Z' });
    await complaint(db, { customerId: D.customer.id, category: 'other', product: 'working-capital', receivedAt: '2026-09-20T02:00:00Z', survey: 'pending', closedAt: '2026-09-25T02:00:00Z' });
    await complaint(db, { customerId: B.customer.id, category: 'interest-and-fee-calculation', product: 'working-capital', receivedAt: '2026-11-03T02:00:00Z', mergedInto: k2 });
    api = buildTestApp(db);
  }, 120_000);

  const get = async (path: string, role: Parameters<typeof signInAs>[2]['role'] = 'supervisor') => {
    const session = await signInAs(api, getDb(), { role });
    return session.request(path);
  };

  it('collections: bucket distribution per run day, in report buckets', async () => {
    const res = await get(`/api/analytics/collections?${PERIOD}`);
    expect(res.status).toBe(200);
    const { bucketDistribution } = res.body;
    expect(bucketDistribution.granularity).toBe('day'); // 57 days
    expect(bucketDistribution.points.map((p: { date: string }) => p.date)).toEqual(RUN_DAYS);
    const at = (day: string) => Object.fromEntries(bucketDistribution.points.find((p: { date: string }) => p.date === day).buckets.map((b: { bucket: string; accounts: number; overdueFen: number }) => [b.bucket, b]));
    // 10-31: B and C owe the Oct 15 instalment (M1); E owes everything from Feb 15 (M7+ → M4+).
    expect(at('2026-10-31').M1).toEqual({ bucket: 'M1', accounts: 2, overdueFen: due(B.schedule, 8) + due(C.schedule, 8) });
    expect(at('2026-10-31').M2.accounts).toBe(0);
    expect(at('2026-10-31')['M4+']).toEqual({ bucket: 'M4+', accounts: 1, overdueFen: E.schedule.slice(0, 9).reduce((n, _x, i) => n + due(E.schedule, i), 0) });
    // 11-26: A and G owe Nov 15 (A paid ¥100 of it), B owes Oct + Nov (DPD 42, M2); C cured.
    expect(at('2026-11-26').M1).toEqual({ bucket: 'M1', accounts: 2, overdueFen: due(A.schedule, 9) - 10_000 + due(G.schedule, 9) });
    expect(at('2026-11-26').M2).toEqual({ bucket: 'M2', accounts: 1, overdueFen: due(B.schedule, 8) + due(B.schedule, 9) });
  });

  it('collections: the October → November roll-rate matrix, by accounts and principal outstanding', async () => {
    const { body } = await get(`/api/analytics/collections?${PERIOD}`);
    expect(body.rollRates).toHaveLength(1);
    const m = body.rollRates[0];
    expect([m.fromDate, m.toDate]).toEqual(['2026-10-31', '2026-11-26']);
    const row = (from: string) => m.rows.find((r: { from: string }) => r.from === from);
    const cell = (from: string, to: string) => row(from).cells.find((c: { to: string }) => c.to === to);
    // M0 on 10-31: A, D, G, each paid through Oct 15 that day (the helper loans settled in June are not on the book). A and G → M1, D stays.
    expect(row('M0')).toMatchObject({ accounts: 3, balanceFen: principalFrom(A.schedule, 9) + principalFrom(D.schedule, 9) + principalFrom(G.schedule, 9) });
    expect(cell('M0', 'M1').accountShare).toBeCloseTo(2 / 3, 10);
    expect(cell('M0', 'M0').accounts).toBe(1);
    expect(row('M0').rollForward).toBeCloseTo(2 / 3, 10);
    // M1 on 10-31: B → M2 (rolled), C → M0 (cured).
    expect(row('M1')).toMatchObject({ accounts: 2, balanceFen: principalFrom(B.schedule, 8) + principalFrom(C.schedule, 8), rollForward: 0.5, cured: 0.5 });
    expect(cell('M1', 'M2').balanceShare).toBeCloseTo(principalFrom(B.schedule, 8) / (principalFrom(B.schedule, 8) + principalFrom(C.schedule, 8)), 10);
    expect(cell('M7+', 'M7+')).toMatchObject({ accounts: 1, accountShare: 1 });
    expect(row('M3')).toMatchObject({ accounts: 0, rollForward: null });
    // The SQL grouping agrees with the pure pairing of the two snapshots written out by hand.
    const snap = (entries: Array<[string, string, number]>) => new Map(entries.map(([id, bucket, balanceFen]) => [id, { bucket, balanceFen }]));
    const start = snap([
      ['A', 'M0', principalFrom(A.schedule, 9)], ['D', 'M0', principalFrom(D.schedule, 9)], ['G', 'M0', principalFrom(G.schedule, 9)],
      ['B', 'M1', principalFrom(B.schedule, 8)], ['C', 'M1', principalFrom(C.schedule, 8)], ['E', 'M7+', principalFrom(E.schedule, 0)],
    ]);
    const end = snap([['A', 'M1', 0], ['G', 'M1', 0], ['B', 'M2', 0], ['C', 'M0', 0], ['D', 'M0', 0], ['E', 'M7+', 0]]);
    expect(m).toEqual(rollRateMatrix('2026-10-31', '2026-11-26', pairSnapshots(start, end)));
  });

  it('collections: cure rate by bucket, promises, recovery and the arms', async () => {
    const { body } = await get(`/api/analytics/collections?${PERIOD}`);
    const cure = Object.fromEntries(body.cureRates.map((r: { bucket: string }) => [r.bucket, r]));
    // Worked cases by last bucket: M1 = A, C (cured), G; M2 = B; M4+ = E.
    expect(cure.M1).toMatchObject({ events: 1, total: 3 });
    expect(cure.M1.rate).toBeCloseTo(1 / 3, 10);
    expect(cure.M2).toMatchObject({ events: 0, total: 1, rate: 0 });
    expect(cure['M4+']).toMatchObject({ events: 0, total: 1 });
    expect(cure.M3).toMatchObject({ total: 0, rate: null, ci: null });
    // B's promise due 11-25 broken; A's due 11-26 kept by its ¥100.
    expect(body.promises).toMatchObject({ due: 2, kept: 1, broken: 1, open: 0, keptRate: { rate: 0.5 } });
    // Recovered while a case was open: C's cure on 11-20 and A's ¥100 on 11-26.
    expect(body.recovery.recoveredFen).toBe(cPayment + 10_000);
    const cost = body.recovery.byChannel.reduce((n: number, c: { costFen: number }) => n + c.costFen, 0);
    expect(body.recovery.contactCostFen).toBe(cost);
    expect(body.recovery.recoveredPerCostFen).toBeCloseTo((cPayment + 10_000) / cost, 10);
    const cc = body.championChallenger;
    expect(cc.champion.accounts).toBe(5); // A, B, C, E, G; no challenger configured
    expect(cc.challenger.accounts).toBe(0);
    expect(cc.champion.cureRate).toMatchObject({ events: 1, accounts: 5, rate: 0.2 });
    expect(cc.champion.rollForwardRate.events).toBe(1); // B: M1 → M2
    expect(cc.champion.complaintRate.events).toBe(1); // A's collection-conduct complaint in October
    expect(cc.champion.recoveredFenPerAccount.total).toBe(cPayment + 10_000);
  });

  it('collections: contacts per account by channel and compliance refusals by rule', async () => {
    const db = getDb();
    const { body } = await get(`/api/analytics/collections?${PERIOD}`);
    // SMS reminders that went out: B and C on 10-31 (early stage), A on 11-25; G's was refused.
    const sms = body.contacts.byChannel.find((c: { channel: string }) => c.channel === 'sms');
    expect(sms.contacts).toBe(3);
    expect(body.contacts.accounts).toBe(5);
    expect(sms.perAccount).toBeCloseTo(3 / 5, 10);
    const { rows } = await db.sql.query<{ kind: string; status: string; channel: string | null }>(`SELECT kind, status, channel FROM collection_actions`);
    // Plus B's agent call task on 11-25 (phone) and its online chat after the broken promise on 11-26.
    expect(body.contacts.total).toBe(5);
    expect(body.contacts.byChannel.map((c: { channel: string; contacts: number }) => [c.channel, c.contacts])).toEqual([['online-chat', 1], ['phone', 1], ['sms', 3]]);
    const made = rows.filter((r) => !['blocked-by-compliance', 'not-sent'].includes(r.status) && ['reminder-message', 'agent-call-task', 'agent-chat-task', 'field-visit-task'].includes(r.kind));
    expect(made).toHaveLength(5);
    expect(body.refusals.byReason).toContainEqual({ rule: 'paused-dispute', refusals: 1 });
    expect(body.refusals.total).toBe(1);
    expect(body.recovery.byChannel.find((c: { channel: string }) => c.channel === 'sms')).toEqual({ channel: 'sms', contacts: 3, unitCostFen: 5, costFen: 15 });
    const priced = await get(`/api/analytics/collections?${PERIOD}&unitCosts=sms:8`);
    expect(priced.body.recovery.byChannel.find((c: { channel: string }) => c.channel === 'sms').costFen).toBe(24);
  });

  it('complaints: per 1,000 accounts, root causes, time limits, time to resolve, satisfaction', async () => {
    const res = await get(`/api/analytics/complaints?${PERIOD}`, 'complaint-handler');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b).toMatchObject({ complaints: 3, accounts: 6 });
    const find = (rows: Array<{ key: string; perThousand: number | null }>, key: string) => rows.find((r) => r.key === key)!;
    expect(find(b.perThousand.byCategory, 'collection-conduct')).toMatchObject({ complaints: 2, accounts: 6 });
    expect(find(b.perThousand.byCategory, 'collection-conduct').perThousand).toBeCloseTo(2000 / 6, 10);
    expect(find(b.perThousand.byProduct, 'working-capital')).toMatchObject({ complaints: 2, accounts: 6 });
    expect(find(b.perThousand.byProduct, 'personal-consumer')).toMatchObject({ complaints: 1, accounts: 0, perThousand: null });
    expect(find(b.perThousand.byBranch, 'BJ001')).toMatchObject({ complaints: 3, accounts: 6, perThousand: 500 });
    expect(b.perThousand.byMonth.map((r: { key: string; complaints: number }) => [r.key, r.complaints])).toEqual([['2026-10', 1], ['2026-11', 2]]);
    expect(b.rootCauses).toEqual([
      { category: 'collection-conduct', decided: 1, upheld: 1, upheldShare: 1, notUpheld: 0, processFix: 1, remedies: { apology: 1, 'process-fix': 1 } },
      { category: 'interest-and-fee-calculation', decided: 1, upheld: 1, upheldShare: 1, notUpheld: 0, processFix: 0, remedies: { refund: 1 } },
    ]);
    // K1 first-handled in 2 h and decided on day 5; K2 first-handled after 30 h and decided on day 18; K3 pending.
    expect(b.timeliness.firstHandling).toMatchObject({ met: 1, breached: 1, pending: 1, rate: 0.5, target: 0.9, meetsTarget: false });
    expect(b.timeliness.decision).toMatchObject({ met: 1, breached: 1, pending: 1, rate: 0.5 });
    const oct = b.timeliness.byMonth.find((m: { month: string }) => m.month === '2026-10');
    expect(oct.firstHandling).toMatchObject({ met: 1, rate: 1, meetsTarget: true });
    expect(b.timeToResolve).toMatchObject({ count: 2, medianDays: 11.5, meanDays: 11.5 });
    expect(b.timeToResolve.p90Days).toBeCloseTo(16.7, 10);
    expect(b.timeToResolve.histogram.filter((h: { complaints: number }) => h.complaints > 0).map((h: { label: string }) => h.label)).toEqual(['3–7', '15–30']);
    expect(b.satisfaction).toMatchObject({ surveys: 2, answered: 2, average: 3.5, responseRate: { rate: 1 }, satisfied: { rate: 0.5 } });
    expect(b.satisfaction.distribution.map((d: { answers: number }) => d.answers)).toEqual([0, 1, 0, 0, 1]);
  });

  it('the CSV export: BOM, long format, Chinese section names, audited; reports.export only', async () => {
    const db = getDb();
    const session = await signInAs(api, db, { role: 'compliance-auditor' });
    const res = await api.app.request(`/api/analytics/report.csv?${PERIOD}`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('loandesk-statistics-2026-10-01-2026-11-26.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('section,section_zh,dimension,key,metric,value');
    expect(lines).toContain('complaints_per_1000,千户投诉量,byBranch,BJ001,per_1000_accounts,500');
    expect(lines).toContain('time_limits,处理时限达标率,all,first_handling_24h,rate,0.5');
    expect(lines).toContain(`recovery,回收与接触成本,all,recovered,fen,${cPayment + 10_000}`);
    expect(lines).toContain('roll_rate,迁徙率,2026-10-31>2026-11-26,M1>M2,accounts,1');
    const { rows } = await db.sql.query<{ actor_id: string; after: { from: string; to: string } }>(
      `SELECT actor_id, after FROM audit_events WHERE action = 'analytics.exported' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]!.actor_id).toBe(`staff:${session.userId}`);
    expect(rows[0]!.after).toMatchObject({ from: '2026-10-01', to: '2026-11-26' });

    expect((await get(`/api/analytics/report.csv?${PERIOD}`, 'complaint-handler')).status).toBe(403); // analytics.read, not reports.export
    expect((await get(`/api/analytics/collections?${PERIOD}`, 'collector')).status).toBe(403);
  });

  it('a period with no runs and no complaints gives empty figures, not errors', async () => {
    const c = await get('/api/analytics/collections?from=2025-01-01&to=2025-02-28');
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ bucketDistribution: { granularity: 'day', points: [] }, rollRates: [], promises: { due: 0, keptRate: { rate: null } }, refusals: { total: 0 } });
    expect(c.body.cureRates.every((r: { total: number; rate: null }) => r.total === 0 && r.rate === null)).toBe(true);
    expect(c.body.championChallenger.champion).toMatchObject({ accounts: 0, cureRate: { rate: null } });
    expect(c.body.recovery).toMatchObject({ recoveredFen: 0, contactCostFen: 0, recoveredPerCostFen: null });
    const p = await get('/api/analytics/complaints?from=2025-01-01&to=2025-02-28');
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ complaints: 0, rootCauses: [], timeToResolve: { count: 0, medianDays: null }, satisfaction: { surveys: 0, average: null } });
    expect(p.body.timeliness.firstHandling).toMatchObject({ total: 0, rate: null, meetsTarget: null });
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await get('/api/analytics/collections?from=2026-11-26&to=2026-11-01');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'from', message: expect.stringMatching(/ \/ 统计期间有误$/) })]);
    const bad = await get('/api/analytics/collections?unitCosts=fax:3');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'unitCosts', message: expect.stringMatching(/ \/ 渠道单位成本有误$/) })]);
  });
});
