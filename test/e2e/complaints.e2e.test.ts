import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newDesktopPage, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openTestDatabase } from '../support/databases.ts';
import { buildBranch, buildIndividual } from '../support/factories.ts';
import { createStaffUser } from '../support/sessions.ts';
import { ensureWebBuilt, startE2eServer, signInToConsole, type E2eServer } from './e2e-support.ts';
import { ensureDefaultTemplates } from '../../src/modules/communications/index.ts';
import { portalUsers } from '../../src/modules/portal/portal-users.schema.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';

/**
 * A borrower files a complaint in the portal; a complaint handler opens it in the console, corrects
 * the category, records first handling, decides (upheld: apology and fee waiver) and closes it; the
 * borrower rates the handling in the portal and the handler sees the score. Test clock: 2026-11-26.
 */
const BORROWER_PASSWORD = 'Borrower#2026a';
const COMPLAINT_TEXT = '这个月的还款多扣了两百元手续费，客服电话一直打不通，请核实并退还多收的费用。';

describe.skipIf(!browserAvailable())('complaints: portal to console and back (chromium)', () => {
  let dispose: (() => Promise<void>) | undefined;
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let portal: Page | undefined;
  let staff: Page | undefined;
  let db: Awaited<ReturnType<typeof openTestDatabase>>['database'] | undefined;

  beforeAll(async () => {
    await ensureWebBuilt();
    const handle = await openTestDatabase('pglite');
    dispose = handle.dispose;
    const { database } = handle;
    db = database;
    await buildBranch(database);
    await ensureDefaultTemplates(database.sql, new Date('2026-01-01T00:00:00Z'));
    await createStaffUser(database, { role: 'complaint-handler', employeeCode: 'CH-0001' });
    // A head-office handler: routing prefers the customer's branch (CH-0001); the picker offers both.
    await createStaffUser(database, { role: 'complaint-handler', employeeCode: 'CH-HQ01', branchId: null });
    await database.sql.query(`UPDATE staff_users SET display_name = CASE employee_code WHEN 'CH-0001' THEN '陈静' ELSE '林峰' END WHERE employee_code IN ('CH-0001', 'CH-HQ01')`);
    const customer = await buildIndividual(database, { name: '李秀英', phone: '+8613912340001', externalId: 'C20260101' });
    await database.db.insert(portalUsers).values({ customerId: customer.id, login: '+8613912340001', passwordHash: await hashPassword(BORROWER_PASSWORD) });
    server = await startE2eServer(database);
    browser = await launchBrowser();
    ({ context, page: portal } = await newDesktopPage(browser, server.baseUrl));
    staff = await context.newPage();
    await staff.setViewportSize({ width: 1366, height: 900 });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  it('files in the portal, is handled and closed in the console, and the survey score comes back', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => portal, 'complaints-portal');
    screenshotOnFailure(onTestFailed, () => staff, 'complaints-console');
    const p = portal!;
    const s = staff!;

    // Portal: file the complaint.
    await p.goto('/portal/complaints');
    await p.getByTestId('portal-login-id').fill('13912340001');
    await p.getByTestId('portal-login-password').fill(BORROWER_PASSWORD);
    await p.getByTestId('portal-login-submit').click();
    await p.getByTestId('portal-complaint-form').waitFor();
    await p.getByTestId('portal-complaint-category').selectOption('service-quality-or-delay');
    await p.getByTestId('portal-complaint-text').fill(COMPLAINT_TEXT);
    await p.getByTestId('portal-complaint-submit').click();
    await p.getByTestId('portal-complaint-filed').waitFor();
    const reference = /TS-2026-\d{6}/.exec(await p.getByTestId('portal-complaint-filed').innerText())![0];
    const mine = p.locator(`[data-testid="portal-complaint"][data-reference="${reference}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('portal-complaint-status').innerText()).toBe('已受理');
    await saveScreenshot(p, 'complaints-portal-filed-zh', { fullPage: false });

    // Console: the handler finds it in the list.
    await signInToConsole(s, 'CH-0001');
    await s.getByTestId('nav-complaints').click();
    const row = s.locator(`[data-testid="complaint-row"][data-reference="${reference}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('李秀英');
    expect(await row.innerText()).toContain('客户门户');
    // The 15 days end at 24:00 on 2026-12-11 (the due instant is the next local midnight).
    expect(await row.getByTestId('complaint-decision-due').innerText()).toBe('2026-12-11 24:00');
    await saveScreenshot(s, 'complaints-list-zh', { fullPage: false });
    // Staff intake dialog (opened and cancelled here; the API tests register by phone).
    await s.getByTestId('complaint-register').click();
    await s.getByTestId('complaint-register-dialog').waitFor();
    await s.getByTestId('complaint-register-customer').fill('C20260101');
    await saveScreenshot(s, 'complaint-register-dialog-zh', { fullPage: false });
    await s.keyboard.press('Escape');
    await s.getByTestId('complaint-register-dialog').waitFor({ state: 'detached' });
    // The routed complaint is in the handler's bell; opening the notice opens the complaint.
    await expect.poll(() => s.getByTestId('notification-count').innerText()).toBe('1');
    await s.getByTestId('notification-bell').click();
    const notice = s.getByTestId('notification-item').first();
    expect(await notice.getAttribute('data-kind')).toBe('complaint-assigned');
    expect(await notice.innerText()).toContain(reference);
    await saveScreenshot(s, 'complaint-notification-bell-zh', { fullPage: false });
    await notice.locator('button').click();
    await s.getByTestId('complaint-page').waitFor();
    await expect.poll(async () => (await s.getByTestId('notification-count').count())).toBe(0);
    const routedOwner = await s.getByTestId('complaint-owner').innerText();
    expect(routedOwner).toBe('陈静'); // the customer's branch before head office
    expect(await s.getByTestId('complaint-description').innerText()).toBe(COMPLAINT_TEXT);
    expect(await s.getByTestId('complaint-classification-state').innerText()).toBe('待确认');
    expect(await s.getByTestId('complaint-complainant-category').innerText()).toContain('服务质量或拖延');
    await saveScreenshot(s, 'complaint-detail-new-zh', { fullPage: false });

    // Correct the category to interest and fee calculation, severity medium.
    await s.getByTestId('complaint-classify-category').selectOption('interest-and-fee-calculation');
    await s.getByTestId('complaint-classify-severity').selectOption('high');
    expect(await s.getByTestId('complaint-classify-submit').innerText()).toBe('更正分类');
    await s.getByTestId('complaint-classify-submit').click();
    await expect.poll(() => s.getByTestId('complaint-classification-state').innerText()).toBe('已确认');
    expect(await s.getByTestId('complaint-current-category').innerText()).toContain('利息费用计算');
    expect(await s.getByTestId('complaint-current-category').innerText()).toContain('高');

    // First handling.
    await s.getByTestId('complaint-action-first-handling').click();
    await s.getByTestId('complaint-action-text').fill('已致电客户，核对扣款记录');
    await s.getByTestId('complaint-action-submit').click();
    await expect.poll(() => s.getByTestId('complaint-detail-status').innerText()).toBe('处理中');

    // Reassign with the handler picker (workloads shown), then the owner changes.
    await s.getByTestId('complaint-action-reassign').click();
    const picker = s.getByTestId('complaint-reassign-owner');
    await expect.poll(() => s.getByTestId('complaint-handler-option').count()).toBeGreaterThanOrEqual(1);
    const options = await s.getByTestId('complaint-handler-option').allInnerTexts();
    expect(options).toContain('林峰 · 总行（投诉专员，在办 0 件）');
    expect(options.some((o) => o.startsWith('陈静'))).toBe(false); // the current owner is not offered
    const hq = s.getByTestId('complaint-handler-option').filter({ hasText: '总行' }).first();
    await picker.selectOption((await hq.getAttribute('value'))!);
    await s.getByTestId('complaint-action-text').fill('涉及总行统一扣费规则，转总行处理');
    await saveScreenshot(s, 'complaint-reassign-picker-zh', { fullPage: false });
    await s.getByTestId('complaint-action-submit').click();
    await expect.poll(() => s.getByTestId('complaint-owner').innerText()).toBe('林峰');

    // Decide: upheld, apology and fee waiver.
    await s.getByTestId('complaint-action-decide').click();
    await s.getByTestId('complaint-outcome-upheld').check();
    await s.getByTestId('complaint-remedy-apology').check();
    await s.getByTestId('complaint-remedy-fee-waiver').check();
    await s.getByTestId('complaint-action-text').fill('多收手续费属实，已全额减免并向客户致歉');
    await saveScreenshot(s, 'complaint-decide-dialog-zh', { fullPage: false });
    await s.getByTestId('complaint-action-submit').click();
    await expect.poll(() => s.getByTestId('complaint-detail-status').innerText()).toBe('已决定');
    expect(await s.getByTestId('complaint-outcome').innerText()).toContain('投诉成立');
    expect(await s.getByTestId('complaint-outcome').innerText()).toContain('费用减免');
    // The final response letter (PDF, zh + en) is ready to download.
    const letterHref = await s.getByTestId('complaint-letter-download').getAttribute('href');
    const letter = await s.request.get(letterHref!);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    expect((await letter.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Close.
    await s.getByTestId('complaint-action-close').click();
    await s.getByTestId('complaint-action-submit').click();
    await expect.poll(() => s.getByTestId('complaint-detail-status').innerText()).toBe('已结案');
    await s.getByTestId('complaint-survey-pending').waitFor();
    expect(await s.getByTestId('complaint-event').count()).toBeGreaterThanOrEqual(5);
    await saveScreenshot(s, 'complaint-detail-closed-zh', { fullPage: false });

    // Portal: the survey.
    await p.reload();
    await mine.getByTestId('portal-survey').waitFor();
    expect(await mine.getByTestId('portal-complaint-status').innerText()).toBe('已结案');
    // The borrower can download the same final response letter from the portal.
    const portalLetterHref = await mine.getByTestId('portal-complaint-letter').getAttribute('href');
    const portalLetter = await p.context().request.get(new URL(portalLetterHref!, p.url()).toString());
    expect(portalLetter.status()).toBe(200);
    expect((await portalLetter.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await mine.getByTestId('portal-survey-score-4').click();
    await mine.getByTestId('portal-survey-comment').fill('处理及时，希望以后扣费前先通知');
    await saveScreenshot(p, 'complaints-portal-survey-zh', { fullPage: false });
    await mine.getByTestId('portal-survey-submit').click();
    await mine.getByTestId('portal-survey-answered').waitFor();
    expect(await mine.getByTestId('portal-survey-answered').innerText()).toContain('4 / 5');

    // Console: the handler sees the score.
    await s.reload();
    await s.getByTestId('complaint-survey-score').waitFor();
    expect(await s.getByTestId('complaint-survey-score').innerText()).toBe('4 / 5 分');
    expect(await s.getByTestId('complaint-survey').innerText()).toContain('处理及时');
    await saveScreenshot(s, 'complaint-detail-survey-zh', { fullPage: false });
    await s.getByTestId('lang-en').click();
    await expect.poll(() => s.getByTestId('complaint-detail-status').innerText()).toBe('Closed');
    expect(await s.getByTestId('complaint-survey-score').innerText()).toBe('4 / 5');
    await saveScreenshot(s, 'complaint-detail-survey-en', { fullPage: false });
    await s.getByTestId('lang-zh-CN').click();
    await expect.poll(() => s.getByTestId('complaint-detail-status').innerText()).toBe('已结案');

    // The customer's 投诉 tab lists it.
    await s.getByTestId('complaint-customer-link').click();
    await s.getByTestId('tab-complaints').click();
    await s.getByTestId('customer-complaint-row').first().waitFor();
    expect(await s.getByTestId('customer-complaint-row').first().innerText()).toContain(reference);
    await saveScreenshot(s, 'customer-complaints-tab-zh', { fullPage: false });
  });

  it('answers a survey from the SMS link page without signing in, once', async ({ onTestFailed }) => {
    const p = portal!;
    screenshotOnFailure(onTestFailed, () => p, 'complaints-survey-link');
    // A second survey on the same complaint (as after a reopening and a new close), reached by its token.
    const { rows: [c] } = await db!.sql.query<{ id: string; customer_id: string }>(`SELECT id, customer_id FROM complaints LIMIT 1`);
    const token = 'e2e-survey-token-0123456789abcdef';
    await db!.sql.query(`INSERT INTO satisfaction_surveys (complaint_id, customer_id, token, created_at) VALUES ($1, $2, $3, '2026-11-26T02:00:00Z')`, [c!.id, c!.customer_id, token]);
    const link = await browser!.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      await link.goto(`${server!.baseUrl}/survey/${token}`);
      await link.getByTestId('public-survey-form').waitFor();
      await link.getByTestId('public-survey-score-5').click();
      await saveScreenshot(link, 'complaints-survey-link-zh', { fullPage: false });
      await link.getByTestId('public-survey-submit').click();
      await link.getByTestId('public-survey-answered').waitFor();
      expect(await link.getByTestId('public-survey-answered').innerText()).toContain('5 / 5');
      await link.reload();
      await link.getByTestId('public-survey-answered').waitFor();
      expect(await link.getByTestId('public-survey-form').count()).toBe(0);
    } finally {
      await link.close();
    }
  });
});
