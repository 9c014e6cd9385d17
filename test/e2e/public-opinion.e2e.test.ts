import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { buildIndividual, buildLoan } from '../support/factories.ts';
import { openE2eWorld, seedBranchWithStaff, signInToConsole, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { importMentions } from '../../src/modules/public-opinion/use-cases/import-mentions.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import type { Database } from '../../src/platform/db/client.ts';

/**
 * 舆情 from the browser (issue 6): a complaint handler opens 舆情监测 from the navigation, sees the
 * spike alert raised by a burst of negative posts, the 14-day chart and the mention list, and opens
 * a complaint from a negative mention matched to a customer by loan number.
 */
const NOW = new Date('2026-11-26T02:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe.skipIf(!browserAvailable())('public-opinion monitoring (chromium)', () => {
  let world: E2eWorld | undefined;
  let database: Database;
  let server: E2eServer;
  let page: Page | undefined;
  let loanNumber = '';

  beforeAll(async () => {
    world = await openE2eWorld({
      server: { now: NOW },
      seed: async (db) => {
        database = db;
        await seedBranchWithStaff(database, { role: 'complaint-handler', employeeCode: 'CH-PO' });
        const customer = await buildIndividual(database, { name: '欧阳娜娜' });
        const { loan } = await buildLoan(database, customer.id);
        loanNumber = loan.loanNumber;
      },
      afterStart: async (started) => {
        server = started;
        // History: a few calm mentions over the last days; then a burst of negative posts in the last hour.
        const calm = [
          { m: 60 * 26, text: '客服很专业，非常耐心，满意' },
          { m: 60 * 50, text: '今天去网点办理了还款' },
          { m: 60 * 75, text: '利息有点高' },
        ];
        const burst = Array.from({ length: 6 }, (_, i) => ({ m: 5 + i * 7, text: `暴力催收，爆通讯录，骗子！第${i + 1}位网友` }));
        const rows = [
          ...calm.map((c, i) => ({ source: 'weibo' as const, externalId: `calm-${i}`, publishedAt: minutesAgo(c.m), text: c.text, link: null, author: `网友${i}` })),
          ...burst.map((b, i) => ({ source: 'heimao' as const, externalId: `burst-${i}`, publishedAt: minutesAgo(b.m), text: b.text, link: null, author: null })),
          { source: 'heimao' as const, externalId: 'matched-1', publishedAt: minutesAgo(1), text: `我的贷款${loanNumber}被暴力催收，还被爆通讯录`, link: 'https://tousu.example.cn/1', author: '受害人' },
        ];
        const outcome = await importMentions(server.deps, systemActor('e2e-seed'), rows, { origin: 'file' });
        expect(outcome.alert).not.toBeNull();
      },
    });
    ({ database, server, page } = world);
  }, 240_000);

  afterAll(() => world?.close());

  it('a handler sees the spike alert, opens a complaint from a negative mention, and from an unmatched one after picking the customer', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'public-opinion');
    const p = page!;
    await signInToConsole(p, 'CH-PO');
    await p.getByTestId('nav-public-opinion').click();
    await p.getByTestId('public-opinion-page').waitFor();

    const alert = p.getByTestId('po-spike-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('7');
    await p.getByTestId('po-chart').waitFor();
    expect(await p.locator('[data-testid="po-chart"] g').count()).toBe(14);

    const mention = p.locator('[data-testid="po-mention"]', { hasText: loanNumber });
    await mention.waitFor();
    expect(await mention.getAttribute('data-label')).toBe('negative');
    expect(await mention.getByTestId('po-customer-link').textContent()).toBe('欧阳娜娜');
    await mention.getByTestId('po-open-complaint').click();

    const opened = p.getByTestId('po-complaint-opened');
    await opened.waitFor();
    expect(await opened.textContent()).toMatch(/TS-2026-\d{6}/);
    await p.locator('[data-testid="po-mention"][data-status="complaint-opened"]', { hasText: loanNumber }).waitFor();
    expect(await mention.getByTestId('po-complaint-ref').textContent()).toMatch(/TS-2026-\d{6}/);
    await saveScreenshot(p, 'public-opinion-complaint-opened');

    await p.getByTestId('po-alert-ack').click();
    await p.getByTestId('po-spike-alert').waitFor({ state: 'detached' });

    // An unmatched mention: the handler picks the customer first.
    const unmatched = p.locator('[data-testid="po-mention"]', { hasText: '今天去网点办理了还款' });
    await unmatched.getByTestId('po-open-complaint').click();
    const dialog = p.getByTestId('po-pick-customer');
    await dialog.waitFor();
    await dialog.getByTestId('po-pick-q').fill('欧阳娜娜');
    await dialog.getByTestId('po-pick-submit').click();
    await dialog.getByTestId('po-pick-choose').first().click();
    await p.locator('[data-testid="po-mention"][data-status="complaint-opened"]', { hasText: '今天去网点办理了还款' }).waitFor();
    expect(await unmatched.getByTestId('po-customer-link').textContent()).toBe('欧阳娜娜');
  }, 120_000);
});
