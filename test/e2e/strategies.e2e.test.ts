import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { buildLoan } from '../support/factories.ts';
import { openE2eWorld, seedBranchWithStaff, signInToConsole, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { buildContactableCustomer } from '../../src/modules/communications/communications.test-support.ts';
import { runDailyCollections } from '../../src/modules/collections/daily-run/run-daily-collections.ts';
import { loadStrategyPlan } from '../../src/modules/collections/strategy-store/experiments.ts';
import { enforceGuardrails } from '../../src/modules/collections/strategy-store/experiment-report.ts';
import { armFor } from '../../src/modules/collections/measurement/index.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { openContactHold } from '../../src/modules/compliance/context/contact-holds.ts';
import { reallocateLoanPayments } from '../../src/modules/loans/reallocate-payments.ts';

/** A borrower 11 days late (Nov 15 unpaid): the early stage, where the default strategy sends automated reminders. */
async function earlyBorrower(database: Database) {
  const c = await buildContactableCustomer(database);
  await database.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [c.loan.id]);
  const { loan, schedule } = await buildLoan(database, c.id, { firstDueDate: '2026-02-15' });
  const paid = schedule.slice(0, 9).reduce((s, i) => s + i.principalFen + i.interestFen + i.feeFen, 0);
  await database.sql.query(`INSERT INTO repayments (external_id, loan_id, value_date, amount_fen) VALUES ($1, $2, $3, $4)`, [`${loan.loanNumber}-PAID`, loan.id, schedule[8]!.dueDate, paid]);
  await reallocateLoanPayments(database.sql, [loan.id]);
  return c;
}

/**
 * 催收策略 from the browser (issue 5): a supervisor opens the active strategy, breaks a wait in the
 * JSON and sees the problem in place (its line in the gutter, its step in the outline, its field
 * path in the list), fixes it, saves it as a new draft, simulates it against the active strategy
 * over the stored days, and activates it.
 */
const NOW = new Date('2026-11-26T02:00:00Z');

describe.skipIf(!browserAvailable())('collection strategies: edit, validate in place, simulate, activate (chromium)', () => {
  let world: E2eWorld | undefined;
  let database: Database;
  let server: E2eServer;
  let page: Page | undefined;

  beforeAll(async () => {
    world = await openE2eWorld({
      server: { now: NOW },
      seed: async (db) => {
        database = db;
        await seedBranchWithStaff(database, { role: 'supervisor', employeeCode: 'SUP-ST' });
        // A small delinquent book and one daily run, so the simulation has a day of snapshots to replay.
        for (let i = 0; i < 2; i++) await buildContactableCustomer(database); // far behind: severe stage
        for (let i = 0; i < 2; i++) await earlyBorrower(database);
        const disputed = await earlyBorrower(database);
        await database.transaction((exec) =>
          openContactHold(exec, { customerId: disputed.id, type: 'dispute', sourceType: 'e2e', sourceId: 'dispute-1', reason: '对欠款金额有异议', actor: systemActor('e2e'), at: new Date('2026-11-20T02:00:00Z') }),
        );
        await runDailyCollections({ database, now: () => NOW, config: { graceDays: 0 } }, { asOf: '2026-11-26', ...(await loadStrategyPlan(database, NOW)) });
      },
    });
    ({ database, server, page } = world);
  }, 240_000);

  afterAll(() => world?.close());

  const editJson = async (p: Page, change: (s: any) => void) => {
    const box = p.getByTestId('strategy-json');
    const strategy = JSON.parse(await box.inputValue());
    change(strategy);
    await box.fill(JSON.stringify(strategy, null, 2));
  };

  it('a supervisor edits a draft, sees the validation error in place, fixes it, simulates and activates', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'strategies');
    const p = page!;
    await signInToConsole(p, 'SUP-ST');
    await p.getByTestId('nav-strategies').click();
    await p.getByTestId('strategies-page').waitFor();
    const rows = p.getByTestId('strategy-version-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-status')).toBe('active');
    await p.getByTestId('strategy-link').first().click();
    await p.getByTestId('strategy-page').waitFor();

    // Break the wait of step 1 in segment 3, validate: the problem is shown on its line, step and path.
    await editJson(p, (s) => { s.segments[3].ladder[1].waitDays = -1; s.nameEn = 'Default, gentler mid stage'; });
    await p.getByTestId('strategy-dirty').waitFor();
    await p.getByTestId('strategy-validate').click();
    const problem = p.locator('[data-testid="strategy-problem"][data-field="segments.3.ladder.1.waitDays"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/waitDays 不能小于 0/);
    const stepProblem = p.locator('[data-testid="strategy-step"][data-step="3.1"] [data-testid="step-problem"]');
    await stepProblem.waitFor();
    expect(await stepProblem.textContent()).toContain('waitDays');
    const flagged = p.getByTestId('strategy-problem-line');
    await expect.poll(() => flagged.count()).toBe(1);
    const line = Number(await flagged.getAttribute('data-line'));
    expect((await p.getByTestId('strategy-json').inputValue()).split('\n')[line - 1]).toContain('"waitDays": -1');
    await saveScreenshot(p, 'strategies-validation-in-place');

    // Fix it: valid, saved as a new draft version (v2), which opens.
    await editJson(p, (s) => { s.segments[3].ladder[1].waitDays = 5; });
    await p.getByTestId('strategy-validate').click();
    await p.getByTestId('strategy-notice').waitFor();
    await expect.poll(() => p.getByTestId('strategy-problem').count()).toBe(0);
    await p.getByTestId('strategy-save').click();
    await expect.poll(() => p.getByTestId('strategy-status').textContent()).toMatch(/草稿|Draft/);
    expect(await p.locator('h1').textContent()).toContain('v2');
    expect(new URL(p.url()).pathname).toMatch(/^\/collections\/strategies\/[0-9a-f-]{36}$/);

    // Simulate against the active strategy over the stored day.
    await p.getByTestId('strategy-simulate').click();
    await p.getByTestId('simulation-result').waitFor();
    expect(await p.getByTestId('sim-window').textContent()).toMatch(/5/); // five loans replayed
    // The disputed borrower's reminder is refused by the compliance engine under both strategies.
    const refusal = p.locator('[data-testid="sim-refusals"] tr[data-reason="paused-dispute"]');
    await refusal.waitFor();
    expect(await refusal.locator('td').allTextContents()).toEqual(['paused-dispute', '1', '1']);
    expect(await p.getByTestId('sim-channel-row').count()).toBeGreaterThan(0);
    expect(await p.getByTestId('sim-bar').count()).toBeGreaterThan(0);
    await p.getByTestId('sim-candidate-cost').waitFor();
    await saveScreenshot(p, 'strategies-simulation', { fullPage: true });

    // Activate: the draft becomes the active version; the old one is retired.
    p.once('dialog', (d) => void d.accept());
    await p.getByTestId('strategy-activate').click();
    await expect.poll(() => p.getByTestId('strategy-status').textContent()).toMatch(/生效中|Active/);
    await p.getByTestId('nav-strategies').click();
    await p.getByTestId('strategies-page').waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    const statuses = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-version')}:${e.getAttribute('data-status')}`));
    expect(statuses.sort()).toEqual(['1:retired', '2:active']);
    expect((await loadStrategyPlan(database)).strategy).toMatchObject({ version: 2, nameEn: 'Default, gentler mid stage' });
    await saveScreenshot(p, 'strategies-activated', { fullPage: true });
  });

  it('the supervisor starts an experiment; when the challenger draws complaints the guardrail stops it and the report says so', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'strategies-experiment');
    const p = page!;
    await p.getByTestId('experiment-start-form').waitFor();
    await p.getByTestId('experiment-share').fill('50');
    await p.getByTestId('experiment-start').click();
    await p.getByTestId('experiment-running').waitFor();
    await p.getByTestId('experiment-report').waitFor();
    const plan = await loadStrategyPlan(database);
    expect(plan.challenger).toMatchObject({ share: 0.5, strategy: { version: 1 } });

    // Next day: new delinquent borrowers open cases in both arms; the challenger's customers complain.
    const arms = { champion: [] as string[], challenger: [] as string[] };
    while (arms.champion.length < 1 || arms.challenger.length < 1) {
      const c = await buildContactableCustomer(database);
      arms[armFor(c.loan.id, { id: plan.challenger!.experimentId, challengerShare: 0.5 })].push(c.id);
    }
    const next = new Date('2026-11-27T02:00:00Z');
    await runDailyCollections({ database, now: () => next, config: { graceDays: 0 } }, { asOf: '2026-11-27', ...plan });
    for (const [i, customerId] of arms.challenger.entries()) {
      await database.sql.query(
        `INSERT INTO complaints (reference_number, customer_id, channel, received_at, status, description, created_by, created_at, updated_at)
         VALUES ($1, $2, 'phone', '2026-11-27T03:00:00Z', 'received', '催收短信太多', 'e2e', now(), now())`,
        [`TS-2026-${String(800_000 + i)}`, customerId],
      );
    }
    const check = await enforceGuardrails({ database, now: () => new Date('2026-11-27T04:00:00Z'), config: { defaultTimeZone: 'Asia/Shanghai' } }, '2026-11-27');
    expect(check?.stopped).toBe(true);

    await p.reload();
    await p.getByTestId('strategies-page').waitFor();
    await p.getByTestId('guardrail-banner').waitFor();
    expect(await p.getByTestId('guardrail-banner').textContent()).toMatch(/complaint rate/);
    expect(await p.locator('[data-testid="experiment-report-table"] tr[data-metric="complaintRate"]').textContent()).toContain('100.0%');
    expect(Number(await p.getByTestId('report-challenger-accounts').textContent())).toBe(arms.challenger.length);
    await p.getByTestId('experiment-start-form').waitFor(); // nothing runs: a new experiment may start
    await saveScreenshot(p, 'strategies-guardrail-stop', { fullPage: true });
  });
});
