import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openE2eWorld, seedBranchWithStaff, signInToConsole, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { buildContactableCustomer } from '../../src/modules/communications/communications.test-support.ts';
import { appJobs } from '../../src/server/app-jobs.ts';

/**
 * 作业调度 from the browser (issue 5, "a run record with counts and duration in the console"): a
 * supervisor opens the jobs page, sees the daily run scheduled at 02:00 Beijing, starts the run for
 * a date, watches its job complete and finds the run record with its counts; a future date is refused.
 */
const NOW = new Date('2026-11-26T02:00:00Z'); // 10:00 in Beijing

describe.skipIf(!browserAvailable())('scheduled jobs and daily-run records (chromium)', () => {
  let world: E2eWorld | undefined;
  let server: E2eServer;
  let page: Page | undefined;

  beforeAll(async () => {
    world = await openE2eWorld({
      server: { now: NOW },
      seed: async (database) => {
        await seedBranchWithStaff(database, { role: 'supervisor', employeeCode: 'SUP-OPS' });
        await buildContactableCustomer(database, { name: '李雷' }); // each with a loan unpaid since February
        await buildContactableCustomer(database, { name: '韩梅梅' });
      },
      // The workers, as main.ts starts them with the server; the schedules listed but not fired, so a
      // schedule falling due during the test (the daily run, 18:00 UTC) cannot change what it shows.
      afterStart: (started) => appJobs(started.deps).start({ fireSchedules: false }),
      beforeClose: (started) => appJobs(started.deps).stop(),
    });
    ({ server, page } = world);
  }, 240_000);

  afterAll(() => world?.close(), 60_000);

  it('a supervisor starts the daily run for a date and the record appears with its counts', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'operations');
    const p = page!;
    await signInToConsole(p, 'SUP-OPS');
    await p.getByTestId('nav-operations').click();
    await p.getByTestId('operations-page').waitFor();

    // The schedule: the daily run at 02:00 Beijing, never run yet; the workers run in this server.
    const daily = p.locator('[data-testid="ops-job"][data-job="collections.daily-run"]');
    await daily.waitFor();
    await expect(daily.textContent()).resolves.toContain('0 2 * * *');
    await expect(daily.textContent()).resolves.toContain('Asia/Shanghai');
    expect(await p.getByTestId('ops-workers-off').count()).toBe(0);
    await p.getByTestId('ops-runs-empty').waitFor();
    // The date defaults to the server's today in Beijing.
    await expect(p.getByTestId('ops-as-of').inputValue()).resolves.toBe('2026-11-26');

    // A future date is refused, with the reason next to the form.
    await p.getByTestId('ops-as-of').fill('2026-11-28');
    await p.getByTestId('ops-run-submit').click();
    await p.getByTestId('ops-run-problem').waitFor();
    await expect(p.getByTestId('ops-run-problem').textContent()).resolves.toMatch(/未来日期|future/);

    await p.getByTestId('ops-as-of').fill('2026-11-26');
    await p.getByTestId('ops-run-submit').click();
    await p.getByTestId('ops-run-queued').waitFor();
    await p.locator('[data-testid="ops-run-job-state"][data-state="completed"]').waitFor({ timeout: 30_000 });

    const record = p.locator('[data-testid="ops-run"][data-as-of="2026-11-26"]');
    await record.waitFor();
    expect(await record.getAttribute('data-status')).toBe('completed');
    await expect(record.getByTestId('ops-run-delinquent').textContent()).resolves.toBe('2');
    await expect(record.getByTestId('ops-run-cases').textContent()).resolves.toBe('2 / 0');
    await expect(record.getByTestId('ops-run-executions').textContent()).resolves.toBe('1');
    expect(Number(await record.getByTestId('ops-run-actions').textContent())).toBeGreaterThan(0);
    // The schedule now shows the run as the daily run's last job.
    await daily.getByTestId('ops-last-state').waitFor();
    await saveScreenshot(p, 'operations-daily-run', { fullPage: true });

    // Running the same date again is harmless: one more execution, nothing opened twice.
    await p.getByTestId('ops-run-submit').click();
    await p.locator('[data-testid="ops-run-job-state"][data-state="completed"]').waitFor({ timeout: 30_000 });
    await expect.poll(async () => record.getByTestId('ops-run-executions').textContent(), { timeout: 10_000 }).toBe('2');
    await expect(record.getByTestId('ops-run-cases').textContent()).resolves.toBe('2 / 0');
  }, 120_000);
});
