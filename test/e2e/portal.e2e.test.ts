import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newDesktopPage, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openTestDatabase } from '../support/databases.ts';
import { buildBranch, buildIndividual, buildLoan } from '../support/factories.ts';
import { createStaffUser, TEST_PASSWORD } from '../support/sessions.ts';
import { ensureWebBuilt, startE2eServer, type E2eServer } from './e2e-support.ts';
import { buildEqualInstalmentSchedule } from '../../src/modules/loans/rules/repayment-schedule.ts';
import { consents } from '../../src/modules/customers/customers.schema.ts';
import { portalUsers } from '../../src/modules/portal/portal-users.schema.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';

/**
 * (d) A borrower signs in to the portal with their mobile number, sees both loans with their
 * schedules and how late the working-capital loan is, and withdraws their marketing consent; the
 * staff console (a separate session in the same browser) shows it withdrawn, and a supervisor
 * records it granted again with a reason and evidence reference. Signing in or out of one session
 * never touches the other. Test clock: 2026-11-26 Asia/Shanghai.
 */
const BORROWER_PASSWORD = 'Borrower#2026a';

function onTimePayments(schedule: ReturnType<typeof buildEqualInstalmentSchedule>, n: number) {
  return schedule.slice(0, n).map((s) => ({ valueDate: s.dueDate, amountFen: s.principalFen + s.interestFen + s.feeFen }));
}

describe.skipIf(!browserAvailable())('borrower portal and staff consents (chromium)', () => {
  let dispose: (() => Promise<void>) | undefined;
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let portal: Page | undefined;
  let staff: Page | undefined;
  let customer: Awaited<ReturnType<typeof buildIndividual>>;

  beforeAll(async () => {
    await ensureWebBuilt();
    const handle = await openTestDatabase('pglite');
    dispose = handle.dispose;
    const { database } = handle;
    await buildBranch(database);
    await createStaffUser(database, { role: 'supervisor', employeeCode: 'SUP-PORTAL' });
    customer = await buildIndividual(database, { name: '王建国', phone: '+8613912345678', externalId: 'C20260001' });

    const late = { principalFen: 50_000_000, annualRateBps: 435, termMonths: 12, firstDueDate: '2026-02-16' };
    await buildLoan(database, customer.id, {
      ...late, loanNumber: 'LN202601160002', product: 'working-capital', disbursementDate: '2026-01-16',
      payments: onTimePayments(buildEqualInstalmentSchedule({ ...late, method: 'annuity' }), 7), // 71 days past due
    });
    const current = { principalFen: 12_000_000, annualRateBps: 520, termMonths: 24, firstDueDate: '2026-02-20' };
    await buildLoan(database, customer.id, {
      ...current, loanNumber: 'LN202601150001', product: 'personal-consumer', disbursementDate: '2026-01-20',
      payments: onTimePayments(buildEqualInstalmentSchedule({ ...current, method: 'annuity' }), 10),
    });
    // Servicing by SMS comes from the factory; marketing by SMS and collections by phone were agreed at signing.
    await database.db.insert(consents).values([
      { customerId: customer.id, purpose: 'marketing', channel: 'sms', grantedAt: new Date('2026-01-16T02:00:00Z'), evidenceRef: 'CONTRACT-LN202601160002' },
      { customerId: customer.id, purpose: 'collections', channel: 'phone', grantedAt: new Date('2026-01-16T02:00:00Z') },
    ]);
    // The borrower's portal account: login by registered mobile.
    await database.db.insert(portalUsers).values({ customerId: customer.id, login: '+8613912345678', passwordHash: await hashPassword(BORROWER_PASSWORD) });

    server = await startE2eServer(database);
    browser = await launchBrowser();
    ({ context, page: portal } = await newDesktopPage(browser, server.baseUrl));
    staff = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  const pages = () => {
    if (!portal || !staff) throw new Error('browser pages not opened');
    return { p: portal, s: staff };
  };

  it('(d) signs in to the portal, shows loans and schedule, and withdraws a marketing consent that the console then shows withdrawn', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => portal, 'portal');
    screenshotOnFailure(onTestFailed, () => staff, 'portal-staff-side');
    const { p, s } = pages();

    await p.goto('/portal');
    await p.getByTestId('portal-login-page').waitFor();
    await saveScreenshot(p, 'portal-login-zh', { fullPage: false });
    await p.getByTestId('portal-login-id').fill('139 1234 5678');
    await p.getByTestId('portal-login-password').fill('wrong-password');
    await p.getByTestId('portal-login-submit').click();
    await p.getByTestId('portal-login-error').waitFor();
    expect(await p.getByTestId('portal-login-error').innerText()).toContain('账号或密码错误');
    await p.getByTestId('portal-login-password').fill(BORROWER_PASSWORD);
    await p.getByTestId('portal-login-submit').click();

    // Loans, most overdue first, with the schedule and days past due.
    await p.getByTestId('portal-loan').nth(1).waitFor();
    expect(await p.getByTestId('portal-user-name').innerText()).toBe('您好，王建国');
    const loans = p.getByTestId('portal-loan');
    expect(await loans.count()).toBe(2);
    const lateLoan = p.locator('[data-testid="portal-loan"][data-loan-number="LN202601160002"]');
    expect(await loans.first().getAttribute('data-loan-number')).toBe('LN202601160002');
    expect(await lateLoan.getByTestId('portal-loan-dpd').innerText()).toBe('71');
    expect(await lateLoan.getByTestId('portal-loan-overdue').innerText()).toContain('已逾期 71 天');
    expect(await lateLoan.innerText()).toContain('流动资金贷款');
    expect(await lateLoan.getByTestId('portal-instalment-state').allInnerTexts()).toEqual(['已还清', '已还清', '逾期', '逾期', '逾期', '未到期', '未到期']);
    expect(await lateLoan.getByTestId('portal-loan-next-due').innerText()).toContain('2026-12-16');
    const currentLoan = p.locator('[data-testid="portal-loan"][data-loan-number="LN202601150001"]');
    expect(await currentLoan.getByTestId('portal-loan-dpd').innerText()).toBe('0');
    expect(await currentLoan.getByTestId('portal-loan-on-track').count()).toBe(1);
    await saveScreenshot(p, 'portal-loans-zh');
    await saveScreenshot(p, 'portal-loans-zh-1366x900', { fullPage: false });

    await lateLoan.getByTestId('portal-schedule-toggle').click();
    expect(await lateLoan.getByTestId('portal-instalment-row').count()).toBe(12);

    // Same language switch as the console.
    await p.getByTestId('lang-en').click();
    await expect.poll(() => p.getByTestId('portal-nav-loans').innerText()).toBe('My loans');
    expect(await lateLoan.getByTestId('portal-loan-overdue').innerText()).toContain('71 days past due');
    await saveScreenshot(p, 'portal-loans-en', { fullPage: false });
    await p.getByTestId('lang-zh-CN').click();

    // The staff console in another tab of the same browser is not signed in by the portal.
    await s.goto('/');
    await s.getByTestId('login-form').waitFor();
    expect(await s.getByTestId('user-menu').count()).toBe(0);

    // Withdraw marketing by SMS.
    await p.getByTestId('portal-nav-consents').click();
    await p.waitForURL('**/portal/consents');
    const marketing = p.locator('[data-testid="portal-consent"][data-purpose="marketing"][data-channel="sms"]');
    await marketing.waitFor();
    expect(await p.getByTestId('portal-consent').count()).toBe(3);
    expect(await marketing.getByTestId('portal-consent-status').innerText()).toBe('有效');
    await marketing.getByTestId('portal-consent-withdraw').click();
    await p.getByTestId('portal-consent-dialog').waitFor();
    await p.getByTestId('portal-consent-reason').fill('不希望再收到营销短信');
    await saveScreenshot(p, 'portal-consent-withdraw-dialog-zh', { fullPage: false });
    await p.getByTestId('portal-consent-confirm').click();
    await p.getByTestId('portal-consent-done').waitFor();
    expect(await p.getByTestId('portal-consent-done').innerText()).toContain('已撤回授权：营销（短信）');
    await expect.poll(() => marketing.getByTestId('portal-consent-status').innerText()).toBe('已撤回');
    expect(await marketing.getByTestId('portal-consent-grant').count()).toBe(1);
    await saveScreenshot(p, 'portal-consents-withdrawn-zh', { fullPage: false });

    // Staff side: signing in to the console does not need (or touch) the portal session.
    await s.getByTestId('login-employee-code').fill('SUP-PORTAL');
    await s.getByTestId('login-password').fill(TEST_PASSWORD);
    await s.getByTestId('login-submit').click();
    await s.getByTestId('search-input').waitFor();
    await s.goto(`/customers/${customer.id}`);
    await s.getByTestId('customer-profile').waitFor();
    await s.getByTestId('tab-contacts').click();
    const staffMarketing = s.locator('[data-testid="consent-row"]:has([data-testid="consent-purpose-label"]:text-is("营销"))');
    await staffMarketing.waitFor();
    expect(await staffMarketing.getByTestId('consent-status').innerText()).toBe('已撤回');
    expect(await staffMarketing.innerText()).toContain('2026-11-26');
    await s.getByTestId('tab-timeline').click();
    await expect.poll(() => s.getByTestId('timeline-summary').first().innerText()).toContain('客户撤回同意：营销（短信）');

    // The portal session is still there.
    await p.reload();
    await marketing.waitFor();
    expect(await p.getByTestId('portal-user-name').innerText()).toBe('您好，王建国');
  });

  it('lets the borrower write to the lender from 我的消息; staff see it on the timeline', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => portal, 'portal-reply');
    const { p, s } = pages();
    await p.goto('/portal/messages');
    await p.getByTestId('portal-reply-form').waitFor();
    expect(await p.getByTestId('portal-reply-send').isDisabled()).toBe(true);
    await p.getByTestId('portal-reply-text').fill('我下周五可以先还一半，请联系我商量分期。');
    await p.getByTestId('portal-reply-send').click();
    await p.getByTestId('portal-reply-sent').waitFor();
    await saveScreenshot(p, 'portal-reply-zh', { fullPage: false });
    await s.reload();
    await s.getByTestId('tab-timeline').click();
    await expect.poll(() => s.getByTestId('timeline-summary').allInnerTexts()).toContain('客户在线留言：我下周五可以先还一半，请联系我商量分期。');
    await p.goto('/portal/consents'); // where the next scenario picks up
  });

  it('lets a supervisor record the consent granted again, with a reason and evidence reference; the portal shows it active', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => staff, 'staff-consents');
    const { p, s } = pages();
    await s.getByTestId('tab-contacts').click();
    const rowsBefore = await s.getByTestId('consent-row').count();
    const withdrawn = s.locator('[data-testid="consent-row"]:has([data-testid="consent-purpose-label"]:text-is("营销"))');
    await withdrawn.getByTestId('consent-grant').click();
    const dialog = s.getByTestId('consent-dialog');
    await dialog.waitFor();
    expect(await s.getByTestId('consent-subject').innerText()).toBe('营销 · 短信');
    await s.getByTestId('consent-confirm').click();
    await s.getByTestId('consent-reason-missing').waitFor();
    await s.getByTestId('consent-reason').fill('客户来电同意继续接收营销短信');
    await s.getByTestId('consent-evidence-ref').fill('REC-20261126-0042');
    await saveScreenshot(s, 'staff-consent-grant-dialog-zh', { fullPage: false });
    await s.getByTestId('consent-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // The list and the timeline refresh without leaving the tab.
    await expect.poll(() => s.getByTestId('consent-row').count()).toBe(rowsBefore + 1);
    const active = s.locator('[data-testid="consent-row"]:has([data-testid="consent-purpose-label"]:text-is("营销")):has-text("有效")');
    expect(await active.innerText()).toContain('REC-20261126-0042');
    expect(await s.getByTestId('tab-contacts').getAttribute('aria-selected')).toBe('true');
    await saveScreenshot(s, 'staff-consents-zh', { fullPage: false });
    await s.getByTestId('tab-timeline').click();
    await expect.poll(() => s.getByTestId('timeline-summary').allInnerTexts()).toContain('客户同意：营销（短信）');

    // A withdrawal by staff, from the active row.
    await s.getByTestId('tab-contacts').click();
    const collections = s.locator('[data-testid="consent-row"]:has([data-testid="consent-purpose-label"]:text-is("催收"))');
    await collections.getByTestId('consent-withdraw').click();
    await s.getByTestId('consent-reason').fill('客户书面要求停止电话催收，改为信函');
    await s.getByTestId('consent-confirm').click();
    await expect.poll(() => collections.getByTestId('consent-status').innerText()).toBe('已撤回');

    // The borrower sees both changes.
    await p.reload();
    const marketing = p.locator('[data-testid="portal-consent"][data-purpose="marketing"][data-channel="sms"]');
    await marketing.waitFor();
    expect(await marketing.getByTestId('portal-consent-status').innerText()).toBe('有效');
    expect(await p.locator('[data-testid="portal-consent"][data-purpose="collections"]').getByTestId('portal-consent-status').innerText()).toBe('已撤回');

    // Signing out of the portal leaves the staff session alone, and the other way round.
    await p.getByTestId('portal-sign-out').click();
    await p.getByTestId('portal-login-page').waitFor();
    await s.reload();
    await s.getByTestId('customer-profile').waitFor();
    await s.getByTestId('sign-out').click();
    await s.getByTestId('login-form').waitFor();
    await p.goto('/portal/consents');
    await p.getByTestId('portal-login-page').waitFor();
  });
});
