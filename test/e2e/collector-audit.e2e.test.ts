import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { buildBranch, buildIndividual, buildLoan } from '../support/factories.ts';
import { createStaffUser, TEST_PASSWORD } from '../support/sessions.ts';
import { openE2eWorld, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { accountAssignments } from '../../src/modules/collections/assignments.schema.ts';
import { withAudit } from '../../src/platform/audit/index.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { staffUsers } from '../../src/platform/auth/staff.schema.ts';

/**
 * Least privilege seen from the browser, then checked by the auditor:
 * (a) a collector signs in, sees the borrower's phone and ID number masked, reveals one phone with
 *     a reason, and gets a plain not-found for a customer outside their scope (no data at all);
 * (b) a compliance auditor opens the audit viewer, finds the collector's sign-in and the reveal,
 *     filters by action, pages back with "load more", exports CSV, verifies the chain (intact), and
 *     after a tamper sees the first broken link in red;
 * plus changing one's own password from the user box.
 */
const PHONE = '+8613912345678';

describe.skipIf(!browserAvailable())('collector scope and the audit viewer (chromium)', () => {
  let world: E2eWorld | undefined;
  let database: Database;
  let server: E2eServer;
  let page: Page | undefined;
  let mine: Awaited<ReturnType<typeof buildIndividual>>;
  let other: Awaited<ReturnType<typeof buildIndividual>>;
  let collector: typeof staffUsers.$inferSelect;
  let auditor: typeof staffUsers.$inferSelect;

  beforeAll(async () => {
    world = await openE2eWorld({
      seed: async (db) => {
        database = db;
        await buildBranch(database, 'BJ001', '北京分行', 'Beijing Branch');
        await buildBranch(database, 'SH001', '上海分行', 'Shanghai Branch');
        collector = await createStaffUser(database, { role: 'collector', employeeCode: 'COL-E2E', team: 'BJ-T1' });
        await database.db.update(staffUsers).set({ displayName: '陈静' }).where(eq(staffUsers.id, collector.id));
        auditor = await createStaffUser(database, { role: 'compliance-auditor', employeeCode: 'AUD-E2E', branchId: null });
        await database.db.update(staffUsers).set({ displayName: '周审计' }).where(eq(staffUsers.id, auditor.id));

        // The collector's scope is what account_assignments gives them: this borrower, not the other one.
        mine = await buildIndividual(database, { name: '王建国', phone: PHONE, externalId: 'C20260001' });
        other = await buildIndividual(database, { name: '林晓梅', phone: '+8613800009999', externalId: 'C20260002' });
        await database.db.insert(accountAssignments).values({ customerId: mine.id, assigneeId: collector.id });
        await buildLoan(database, mine.id, { loanNumber: 'LN202601160002' });
        await buildLoan(database, other.id, { loanNumber: 'LN202601160003' });

        // Enough earlier history that the viewer has to page: 60 import-time updates by the nightly job.
        await withAudit(database, async (_exec, audit) => {
          for (let i = 1; i <= 60; i++) {
            await audit(
              { actor: systemActor('nightly-import'), action: 'customer.updated', entityType: 'customer', entityId: other.id, before: { riskTier: 'low', run: i - 1 }, after: { riskTier: 'low', run: i } },
              new Date('2026-11-25T18:00:00Z'),
            );
          }
        });

      },
    });
    ({ database, server, page } = world);
  });

  afterAll(() => world?.close());

  const currentPage = () => {
    if (!page) throw new Error('browser page not opened');
    return page;
  };

  async function signIn(p: Page, employeeCode: string, password = TEST_PASSWORD) {
    await p.getByTestId('login-employee-code').fill(employeeCode);
    await p.getByTestId('login-password').fill(password);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('user-menu').waitFor();
  }

  it('(a) a collector sees masked phone and ID, and cannot open a customer outside their scope', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'collector-scope');
    const p = currentPage();
    await p.goto('/');
    await signIn(p, 'COL-E2E');
    expect(await p.getByTestId('user-name').innerText()).toBe('陈静');
    // No audit viewer for a collector.
    expect(await p.getByTestId('nav-audit').count()).toBe(0);
    // A collector starts at the work queue.
    await p.getByTestId('collections-queue-page').waitFor();
    await p.getByTestId('nav-search').click();

    await p.getByTestId('search-input').fill('王建国');
    await p.getByTestId('search-input').press('Enter');
    await p.getByTestId('search-result-row').first().click();
    await p.waitForURL(`**/customers/${mine.id}`);
    await p.getByTestId('customer-profile').waitFor();

    // ID number masked, and the clear number nowhere in the page.
    expect(await p.getByTestId('customer-id-number').innerText()).toContain(mine.idNumberMasked!);
    expect(await p.content()).not.toContain(mine.idNumber);

    await p.getByTestId('tab-contacts').click();
    const own = p.getByTestId('contact-row').first();
    await own.waitFor();
    expect(await own.getByTestId('contact-value').innerText()).toBe('139****5678');
    expect(await p.content()).not.toContain('13912345678');
    // Collectors may not record consents: no grant / withdraw buttons.
    expect(await p.getByTestId('consent-row').count()).toBe(1);
    expect(await p.getByTestId('consent-withdraw').count()).toBe(0);
    expect(await p.getByTestId('consent-add').count()).toBe(0);
    await saveScreenshot(p, 'collector-contacts-masked-zh', { fullPage: false });

    // One audited reveal, for the auditor to find later.
    await own.getByTestId('contact-reveal').click();
    await p.getByTestId('unmask-reason').fill('客户来电要求核对预留手机号');
    await p.getByTestId('unmask-confirm').click();
    await own.getByTestId('contact-revealed').waitFor();

    // Someone else's customer: a plain not-found, with none of their data.
    await p.goto(`/customers/${other.id}`);
    await p.getByTestId('customer-not-found').waitFor();
    expect(await p.getByTestId('customer-not-found').innerText()).toContain('未找到该客户');
    expect(await p.getByTestId('customer-profile').count()).toBe(0);
    const html = await p.content();
    expect(html).not.toContain('林晓梅');
    expect(html).not.toContain('C20260002');
    expect(html).not.toContain('LN202601160003');
    await saveScreenshot(p, 'collector-out-of-scope-zh', { fullPage: false });

    // Typing the audit address gets the server's refusal, not the trail.
    await p.goto('/audit');
    await p.getByTestId('audit-error').waitFor();
    expect(await p.getByTestId('audit-error').innerText()).toContain('无权');
    expect(await p.getByTestId('audit-row').count()).toBe(0);

    await p.getByTestId('sign-out').click();
    await p.getByTestId('login-form').waitFor();
  });

  it('(b) a compliance auditor finds the collector’s sign-in and reveal, filters, pages, exports and verifies the chain', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'auditor');
    const p = currentPage();
    await p.goto('/');
    await signIn(p, 'AUD-E2E');
    await p.getByTestId('nav-audit').click();
    await p.waitForURL('**/audit');
    await p.getByTestId('audit-row').first().waitFor();

    // Newest first: the auditor's own sign-in, then the collector's sign-out, reveal, sign-in…
    const collectorActor = `staff:${collector.id}`;
    const rows = p.getByTestId('audit-row');
    expect(await rows.count()).toBe(50);
    expect(await rows.first().getAttribute('data-action')).toBe('user.login.succeeded');
    const byCollector = p.locator(`[data-testid="audit-row"]:has([data-actor="${collectorActor}"])`);
    const collectorActions = await byCollector.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(collectorActions).toEqual(expect.arrayContaining(['user.login.succeeded', 'personal-data.unmasked']));
    const reveal = p.locator('[data-testid="audit-row"][data-action="personal-data.unmasked"]');
    expect(await reveal.count()).toBe(1);
    expect(await reveal.getByTestId('audit-reason').innerText()).toBe('客户来电要求核对预留手机号');
    expect(await reveal.getByTestId('audit-action-label').innerText()).toBe('查看完整个人信息');
    expect(await reveal.innerText()).toContain('催收员');
    // Shown in Beijing time to the second, whatever the workstation's zone.
    const occurredAt = (await reveal.getByTestId('audit-time').getAttribute('datetime'))!;
    const beijing = new Date(new Date(occurredAt).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(await reveal.getByTestId('audit-time').innerText()).toBe(beijing);
    await saveScreenshot(p, 'audit-viewer-zh');
    await saveScreenshot(p, 'audit-viewer-zh-1366x900', { fullPage: false });

    // "Load more" pages back by cursor until the first event.
    await p.getByTestId('audit-load-more').click();
    await p.getByTestId('audit-end').waitFor();
    const total = await rows.count();
    expect(total).toBeGreaterThan(60);
    const seqs = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs[seqs.length - 1]).toBe(1);
    expect(new Set(seqs).size).toBe(seqs.length);

    // Filter by action: only reveals remain, and the filter is in the address.
    await p.getByTestId('audit-filter-action').selectOption('personal-data.unmasked');
    await p.getByTestId('audit-search').click();
    await p.waitForURL('**/audit?action=personal-data.unmasked');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-action')).toBe('personal-data.unmasked');
    await rows.first().getByTestId('audit-expand').click();
    const detail = p.getByTestId('audit-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('audit-diff-row').count()).toBe(2); // field, customerId
    expect(await detail.innerText()).toContain('contact-point');
    expect(await detail.getByTestId('audit-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await saveScreenshot(p, 'audit-filtered-expanded-zh', { fullPage: false });

    // Click an actor id: narrows to that actor (sign-in, reveal and sign-out by the collector; nothing else).
    await p.getByTestId('audit-reset').click();
    await p.waitForURL(/\/audit$/);
    await p.locator(`[data-actor="${collectorActor}"]`).first().click();
    await p.waitForURL(`**/audit?actor=${encodeURIComponent(collectorActor)}`);
    await expect.poll(async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).sort()).toEqual(
      ['personal-data.unmasked', 'user.login.succeeded', 'user.logout'].sort(),
    );
    expect(await p.getByTestId('audit-filter-actor').inputValue()).toBe(collectorActor);

    // CSV export with the same filters: a file download, itself audited.
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-events-2026-11-26\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('personal-data.unmasked');
    expect(csv).toContain('user.login.succeeded');
    expect(csv).not.toContain('customer.updated');

    // The chain verifies.
    await p.getByTestId('audit-verify').click();
    const ok = p.getByTestId('audit-verify-ok');
    await ok.waitFor();
    expect(await ok.innerText()).toContain('审计链完整');
    expect(await p.getByTestId('audit-verify-last-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await saveScreenshot(p, 'audit-verify-ok-zh', { fullPage: false });

    // Someone with database access rewrites an old event: the first broken link is named, in red.
    await database.sql.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    try {
      await database.sql.query(`UPDATE audit_events SET reason = '补录' WHERE seq = 7`);
    } finally {
      await database.sql.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    }
    await p.getByTestId('audit-verify').click();
    const broken = p.getByTestId('audit-verify-broken');
    await broken.waitFor();
    expect(await broken.innerText()).toContain('序号 7');
    expect(await broken.innerText()).toContain('事件内容被修改');
    expect(await broken.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
    await saveScreenshot(p, 'audit-verify-broken-zh', { fullPage: false });

    // The same page in English.
    await p.getByTestId('lang-en').click();
    await expect.poll(() => p.getByTestId('nav-audit').innerText()).toBe('Audit trail');
    expect(await broken.innerText()).toContain('breaks at sequence number 7');
    expect(await reveal.getByTestId('audit-action-label').innerText()).toBe('Personal data revealed');
    await saveScreenshot(p, 'audit-viewer-en', { fullPage: false });
    await p.getByTestId('lang-zh-CN').click();
    await expect.poll(() => p.getByTestId('nav-audit').innerText()).toBe('审计日志');

    // A page whose code cannot be fetched (a release replaced it under an open tab): one reload to
    // pick up the new names, then, still failing, the error screen; never a blank page.
    const importsChunk = '**/assets/imports-page-*.js';
    let fetches = 0;
    await p.route(importsChunk, (route) => {
      fetches++;
      return route.abort();
    });
    try {
      await p.goto('/imports');
      await p.getByTestId('error-screen').waitFor();
      expect(fetches).toBe(2);
    } finally {
      await p.unroute(importsChunk);
    }
    await p.reload();
    await p.getByTestId('imports-page').waitFor();
  });

  it('changes the password from the user box: mismatch and wrong current password first, then signs in with the new one', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'change-password');
    const p = currentPage();
    await p.goto('/');
    await p.getByTestId('change-password').click();
    const dialog = p.getByTestId('password-dialog');
    await dialog.waitFor();

    await p.getByTestId('password-current').fill(TEST_PASSWORD);
    await p.getByTestId('password-new').fill('Audit-2026-new');
    await p.getByTestId('password-repeat').fill('Audit-2026-nwe');
    await p.getByTestId('password-submit').click();
    await p.getByTestId('password-mismatch').waitFor();

    await p.getByTestId('password-current').fill('not-my-password');
    await p.getByTestId('password-repeat').fill('Audit-2026-new');
    await p.getByTestId('password-submit').click();
    await p.getByTestId('password-error').waitFor();
    expect(await p.getByTestId('password-error').innerText()).toContain('当前密码不正确');

    await p.getByTestId('password-current').fill(TEST_PASSWORD);
    await p.getByTestId('password-new').fill('short1');
    await p.getByTestId('password-repeat').fill('short1');
    await p.getByTestId('password-submit').click();
    await expect.poll(() => p.getByTestId('password-error').innerText()).toContain('至少 10 位');
    await saveScreenshot(p, 'change-password-rules-zh', { fullPage: false });

    await p.getByTestId('password-new').fill('Audit-2026-new');
    await p.getByTestId('password-repeat').fill('Audit-2026-new');
    await p.getByTestId('password-submit').click();
    await p.getByTestId('password-done').waitFor();
    await p.getByTestId('password-close').click();
    expect(await dialog.count()).toBe(0);

    // This session stays; the new password is the one that works from now on.
    await p.getByTestId('sign-out').click();
    await p.getByTestId('login-employee-code').fill('AUD-E2E');
    await p.getByTestId('login-password').fill(TEST_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('login-error').waitFor();
    await signIn(p, 'AUD-E2E', 'Audit-2026-new');
    expect(await p.getByTestId('user-name').innerText()).toBe('周审计');
  });
});
