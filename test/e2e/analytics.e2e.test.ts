import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openTestDatabase, TEST_DATA_KEY } from '../support/databases.ts';
import { openE2eWorld, signInToConsole, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { ensureDefaultTemplates } from '../../src/modules/communications/index.ts';
import { seedDemoPortfolio } from '../../src/modules/demo/index.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/modules/demo/demo-access.ts';
import { runDailyCollections } from '../../src/modules/collections/daily-run/index.ts';
import { createPersonalDataCipher } from '../../src/platform/crypto/personal-data-cipher.ts';
import type { Database } from '../../src/platform/db/client.ts';

/**
 * 数据分析 from the browser (issues 5 and 6): a supervisor opens 数据分析 on a demo portfolio that has
 * had four daily runs across October and November and a handful of complaints, sees the bucket
 * chart, the roll-rate heat map and the complaint charts with the 90 % target line, and downloads
 * the regulatory CSV (UTF-8 with BOM).
 */
const NOW = new Date('2026-11-26T02:00:00Z');
const RUN_DAYS = ['2026-10-30', '2026-10-31', '2026-11-25', '2026-11-26'];

async function addComplaints(database: Database) {
  const { rows: customers } = await database.sql.query<{ id: string }>(`SELECT id FROM customers ORDER BY external_id LIMIT 4`);
  const specs = [
    { category: 'collection-conduct', received: '2026-10-12T02:00:00Z', handled: '2026-10-12T05:00:00Z', decided: '2026-10-20T02:00:00Z', outcome: 'upheld', remedies: ['apology', 'process-fix'], score: 4 },
    { category: 'interest-and-fee-calculation', received: '2026-11-02T02:00:00Z', handled: '2026-11-03T06:00:00Z', decided: '2026-11-19T02:00:00Z', outcome: 'partly-upheld', remedies: ['refund'], score: 2 },
    { category: 'service-quality-or-delay', received: '2026-11-10T02:00:00Z', handled: '2026-11-10T03:00:00Z', decided: '2026-11-12T02:00:00Z', outcome: 'not-upheld', remedies: [], score: 5 },
    { category: 'collection-conduct', received: '2026-11-25T08:00:00Z', handled: null, decided: null, outcome: null, remedies: null, score: null },
  ];
  for (const [i, s] of specs.entries()) {
    const { rows: [row] } = await database.sql.query<{ id: string }>(
      `INSERT INTO complaints (reference_number, customer_id, channel, received_at, category, severity, product, status, description, outcome, remedies, decided_at, closed_at, created_by, created_at, updated_at)
       VALUES ($1, $2, 'phone', $3, $4, 'medium', 'personal-consumer', $5, '演示投诉', $6, $7::jsonb, $8, $8, 'e2e', $3, $3) RETURNING id`,
      [`TS-2026-9000${i}0`, customers[i]!.id, s.received, s.category, s.decided ? 'closed' : 'received', s.outcome, s.remedies ? JSON.stringify(s.remedies) : null, s.decided],
    );
    const events: Array<[string, string]> = [['received', s.received], ...(s.handled ? [['first-handling', s.handled] as [string, string]] : []), ...(s.decided ? [['decision', s.decided] as [string, string]] : [])];
    for (const [j, [type, at]] of events.entries()) {
      await database.sql.query(`INSERT INTO complaint_events (complaint_id, seq, type, at, actor, payload) VALUES ($1, $2, $3, $4, 'e2e', '{}'::jsonb)`, [row!.id, j + 1, type, at]);
    }
    if (s.score !== null) {
      await database.sql.query(
        `INSERT INTO satisfaction_surveys (complaint_id, customer_id, token, status, created_at, answered_at, score) VALUES ($1, $2, $3, 'answered', $4, $4, $5)`,
        [row!.id, customers[i]!.id, `e2e-token-${i}`, s.decided, s.score],
      );
    }
  }
}

describe.skipIf(!browserAvailable())('analytics pages (chromium)', () => {
  let world: E2eWorld | undefined;
  let database: Database;
  let server: E2eServer;
  let page: Page | undefined;

  beforeAll(async () => {
    world = await openE2eWorld({
      server: { now: NOW },
      seed: async (db) => {
        database = db;
        await seedDemoPortfolio({ database, cipher: createPersonalDataCipher(TEST_DATA_KEY), customers: 80, seed: 20260101, asOf: '2026-11-26' });
        await ensureDefaultTemplates(database.sql, new Date('2026-01-01T00:00:00Z'));
        for (const day of RUN_DAYS) {
          await runDailyCollections({ database, now: () => new Date(`${day}T02:00:00Z`), config: { graceDays: 0 } }, { asOf: day });
        }
        await addComplaints(database);
      },
    });
    ({ database, server, page } = world);
  }, 300_000);

  afterAll(() => world?.close());

  it('a supervisor sees the collections charts and the roll-rate matrix', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'analytics-collections');
    const p = page!;
    await signInToConsole(p, 'E1002', { password: DEMO_STAFF_PASSWORD });
    await p.getByTestId('nav-analytics').click();
    await p.getByTestId('analytics-collections-page').waitFor();
    expect(await p.getByTestId('nav-analytics').textContent()).toBe('数据分析');

    // Default period: six calendar months to today, per month: the last run day of October and of November.
    await p.getByTestId('chart-buckets').waitFor();
    expect(await p.locator('[data-testid="chart-buckets"] svg g').count()).toBe(2);
    await p.getByTestId('chart-buckets-2026-10-31').waitFor();
    const bars = await p.locator('[data-testid="chart-buckets"] rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-value'))));
    expect(bars.reduce((a, b) => a + b, 0)).toBeGreaterThan(0); // the demo book has delinquent loans
    expect(await p.getByTestId('chart-buckets').getAttribute('class')).toContain('chart');
    expect(await p.locator('[data-testid="chart-buckets"] svg').getAttribute('aria-label')).toBe('逾期分档分布（户数）');

    await p.getByTestId('roll-rate-matrix').waitFor();
    expect(await p.getByTestId('analytics-roll-dates').textContent()).toBe('2026-10-31 → 2026-11-26');
    expect(await p.locator('[data-testid="roll-rate-matrix"] tbody tr').count()).toBe(8); // M0 … M7+
    const m0Stay = await p.locator('[data-testid="roll-rate-matrix"] tr[data-row="M0"] td[data-col="M0"]').textContent();
    expect(m0Stay).toMatch(/^\d+\.\d%$/);
    await p.getByTestId('chart-cure').waitFor();
    await p.getByTestId('analytics-arms-table').waitFor();
    await saveScreenshot(p, 'analytics-collections');
  });

  it('the complaint page shows attainment against the 90 % target, time to resolve and satisfaction; the CSV downloads', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'analytics-complaints');
    const p = page!;
    await p.getByTestId('analytics-tab-complaints').click();
    await p.getByTestId('analytics-complaints-page').waitFor();
    await p.getByTestId('kpi-complaints').waitFor();
    expect(await p.getByTestId('kpi-complaints').textContent()).toContain('4');
    await p.getByTestId('chart-timeliness-target').waitFor({ state: 'attached' }); // a horizontal line has no height: never "visible"
    expect(await p.locator('[data-testid="chart-timeliness"] text.chart__target-label').textContent()).toBe('目标 90.0%');
    // First handling: three handled in time (3 h, 28 h is late, 1 h) → 2 met, 1 missed, 1 not yet due.
    expect(await p.getByTestId('analytics-timeliness-firstHandling').textContent()).toContain('达标 2，超时 1，未到期 1');
    expect(await p.locator('[data-testid="chart-resolve"] svg g').count()).toBe(7);
    expect(await p.getByTestId('analytics-satisfaction-summary').textContent()).toContain('发出问卷 3 份，回复 3 份');
    expect(await p.locator('[data-testid="analytics-root-table"] tbody tr').count()).toBe(3);
    await saveScreenshot(p, 'analytics-complaints');

    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('analytics-export').click()]);
    expect(download.suggestedFilename()).toBe('loandesk-statistics-2026-06-01-2026-11-26.csv');
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('section,section_zh,dimension,key,metric,value');
    expect(lines).toContain('complaints,投诉总量,all,complaints,count,4');
    expect(lines.some((l) => l.startsWith('roll_rate,迁徙率,2026-10-31>2026-11-26,'))).toBe(true);
  });
});
