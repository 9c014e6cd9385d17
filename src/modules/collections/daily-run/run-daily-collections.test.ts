import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { Database } from '../../../platform/db/client.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildLoan } from '../../../../test/support/factories.ts';
import { buildContactableCustomer, hubFixture } from '../../communications/communications.test-support.ts';
import { openContactHold, changeContactFlag } from '../../compliance/context/contact-holds.ts';
import { reallocateLoanPayments } from '../../loans/reallocate-payments.ts';
import { recordPromiseToPay } from '../cases/promises.ts';
import { armFor } from '../measurement/index.ts';
import { DEFAULT_STRATEGY, parseStrategy, type Strategy } from '../strategies/index.ts';
import { verifyAuditChain } from '../../../platform/audit/index.ts';
import { runDailyCollections, type DailyRunDeps } from './run-daily-collections.ts';

const actor = systemActor('test');
const GRACE = 3;
const D1 = '2026-11-26'; // Thursday
const D2 = '2026-11-27';
const D3 = '2026-11-29';
const tenAm = (day: string) => new Date(`${day}T02:00:00Z`); // 10:00 Asia/Shanghai

function depsAt(database: Database, day: string): DailyRunDeps {
  return { database, now: () => tenAm(day), config: { graceDays: GRACE } };
}

/**
 * A borrower whose loan (monthly from firstDueDate, 12 instalments) is paid up to and including
 * instalment `paidInstalments`: DPD on D1 follows from the first unpaid due date.
 */
async function borrower(database: Database, opts: { paidInstalments: number; firstDueDate?: string }) {
  const c = await buildContactableCustomer(database);
  // buildContactableCustomer already made a loan (unpaid since Feb): replace it by settling it out of the way.
  await database.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [c.loan.id]);
  const firstDueDate = opts.firstDueDate ?? '2026-02-15';
  const probe = await buildLoan(database, c.id, { firstDueDate });
  const amount = probe.schedule.slice(0, opts.paidInstalments).reduce((s, i) => s + i.principalFen + i.interestFen + i.feeFen, 0);
  if (amount > 0) {
    await database.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, $4)`, [
      `${probe.loan.loanNumber}-PAID`, probe.loan.id, probe.schedule[opts.paidInstalments - 1]!.dueDate, amount,
    ]);
    await reallocateLoanPayments(database.sql, [probe.loan.id]);
  }
  return { customer: c, loan: probe.loan, schedule: probe.schedule };
}

const count = async (database: Database, sql: string, params: unknown[] = []) =>
  Number((await database.sql.query<{ n: number }>(sql, params)).rows[0]!.n);

async function actionsOn(database: Database, day: string) {
  const { rows } = await database.sql.query<{ loan_id: string; kind: string; status: string; segment_id: string; step_index: number; channel: string | null; template_key: string | null; status_reason: string | null; outbox_message_id: string | null }>(
    `SELECT loan_id, kind, status, segment_id, step_index, channel, template_key, status_reason, outbox_message_id FROM collection_actions WHERE as_of = $1`,
    [day],
  );
  return new Map(rows.map((r) => [r.loan_id, r]));
}

describeEachDatabase('daily collections run: two days, re-runs, promises', (getDb) => {
  let early: Awaited<ReturnType<typeof borrower>>;
  let mid: Awaited<ReturnType<typeof borrower>>;
  let current: Awaited<ReturnType<typeof borrower>>;
  let hardship: Awaited<ReturnType<typeof borrower>>;
  let severe: Awaited<ReturnType<typeof borrower>>;
  let disputed: Awaited<ReturnType<typeof borrower>>;
  let inGrace: Awaited<ReturnType<typeof borrower>>;

  beforeAll(async () => {
    const db = getDb();
    await hubFixture(db); // branch + default templates (every key of the default strategy)
    early = await borrower(db, { paidInstalments: 9 }); // Nov 15 unpaid → DPD 11 on D1: early, SMS overdue-notice
    mid = await borrower(db, { paidInstalments: 8 }); // Oct 15 unpaid → DPD 42: mid, agent call task
    current = await borrower(db, { paidInstalments: 10 }); // paid through Nov 15
    hardship = await borrower(db, { paidInstalments: 9 }); // early, but flagged hardship
    severe = await borrower(db, { paidInstalments: 0 }); // Feb 15 unpaid → DPD 284: final-notice letter to a postal address
    await db.sql.query(`INSERT INTO contact_points (customer_id, kind, value, relationship, is_primary, verified) VALUES ($1, 'address', '北京市朝阳区建国路1号', 'self', true, true)`, [severe.customer.id]);
    disputed = await borrower(db, { paidInstalments: 9 }); // early, with an open dispute hold → SMS blocked
    inGrace = await borrower(db, { paidInstalments: 9, firstDueDate: '2026-02-23' }); // Nov 23 unpaid: 3 days on D1 (in grace), DPD 4 on D2
    await db.transaction((exec) =>
      changeContactFlag(exec, { customerId: hardship.customer.id, flag: 'hardship', action: 'set', reason: '失业', actor, at: new Date('2026-11-01T02:00:00Z') }),
    );
    await db.transaction((exec) =>
      openContactHold(exec, { customerId: disputed.customer.id, type: 'dispute', sourceType: 'test', sourceId: 'dispute-1', reason: '客户对欠款金额有异议', actor, at: new Date('2026-11-20T02:00:00Z') }),
    );
  }, 60_000);

  it('day 1 opens a case per delinquent loan past grace and creates the first step of each ladder', async () => {
    const db = getDb();
    const progress: string[] = [];
    const run = await runDailyCollections(depsAt(db, D1), { asOf: D1, onProgress: (p) => progress.push(p.phase) });
    expect(run.counts).toMatchObject({ delinquentLoans: 5, casesOpened: 5, casesClosed: 0, actionsCreated: 5, messagesQueued: 2, messagesBlocked: 1 });
    expect(progress).toContain('treat');
    expect(progress.at(-1)).toBe('done');

    const cases = await db.sql.query<{ loan_id: string; dpd: number; bucket: string; arm: string }>(`SELECT loan_id, dpd, bucket, arm FROM collection_cases WHERE status = 'open'`);
    const byLoan = new Map(cases.rows.map((c) => [c.loan_id, c]));
    expect(byLoan.get(early.loan.id)).toMatchObject({ dpd: 11, bucket: 'M1', arm: 'champion' });
    expect(byLoan.get(mid.loan.id)).toMatchObject({ dpd: 42, bucket: 'M2' });
    expect(byLoan.get(severe.loan.id)).toMatchObject({ dpd: 284, bucket: 'M7+' });
    expect(byLoan.has(current.loan.id)).toBe(false);
    expect(byLoan.has(inGrace.loan.id)).toBe(false);
    expect(await count(db, `SELECT count(*)::int AS n FROM delinquency_snapshots WHERE as_of = $1`, [D1])).toBe(5);

    const actions = await actionsOn(db, D1);
    expect(actions.get(early.loan.id)).toMatchObject({ kind: 'reminder-message', status: 'queued', segment_id: 'early', step_index: 0, channel: 'sms', template_key: 'overdue-notice' });
    expect(actions.get(mid.loan.id)).toMatchObject({ kind: 'agent-call-task', status: 'planned', segment_id: 'mid', step_index: 0 });
    expect(actions.get(hardship.loan.id)).toMatchObject({ kind: 'hardship-review-task', status: 'planned', segment_id: 'care-flagged' });
    expect(actions.get(severe.loan.id)).toMatchObject({ kind: 'reminder-message', status: 'queued', segment_id: 'severe', channel: 'letter', template_key: 'final-notice-letter' });
    expect(actions.get(disputed.loan.id)).toMatchObject({ kind: 'reminder-message', status: 'blocked-by-compliance', outbox_message_id: null });
    expect(actions.get(disputed.loan.id)!.status_reason).toMatch(/dispute|paused|hold/i);

    const outbox = await db.sql.query<{ customer_id: string; idempotency_key: string; purpose: string; channel: string; body: string }>(
      `SELECT customer_id, idempotency_key, purpose, channel, body FROM outbox_messages WHERE idempotency_key LIKE 'collections:%'`,
    );
    expect(outbox.rows).toHaveLength(2);
    const sms = outbox.rows.find((r) => r.channel === 'sms')!;
    expect(sms).toMatchObject({ customer_id: early.customer.id, purpose: 'collections' });
    expect(sms.body).toContain('11');
    expect(sms.idempotency_key).toBe(`collections:${(await caseOf(db, early.loan.id))}:${D1}:early:0`);
    // Each action row carries its own case, loan, customer and key, whatever it shares with others.
    const keyed = await db.sql.query<{ key: string; case_id: string; loan_id: string; customer_id: string; idempotency_key: string | null; dpd: number; case_dpd: number }>(
      `SELECT a.key, a.case_id, a.loan_id, a.customer_id, m.idempotency_key, a.dpd, c.dpd AS case_dpd
         FROM collection_actions a JOIN collection_cases c ON c.id = a.case_id LEFT JOIN outbox_messages m ON m.id = a.outbox_message_id WHERE a.as_of = $1`,
      [D1],
    );
    for (const a of keyed.rows) {
      expect(a.key).toMatch(new RegExp(`^collections:${a.case_id}:${D1}:[a-z-]+:\\d+$`));
      expect(a.dpd).toBe(a.case_dpd);
      if (a.idempotency_key) expect(a.idempotency_key).toBe(a.key);
    }
    expect(new Set(keyed.rows.map((a) => a.loan_id)).size).toBe(keyed.rows.length);
    expect(keyed.rows.filter((a) => a.idempotency_key).length).toBe(2);
    // The final notice names the lender, the days past due, the oldest unpaid due date and how to pay.
    const letter = outbox.rows.find((r) => r.channel === 'letter')!;
    expect(letter.customer_id).toBe(severe.customer.id);
    expect(letter.body).toContain('北京分行');
    expect(letter.body).toContain('284天');
    expect(letter.body).toContain('2026年2月15日');
    expect(letter.body).toContain('借款人服务平台');
    const run1 = await db.sql.query<{ status: string; actions_created: number; executions: number }>(`SELECT status, actions_created, executions FROM collection_runs WHERE as_of = $1`, [D1]);
    expect(run1.rows[0]).toMatchObject({ status: 'completed', actions_created: 5, executions: 1 });
  });

  it('running the same as-of again creates nothing new', async () => {
    const db = getDb();
    const before = await tableCounts(db);
    const again = await runDailyCollections(depsAt(db, D1), { asOf: D1 });
    expect(again.execution).toBe(2);
    expect(again.counts).toMatchObject({ casesOpened: 0, casesClosed: 0, actionsCreated: 0, messagesQueued: 0, messagesBlocked: 0, casesEvaluated: 0 });
    const after = await tableCounts(db);
    expect(after).toEqual(before);
    const run = await db.sql.query<{ actions_created: number; executions: number; status: string }>(`SELECT actions_created, executions, status FROM collection_runs WHERE as_of = $1`, [D1]);
    expect(run.rows[0]).toMatchObject({ actions_created: 5, executions: 2, status: 'completed' });
  });

  it('day 2: promises are marked, the loan out of grace opens a case, and a broken promise moves the ladder on', async () => {
    const db = getDb();
    const midCase = await caseOf(db, mid.loan.id);
    const earlyCase = await caseOf(db, early.loan.id);
    await db.transaction(async (exec) => {
      // mid promised on D1 to pay by D1 and did not: broken on D2.
      await recordPromiseToPay(exec, { caseId: midCase, promisedOn: D1, dueOn: D1, amountFen: 500_000, actor, at: tenAm(D1) });
      // early promised ¥100 by Nov 28 and pays it on D2: kept on D2.
      await recordPromiseToPay(exec, { caseId: earlyCase, promisedOn: D1, dueOn: '2026-11-28', amountFen: 10_000, actor, at: tenAm(D1) });
    });
    await db.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, 10000)`, [`${early.loan.loanNumber}-PTP`, early.loan.id, D2]);
    await reallocateLoanPayments(db.sql, [early.loan.id]);

    const run = await runDailyCollections(depsAt(db, D2), { asOf: D2 });
    expect(run.counts).toMatchObject({ delinquentLoans: 6, casesOpened: 1, promisesKept: 1, promisesBroken: 1, actionsCreated: 2 });
    const promises = await db.sql.query<{ case_id: string; status: string; resolved_on: string }>(`SELECT case_id, status, resolved_on::text AS resolved_on FROM promises_to_pay`);
    expect(promises.rows.find((p) => p.case_id === midCase)).toMatchObject({ status: 'broken', resolved_on: D2 });
    expect(promises.rows.find((p) => p.case_id === earlyCase)).toMatchObject({ status: 'kept', resolved_on: D2 });

    const actions = await actionsOn(db, D2);
    expect([...actions.keys()].sort()).toEqual([mid.loan.id, inGrace.loan.id].sort());
    // mid: broken promise → onBrokenPromise 'next' → step 1 (online chat), due the day after the promised date.
    expect(actions.get(mid.loan.id)).toMatchObject({ kind: 'agent-chat-task', status: 'planned', segment_id: 'mid', step_index: 1, channel: 'online-chat' });
    expect(actions.get(inGrace.loan.id)).toMatchObject({ kind: 'reminder-message', status: 'queued', segment_id: 'early', step_index: 0 });
  });

  it('day 3 (the SMS wait is over): the early ladder moves to its next step; a cured loan closes its case', async () => {
    const db = getDb();
    const remaining = early.schedule[9]!;
    const due = remaining.principalFen + remaining.interestFen + remaining.feeFen;
    // The hardship borrower pays the Nov instalment: cured.
    await db.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, $4)`, [`${hardship.loan.loanNumber}-CURE`, hardship.loan.id, '2026-11-28', due]);
    await reallocateLoanPayments(db.sql, [hardship.loan.id]);

    const run = await runDailyCollections(depsAt(db, D3), { asOf: D3 });
    expect(run.counts.casesClosed).toBe(1);
    const closed = await db.sql.query<{ status: string; closed_on: string; close_reason: string }>(
      `SELECT status, closed_on::text AS closed_on, close_reason FROM collection_cases WHERE loan_id = $1`, [hardship.loan.id],
    );
    expect(closed.rows[0]).toMatchObject({ status: 'closed', closed_on: D3, close_reason: 'cured' });

    const actions = await actionsOn(db, D3);
    // early: SMS on D1 + 3 days wait → step 1, the reminder e-mail.
    expect(actions.get(early.loan.id)).toMatchObject({ kind: 'reminder-message', segment_id: 'early', step_index: 1, channel: 'email', template_key: 'overdue-reminder-email', status: 'queued' });
    // disputed: the blocked SMS counts as done → step 1 too.
    expect(actions.get(disputed.loan.id)).toMatchObject({ segment_id: 'early', step_index: 1 });
    expect(actions.has(hardship.loan.id)).toBe(false);
    // Exactly one action per case per day, ever.
    expect(await count(db, `SELECT count(*)::int AS n FROM (SELECT case_id, as_of FROM collection_actions GROUP BY 1, 2 HAVING count(*) > 1) d`)).toBe(0);
  });
});

describeEachDatabase('daily collections run: killed half-way and re-run', (getDb) => {
  beforeAll(async () => {
    const db = getDb();
    await hubFixture(db);
    for (let i = 0; i < 12; i++) await borrower(db, { paidInstalments: i % 2 === 0 ? 9 : 8 }); // 6 early (SMS) + 6 mid (call task)
  }, 120_000);

  // Killed after its first committed batch, with one batch in flight at a time and with two (the
  // PostgreSQL default: the second may commit after the kill, as a whole batch).
  it.each([1, 2])('finishes with every case treated once, no duplicate action and no duplicate message (%i batch(es) in flight)', async (concurrency) => {
    const db = getDb();
    if (concurrency > 1 && db.kind === 'pglite') return; // one connection: batches run one at a time
    await db.sql.query(`TRUNCATE collection_actions, promises_to_pay, collection_cases, delinquency_snapshots, collection_runs CASCADE`);
    await db.sql.query(`DELETE FROM outbox_messages`);
    const deps = depsAt(db, D1);
    await expect(
      runDailyCollections(deps, { asOf: D1, batchSize: 5, concurrency, afterBatch: (n) => { if (n === 1) throw new Error('killed'); } }),
    ).rejects.toThrow('killed');
    const failed = await db.sql.query<{ status: string; error: string; actions_created: number }>(`SELECT status, error, actions_created FROM collection_runs WHERE as_of = $1`, [D1]);
    expect(failed.rows[0]).toMatchObject({ status: 'failed', error: 'killed' });
    const killedAfter = failed.rows[0]!.actions_created;
    // Whole batches only: the first, and with two in flight possibly the second.
    expect(concurrency === 1 ? [5] : [5, 10]).toContain(killedAfter);
    expect(await count(db, `SELECT count(*)::int AS n FROM collection_actions`)).toBe(killedAfter);

    const resumed = await runDailyCollections(deps, { asOf: D1, batchSize: 5, concurrency });
    expect(resumed.counts.actionsCreated).toBe(12 - killedAfter);
    const done = await db.sql.query<{ status: string; actions_created: number; messages_queued: number; cases_opened: number }>(
      `SELECT status, actions_created, messages_queued, cases_opened FROM collection_runs WHERE as_of = $1`, [D1],
    );
    expect(done.rows[0]).toMatchObject({ status: 'completed', actions_created: 12, messages_queued: 6, cases_opened: 12 });
    expect(await count(db, `SELECT count(*)::int AS n FROM collection_cases WHERE status = 'open'`)).toBe(12);
    expect(await count(db, `SELECT count(DISTINCT case_id)::int AS n FROM collection_actions WHERE as_of = $1`, [D1])).toBe(12);
    expect(await count(db, `SELECT count(*)::int AS n FROM collection_actions WHERE as_of = $1`, [D1])).toBe(12);
    expect(await count(db, `SELECT count(*)::int AS n FROM outbox_messages WHERE idempotency_key LIKE 'collections:%'`)).toBe(6);
    expect(await count(db, `SELECT count(*)::int AS n FROM collection_actions WHERE status = 'queued' AND outbox_message_id IS NOT NULL`)).toBe(6);

    const third = await runDailyCollections(deps, { asOf: D1, batchSize: 5, concurrency });
    expect(third.counts.actionsCreated).toBe(0);
    expect(await count(db, `SELECT count(*)::int AS n FROM outbox_messages`)).toBe(6);
    expect(await verifyAuditChain(db.sql)).toMatchObject({ ok: true });
  });

  it('two executions of the same day at once create each action and message once', async () => {
    const db = getDb();
    await db.sql.query(`TRUNCATE collection_actions, promises_to_pay, collection_cases, delinquency_snapshots, collection_runs CASCADE`);
    await db.sql.query(`DELETE FROM outbox_messages`);
    const deps = depsAt(db, D1);
    const [a, b] = await Promise.all([
      runDailyCollections(deps, { asOf: D1, batchSize: 5 }),
      runDailyCollections(deps, { asOf: D1, batchSize: 5 }),
    ]);
    expect(a.counts.actionsCreated + b.counts.actionsCreated).toBe(12);
    expect(await count(db, `SELECT count(*)::int AS n FROM collection_actions WHERE as_of = $1`, [D1])).toBe(12);
    expect(await count(db, `SELECT count(*)::int AS n FROM collection_cases`)).toBe(12);
    expect(await count(db, `SELECT count(*)::int AS n FROM outbox_messages WHERE idempotency_key LIKE 'collections:%'`)).toBe(6);
    expect(await verifyAuditChain(db.sql)).toMatchObject({ ok: true });
  });
});

describeEachDatabase('daily collections run: a reminder that cannot be built', (getDb) => {
  it('records not-sent with the reason (no postal address for the letter) and still treats the rest of the batch', async () => {
    const db = getDb();
    await hubFixture(db);
    const noAddress = await borrower(db, { paidInstalments: 0 }); // DPD 284: final-notice letter, but no address on file
    const early = await borrower(db, { paidInstalments: 9 }); // DPD 11: SMS
    const run = await runDailyCollections(depsAt(db, D1), { asOf: D1 });
    expect(run.counts).toMatchObject({ actionsCreated: 2, messagesQueued: 1, messagesBlocked: 0 });
    const actions = await actionsOn(db, D1);
    expect(actions.get(noAddress.loan.id)).toMatchObject({ kind: 'reminder-message', status: 'not-sent', template_key: 'final-notice-letter', outbox_message_id: null });
    expect(actions.get(noAddress.loan.id)!.status_reason).toContain('no usable address');
    expect(actions.get(early.loan.id)).toMatchObject({ status: 'queued' });
  });
});

describeEachDatabase('daily collections run: champion / challenger', (getDb) => {
  it('fixes each case\'s arm with armFor at opening and treats it with that arm\'s strategy', async () => {
    const db = getDb();
    await hubFixture(db);
    const loans: string[] = [];
    for (let i = 0; i < 8; i++) loans.push((await borrower(db, { paidInstalments: 8 })).loan.id); // mid stage
    const input = JSON.parse(JSON.stringify(DEFAULT_STRATEGY));
    input.id = 'chat-first';
    const mid = input.segments.find((s: { id: string }) => s.id === 'mid');
    mid.ladder = [mid.ladder[1], mid.ladder[0], ...mid.ladder.slice(2)]; // online chat before the call task
    const parsed = parseStrategy(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const challenger: Strategy = parsed.strategy;
    const experimentId = 'chat-first-trial';
    const run = await runDailyCollections(depsAt(db, D1), { asOf: D1, challenger: { strategy: challenger, share: 0.5, experimentId } });
    expect(run.counts.actionsCreated).toBe(8);
    const { rows } = await db.sql.query<{ loan_id: string; arm: string; strategy_id: string; kind: string }>(
      `SELECT c.loan_id, c.arm, a.strategy_id, a.kind FROM collection_cases c JOIN collection_actions a ON a.case_id = c.id`,
    );
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      const arm = armFor(r.loan_id, { id: experimentId, challengerShare: 0.5 });
      expect(r.arm).toBe(arm);
      expect(r.strategy_id).toBe(arm === 'challenger' ? 'chat-first' : 'default');
      expect(r.kind).toBe(arm === 'challenger' ? 'agent-chat-task' : 'agent-call-task');
    }
  });
});

async function caseOf(db: Database, loanId: string): Promise<string> {
  const { rows } = await db.sql.query<{ id: string }>(`SELECT id FROM collection_cases WHERE loan_id = $1 ORDER BY opened_on DESC LIMIT 1`, [loanId]);
  return rows[0]!.id;
}

async function tableCounts(db: Database) {
  const tables = ['collection_cases', 'collection_actions', 'delinquency_snapshots', 'promises_to_pay', 'outbox_messages', 'compliance_denials'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(db, `SELECT count(*)::int AS n FROM ${t}`);
  return out;
}

