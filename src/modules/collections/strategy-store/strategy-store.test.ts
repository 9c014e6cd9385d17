import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { Database } from '../../../platform/db/client.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildLoan } from '../../../../test/support/factories.ts';
import { buildTestApp } from '../../../../test/support/test-app.ts';
import { signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture } from '../../communications/communications.test-support.ts';
import { openContactHold } from '../../compliance/context/contact-holds.ts';
import { reallocateLoanPayments } from '../../loans/reallocate-payments.ts';
import { runDailyCollections } from '../daily-run/run-daily-collections.ts';
import { runScheduledDailyCollections } from '../daily-run/run-daily-job.ts';
import { armFor } from '../measurement/index.ts';
import { DEFAULT_STRATEGY } from '../strategies/index.ts';
import { enforceGuardrails } from './experiment-report.ts';
import { loadStrategyPlan } from './experiments.ts';

const D1 = '2026-11-27'; // the day after the test clock's 2026-11-26, when the experiment starts
const D2 = '2026-11-28';
const tenAm = (day: string) => new Date(`${day}T02:00:00Z`);

/** A borrower whose loan is paid through instalment 9 (Nov 15 unpaid): DPD 12 on D1, the early stage. */
async function earlyBorrower(database: Database) {
  const c = await buildContactableCustomer(database);
  await database.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [c.loan.id]);
  const { loan, schedule } = await buildLoan(database, c.id, { firstDueDate: '2026-02-15' });
  const paid = schedule.slice(0, 9).reduce((s, i) => s + i.principalFen + i.interestFen + i.feeFen, 0);
  await database.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, $4)`, [`${loan.loanNumber}-PAID`, loan.id, schedule[8]!.dueDate, paid]);
  await reallocateLoanPayments(database.sql, [loan.id]);
  return { customerId: c.id, loanId: loan.id };
}

const auditRows = async (db: Database, action: string) =>
  (await db.sql.query<{ entity_id: string; reason: string | null; after: any; actor_id: string }>(
    `SELECT entity_id, reason, after, actor_id FROM audit_events WHERE action = $1 ORDER BY seq`, [action],
  )).rows.map((r) => ({ ...r, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after }));

/** The default strategy as editor text, with one change applied to the parsed object. */
const edited = (change: (s: any) => void) => {
  const s = structuredClone(DEFAULT_STRATEGY) as any;
  change(s);
  return JSON.stringify(s, null, 2);
};

describeEachDatabase('strategy versions, simulation, champion / challenger and the guardrail stop', (getDb) => {
  let api: ReturnType<typeof buildTestApp>;
  let supervisor: SignedInClient;
  let collector: SignedInClient;

  beforeAll(async () => {
    const db = getDb();
    await hubFixture(db);
    api = buildTestApp(db);
    supervisor = await signInAs(api, db, { role: 'supervisor' });
    collector = await signInAs(api, db, { role: 'collector', team: 'A' });
  }, 60_000);

  describe('versions', () => {
    it('the default strategy is stored once as version 1, active, on first read', async () => {
      const first = await collector.request('/api/collections/strategies');
      expect(first.status).toBe(200);
      expect(first.body.versions).toHaveLength(1);
      expect(first.body.versions[0]).toMatchObject({ strategyId: DEFAULT_STRATEGY.id, version: 1, status: 'active', segments: DEFAULT_STRATEGY.segments.length });
      expect(first.body.activeVersionId).toBe(first.body.versions[0].id);
      await collector.request('/api/collections/strategies');
      expect(await auditRows(getDb(), 'collections.strategy.default-installed')).toHaveLength(1);
      const detail = await collector.request(`/api/collections/strategies/versions/${first.body.activeVersionId}`);
      expect(detail.body.definition.segments).toHaveLength(DEFAULT_STRATEGY.segments.length);
      expect(detail.body.coverageGaps).toEqual([]);
    });

    it('validation answers 422 with each problem on its field path; a collector may validate but not save', async () => {
      const bad = edited((s) => { s.segments[3].ladder[1].waitDays = -2; });
      const res = await supervisor.request('/api/collections/strategies/validate', { json: { json: bad } });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'segments.3.ladder.1.waitDays', message: expect.stringContaining('at least 0') }));
      const broken = await supervisor.request('/api/collections/strategies/validate', { json: { json: '{ "id": ' } });
      expect(broken.status).toBe(422);
      expect(broken.body.errors[0]).toMatchObject({ field: '(root)', code: 'invalid_json' });
      expect((await collector.request('/api/collections/strategies/validate', { json: { json: edited(() => undefined) } })).status).toBe(200);
      expect((await collector.request('/api/collections/strategies/drafts', { json: { json: edited(() => undefined) } })).status).toBe(403);
      expect((await supervisor.request('/api/collections/strategies/drafts', { json: { json: bad } })).status).toBe(422);
    });

    it('a draft is saved as the next version, edited, activated (the old one retired), all audited', async () => {
      const created = await supervisor.request('/api/collections/strategies/drafts', { json: { json: edited((s) => { s.nameEn = 'Default, gentler'; }) } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ strategyId: DEFAULT_STRATEGY.id, version: 2, status: 'draft', nameEn: 'Default, gentler' });
      const id = created.body.id;
      const put = await supervisor.request(`/api/collections/strategies/versions/${id}`, { json: { json: edited((s) => { s.nameEn = 'Default, v2'; s.version = 99; }) } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ version: 2, nameEn: 'Default, v2' }); // the number belongs to the store, not the JSON
      const renamed = await supervisor.request(`/api/collections/strategies/versions/${id}`, { json: { json: edited((s) => { s.id = 'renamed'; }) } });
      expect(renamed.status).toBe(422);
      expect(renamed.body.errors).toContainEqual(expect.objectContaining({
        field: 'id',
        message: `a draft keeps its strategy id "${DEFAULT_STRATEGY.id}"; save a new draft to use another id / 草稿须沿用策略 id "${DEFAULT_STRATEGY.id}"；如需使用其他 id，请另存为新草稿`,
      }));

      const activated = await supervisor.request(`/api/collections/strategies/versions/${id}/activate`, { method: 'POST' });
      expect(activated.status).toBe(200);
      expect(activated.body).toMatchObject({ status: 'active', activatedBy: `staff:${supervisor.userId}` });
      const list = (await supervisor.request('/api/collections/strategies')).body;
      expect(list.versions.map((v: any) => [v.version, v.status])).toEqual([[2, 'active'], [1, 'retired']]);
      expect((await supervisor.request(`/api/collections/strategies/versions/${id}/retire`, { json: {} })).status).toBe(409);
      expect((await supervisor.request(`/api/collections/strategies/versions/${id}`, { json: { json: edited(() => undefined) } })).status).toBe(409);
      expect(await auditRows(getDb(), 'collections.strategy.draft-saved')).toHaveLength(2);
      const [audit] = await auditRows(getDb(), 'collections.strategy.activated');
      expect(audit).toMatchObject({ entity_id: id, after: { status: 'active', version: 2 } });
      expect((await loadStrategyPlan(getDb())).strategy.nameEn).toBe('Default, v2');
    });
  });

  describe('champion / challenger with the guardrail', () => {
    let experimentId: string;
    let challengerVersionId: string;
    const borrowers: Array<{ customerId: string; loanId: string }> = [];

    it('an experiment starts on the active version; the plan carries its challenger', async () => {
      const draft = await supervisor.request('/api/collections/strategies/drafts', {
        json: { json: edited((s) => { s.id = 'phone-first'; s.nameEn = 'Phone first'; s.segments = [{ id: 'all', nameZh: '全部', nameEn: 'All', conditions: { dpd: { min: 1, max: null } }, ladder: [{ type: 'contact', channel: 'phone', templateKey: 'call-script', waitDays: 3 }] }]; }) },
      });
      expect(draft.status).toBe(201);
      challengerVersionId = draft.body.id;
      const res = await supervisor.request('/api/collections/strategy-experiments', {
        json: { challengerVersionId, challengerShare: 0.5, complaintMargin: 0.05, optOutMargin: 0.05 },
      });
      expect(res.status).toBe(201);
      experimentId = res.body.id;
      expect((await supervisor.request('/api/collections/strategy-experiments', { json: { challengerVersionId, challengerShare: 0.2, complaintMargin: 0.05, optOutMargin: 0.05 } })).status).toBe(409);
      const plan = await loadStrategyPlan(getDb());
      expect(plan.challenger).toMatchObject({ share: 0.5, experimentId, strategy: { id: 'phone-first' } });
      expect((await supervisor.request(`/api/collections/strategies/versions/${challengerVersionId}/retire`, { json: {} })).status).toBe(409);
    });

    it('a challenger arm that draws complaints is stopped by the guardrail, audited, and the next plan has no challenger', async () => {
      const db = getDb();
      // Borrowers until both arms hold at least two (the split is a stable hash of the loan id).
      const arms = { champion: 0, challenger: 0 };
      while ((arms.champion < 2 || arms.challenger < 2) && borrowers.length < 24) {
        const b = await earlyBorrower(db);
        borrowers.push(b);
        arms[armFor(b.loanId, { id: experimentId, challengerShare: 0.5 })]++;
      }
      await db.transaction((exec) =>
        openContactHold(exec, { customerId: borrowers[0]!.customerId, type: 'dispute', sourceType: 'test', sourceId: 'd-1', reason: '对金额有异议', actor: systemActor('test'), at: new Date('2026-11-20T02:00:00Z') }),
      );
      const plan = await loadStrategyPlan(db);
      await runDailyCollections({ database: db, now: () => tenAm(D1), config: { graceDays: 0 } }, { asOf: D1, ...plan });
      const cases = (await db.sql.query<{ customer_id: string; arm: string }>(`SELECT customer_id, arm FROM collection_cases WHERE opened_on = $1`, [D1])).rows;
      expect(cases.filter((c) => c.arm === 'challenger')).toHaveLength(arms.challenger);

      const deps = { database: db, now: () => new Date('2026-11-27T06:00:00Z'), config: { defaultTimeZone: 'Asia/Shanghai' } };
      expect(await enforceGuardrails(deps, D1)).toMatchObject({ stopped: false, verdict: { stop: false } });
      let n = 0;
      for (const c of cases.filter((x) => x.arm === 'challenger')) {
        await db.sql.query(
          `INSERT INTO complaints (reference_number, customer_id, channel, received_at, status, description, created_by, created_at, updated_at)
           VALUES ($1, $2, 'phone', '2026-11-27T04:00:00Z', 'received', '催收电话太频繁', 'test', now(), now())`,
          [`TS-2026-${String(900_000 + ++n)}`, c.customer_id],
        );
      }
      // The scheduled run (the job and the CLI) runs the day with the plan, then enforces the guardrails.
      const day2 = await runScheduledDailyCollections({ ...api.deps, now: () => tenAm(D2) }, D2);
      expect(day2.asOf).toBe(D2);
      const { rows: [stopped] } = await db.sql.query<{ status: string; stopped_by: string; guardrail: any }>(`SELECT status, stopped_by, guardrail FROM strategy_experiments WHERE id = $1`, [experimentId]);
      expect(stopped).toMatchObject({ status: 'stopped', stopped_by: 'system:guardrail' });
      const figures = typeof stopped!.guardrail === 'string' ? JSON.parse(stopped!.guardrail) : stopped!.guardrail;
      expect(figures.breaches.map((b: { metric: string }) => b.metric)).toEqual(['complaintRate']);

      const [audit] = await auditRows(db, 'collections.experiment.stopped-by-guardrail');
      expect(audit).toMatchObject({ entity_id: experimentId, actor_id: 'system:guardrail' });
      expect(audit!.reason).toMatch(/complaint rate 100\.00% exceeds the champion's 0\.00%/);
      expect(audit!.after.complaintRate.challenger).toMatchObject({ events: arms.challenger, accounts: arms.challenger, rate: 1 });
      expect(audit!.after.accounts).toEqual({ champion: arms.champion, challenger: arms.challenger });

      const next = await loadStrategyPlan(db);
      expect(next.challenger).toBeUndefined();
      expect(next.strategy.nameEn).toBe('Default, v2');
      expect(await enforceGuardrails(deps, D2)).toBeNull(); // nothing running any more
    });

    it('the report shows both arms with 95 % intervals and the guardrail stop', async () => {
      const res = await collector.request(`/api/collections/strategy-experiments/${experimentId}/report?asOf=${D2}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stoppedByGuardrail: true, window: { from: D1, to: D2 }, experiment: { status: 'stopped', stoppedBy: 'system:guardrail' } });
      const { champion, challenger, difference } = res.body.comparison;
      expect(champion.complaintRate.rate).toBe(0);
      expect(challenger.complaintRate.rate).toBe(1);
      expect(challenger.complaintRate.ci.low).toBeGreaterThan(0.3);
      expect(champion.accounts + challenger.accounts).toBe(borrowers.length);
      expect(difference.complaintRate.estimate).toBe(1);
      expect(champion.contactsPerAccount.mean).toBeGreaterThanOrEqual(0);
      expect(champion.recoveredFenPerAccount).toMatchObject({ total: 0, mean: 0 });
      expect((await collector.request(`/api/collections/strategy-experiments/${experimentId}/stop`, { json: { reason: 'x' } })).status).toBe(403);
      expect((await supervisor.request(`/api/collections/strategy-experiments/${experimentId}/stop`, { json: { reason: 'again' } })).status).toBe(409);
    });

    it('simulation replays the stored days with the candidate and the active strategy side by side', async () => {
      const res = await collector.request('/api/collections/strategies/simulate', { json: { versionId: challengerVersionId, days: 30, asOf: D1 } });
      expect(res.status).toBe(200);
      const { window, candidate, active } = res.body;
      expect(window).toEqual({ from: '2026-10-29', to: D1, daysWithSnapshots: 1 });
      expect(candidate.loans).toBe(borrowers.length);
      expect(active.loans).toBe(borrowers.length);
      // Candidate: a call for everyone; the disputed borrower's call is refused.
      expect(candidate.byChannel.phone).toMatchObject({ planned: borrowers.length, refused: 1, made: borrowers.length - 1, costFen: 250 * (borrowers.length - 1) });
      expect(candidate.refusedByReason).toEqual({ 'paused-dispute': 1 });
      // Active: the default's early stage (automated SMS / app first), the disputed borrower refused too.
      expect(active.refusedByReason['paused-dispute']).toBe(1);
      expect(active.totals.planned).toBe(borrowers.length);
      expect(active.totals.costFen).toBeLessThan(candidate.totals.costFen);

      const invalid = await collector.request('/api/collections/strategies/simulate', { json: { json: edited((s) => { s.segments[0].ladder = []; }) } });
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors).toContainEqual(expect.objectContaining({ field: 'segments.0.ladder' }));
    });
  });
});
