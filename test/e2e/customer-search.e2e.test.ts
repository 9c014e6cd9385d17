import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newDesktopPage, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openTestDatabase } from '../support/databases.ts';
import { buildBranch, buildIndividual, buildLoan, buildStaff } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/http-server.ts';
import { ensureWebBuilt } from './e2e-support.ts';
import { buildEqualInstalmentSchedule } from '../../src/modules/loans/rules/repayment-schedule.ts';
import { customers, contactPoints, contactPreferences, timelineEvents } from '../../src/modules/customers/customers.schema.ts';
import { makeUnifiedSocialCreditCode } from '../../src/modules/customers/rules/unified-social-credit-code.ts';
import { accountAssignments } from '../../src/modules/collections/assignments.schema.ts';
import { staffUsers } from '../../src/platform/auth/staff.schema.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { eq } from 'drizzle-orm';

/**
 * A collector signs in, finds a borrower by name and by phone, opens the customer page and sees
 * both loans, how late the delinquent one is, and the ID number masked. Test clock: 2026-11-26
 * Asia/Shanghai.
 */
/** Pays instalments 1..n in full, each on its due date. */
function onTimePayments(schedule: ReturnType<typeof buildEqualInstalmentSchedule>, n: number) {
  return schedule.slice(0, n).map((s) => ({ valueDate: s.dueDate, amountFen: s.principalFen + s.interestFen + s.feeFen }));
}

const PHONE = '+8613912345678';
const PASSWORD = 'Collector#2026';
const CREDIT_CODE = makeUnifiedSocialCreditCode('91110105MA01B2C3D');

describe.skipIf(!browserAvailable())('customer search and customer page (chromium)', () => {
  let dispose: (() => Promise<void>) | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let customer: Awaited<ReturnType<typeof buildIndividual>>;
  let collector: Awaited<ReturnType<typeof buildStaff>>;

  beforeAll(async () => {
    await ensureWebBuilt();
    const handle = await openTestDatabase('pglite');
    dispose = handle.dispose;
    const { database } = handle;

    await buildBranch(database);
    customer = await buildIndividual(database, { name: '王建国', phone: PHONE, externalId: 'C20260001' });
    // A collector sees only the accounts assigned to them, and phone numbers masked.
    collector = await buildStaff(database, { role: 'collector', displayName: '陈静' });
    await database.db.update(staffUsers).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(staffUsers.id, collector.id));
    await database.db.insert(accountAssignments).values({ customerId: customer.id, assigneeId: collector.id });

    // Current: 24-month consumer loan, every instalment up to November paid on time.
    const current = { principalFen: 12_000_000, annualRateBps: 520, termMonths: 24, firstDueDate: '2026-02-20' };
    const currentSchedule = buildEqualInstalmentSchedule({ ...current, method: 'annuity' });
    await buildLoan(database, customer.id, {
      ...current,
      loanNumber: 'LN202601150001',
      product: 'personal-consumer',
      disbursementDate: '2026-01-20',
      payments: onTimePayments(currentSchedule, 10), // Feb..Nov 20
    });

    // Delinquent: the 500,000-yuan working-capital loan; paid Feb..Aug, then nothing since the
    // 2026-09-16 instalment → 71 days past due on 2026-11-26 (bucket M3, 61–90 days).
    const late = { principalFen: 50_000_000, annualRateBps: 435, termMonths: 12, firstDueDate: '2026-02-16' };
    const lateSchedule = buildEqualInstalmentSchedule({ ...late, method: 'annuity' });
    await buildLoan(database, customer.id, {
      ...late,
      loanNumber: 'LN202601160002',
      product: 'working-capital',
      disbursementDate: '2026-01-16',
      payments: onTimePayments(lateSchedule, 7),
    });

    // What a collector's contacts tab really holds: a third party and a number marked wrong.
    await database.db.insert(contactPoints).values([
      { customerId: customer.id, kind: 'phone', value: '+8613700001111', relationship: 'spouse', thirdPartyName: '李秀英', source: 'customer' },
      {
        customerId: customer.id, kind: 'phone', value: '+8618600002222', relationship: 'self', source: 'agent',
        markedWrongAt: new Date('2026-10-09T03:00:00Z'), markedWrongReason: '空号',
      },
    ]);
    await database.db.insert(contactPreferences).values({
      customerId: customer.id, quietHoursStart: '21:00', quietHoursEnd: '08:00', preferredChannels: ['phone', 'sms'],
      visitOptOut: true, visitOptOutReason: 'busy', visitOptOutNote: '工作日白天不便接待',
    });
    await database.db.insert(timelineEvents).values({
      customerId: customer.id, occurredAt: new Date('2026-10-20T06:30:00Z'), module: 'collections', kind: 'call-made',
      summaryZh: '电话催收：客户承诺 11 月底前还款', summaryEn: 'Collection call: customer promised to pay by end of November',
    });

    // An enterprise borrower without loans: identified by its unified social credit code.
    const [enterprise] = await database.db.insert(customers).values({
      externalId: 'E20260001', type: 'enterprise', name: '北京恒通机械制造有限公司', creditCode: CREDIT_CODE,
      industry: '通用设备制造业', legalRepresentative: '赵志强', branchId: 'BJ001', riskTier: 'low',
    }).returning();
    await database.db.insert(accountAssignments).values({ customerId: enterprise!.id, assigneeId: collector.id });

    server = await startTestServer(database);
    browser = await launchBrowser();
    ({ context, page } = await newDesktopPage(browser, server.baseUrl));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  const currentPage = () => {
    if (!page) throw new Error('browser page not opened');
    return page;
  };

  async function signIn(p: Page, password = PASSWORD) {
    await p.getByTestId('login-employee-code').fill(collector.employeeCode);
    await p.getByTestId('login-password').fill(password);
    await p.getByTestId('login-submit').click();
  }

  async function search(p: Page, text: string) {
    await p.getByTestId('search-input').fill(text);
    await p.getByTestId('search-input').press('Enter');
  }

  it('finds the customer by name, then by phone, and opens the customer page', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'search-and-open');
    const p = currentPage();
    await p.goto('/');
    await signIn(p);
    // A collector starts at the work queue; customer search is one click away.
    await p.getByTestId('collections-queue-page').waitFor();
    expect(new URL(p.url()).pathname).toBe('/collections');
    await p.getByTestId('nav-search').click();
    await expect.poll(() => p.getByTestId('search-input').getAttribute('placeholder')).toContain('统一社会信用代码');
    expect(await p.getByTestId('user-name').innerText()).toBe('陈静');
    await saveScreenshot(p, 'search-empty-zh');

    await search(p, '王建');
    await p.getByTestId('search-result-row').first().waitFor();
    expect(await p.getByTestId('search-result-row').count()).toBe(1);
    const byName = p.getByTestId('search-result-row').first();
    expect(await byName.innerText()).toContain('王建国');
    expect(await byName.getByTestId('search-result-matched').innerText()).toBe('姓名');
    expect(await byName.getByTestId('search-result-identity').innerText()).toBe(customer.idNumberMasked);
    expect(p.url()).toContain('?q=');
    await saveScreenshot(p, 'search-results-zh');

    await search(p, '139 1234 5678');
    await expect.poll(() => p.getByTestId('search-result-matched').first().innerText()).toBe('手机号');
    expect(await p.getByTestId('search-result-row').count()).toBe(1);

    await p.getByTestId('search-result-row').first().click();
    await p.waitForURL(`**/customers/${customer.id}`);
    await p.getByTestId('loan-card').nth(1).waitFor();
    expect(await p.getByTestId('loan-card').count()).toBe(2);

    const lateCard = p.locator('[data-testid="loan-card"][data-loan-number="LN202601160002"]');
    const currentCard = p.locator('[data-testid="loan-card"][data-loan-number="LN202601150001"]');
    expect(await lateCard.getByTestId('loan-dpd').innerText()).toBe('71');
    expect(await lateCard.getByTestId('loan-bucket').innerText()).toBe('逾期61-90天');
    expect(await currentCard.getByTestId('loan-dpd').innerText()).toBe('0');
    expect(await currentCard.getByTestId('loan-bucket').innerText()).toBe('正常');
    // Most overdue first.
    expect(await p.getByTestId('loan-card').first().getAttribute('data-loan-number')).toBe('LN202601160002');
    expect(await lateCard.innerText()).toContain('流动资金贷款');
    expect(await lateCard.getByTestId('loan-rate').innerText()).toBe('4.35%');
    expect(await lateCard.getByTestId('loan-principal').innerText()).toBe('¥500,000.00');

    // The ID number is shown masked, and the clear number appears nowhere on the page.
    expect(await p.getByTestId('customer-id-number').innerText()).toContain(customer.idNumberMasked!);
    expect(customer.idNumberMasked).not.toBe(customer.idNumber);
    expect(await p.content()).not.toContain(customer.idNumber);
    expect(await p.getByTestId('customer-max-dpd').innerText()).toBe('71');
    // Long schedules open around what is due now: 2 paid, the 3 overdue, what is still upcoming.
    expect(await lateCard.getByTestId('instalment-row').count()).toBe(7);
    expect(await lateCard.getByTestId('instalment-state').allInnerTexts()).toEqual(['已还清', '已还清', '逾期', '逾期', '逾期', '未到期', '未到期']);
    await saveScreenshot(p, 'customer-loans-zh');
    await saveScreenshot(p, 'customer-loans-zh-1366x900', { fullPage: false });

    await lateCard.getByTestId('schedule-toggle').click();
    expect(await lateCard.getByTestId('instalment-row').count()).toBe(12);

    await p.getByTestId('tab-contacts').click();
    await p.getByTestId('contact-row').first().waitFor();
    expect(await p.getByTestId('contact-third-party').count()).toBe(1);
    expect(await p.getByTestId('contact-marked-wrong').count()).toBe(1);
    expect(await p.getByTestId('prefs-quiet-hours').innerText()).toContain('21:00');
    // Collectors may not view personal data: numbers arrive masked, and a reveal needs a reason.
    const own = p.getByTestId('contact-row').first();
    expect(await own.getByTestId('contact-value').innerText()).toBe('139****5678');
    await saveScreenshot(p, 'customer-contacts-zh');
    await own.getByTestId('contact-reveal').click();
    await p.getByTestId('unmask-reason').fill('短');
    await p.getByTestId('unmask-confirm').click();
    await p.getByTestId('unmask-error').waitFor();
    expect(await p.getByTestId('unmask-error').innerText()).toContain('请填写至少 5 个字的理由');
    await saveScreenshot(p, 'customer-unmask-dialog-zh', { fullPage: false });
    await p.getByTestId('unmask-reason').fill('客户来电要求核对预留手机号');
    await p.getByTestId('unmask-confirm').click();
    await own.getByTestId('contact-revealed').waitFor();
    expect(await own.getByTestId('contact-revealed').innerText()).toContain('139 1234 5678');

    await p.getByTestId('tab-timeline').click();
    await p.getByTestId('timeline-entry').first().waitFor();
    // Newest first: the 2026-11-20 repayment comes before the October call.
    expect(await p.getByTestId('timeline-summary').first().innerText()).toContain('收到还款');
    await saveScreenshot(p, 'customer-timeline-zh');
  });

  it('switches to English, and remembers the choice', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'english');
    const p = currentPage();
    await p.goto(`/customers/${customer.id}`);
    await p.getByTestId('loan-card').first().waitFor();
    await p.getByTestId('lang-en').click();

    await expect.poll(() => p.getByTestId('tab-loans').innerText()).toContain('Loans & repayments');
    const lateCard = p.locator('[data-testid="loan-card"][data-loan-number="LN202601160002"]');
    expect(await lateCard.getByTestId('loan-bucket').innerText()).toBe('61–90 days past due');
    expect(await lateCard.innerText()).toContain('Days past due');
    expect(await lateCard.innerText()).toContain('Working-capital loan');
    expect(await lateCard.getByTestId('loan-principal').innerText()).toBe('CN¥500,000.00');
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    await saveScreenshot(p, 'customer-loans-en');
    await saveScreenshot(p, 'customer-loans-en-1366x900', { fullPage: false });

    await p.reload();
    await p.getByTestId('loan-card').first().waitFor();
    expect(await p.getByTestId('tab-loans').innerText()).toContain('Loans & repayments');
    await p.getByTestId('lang-zh-CN').click();
    await expect.poll(() => p.getByTestId('tab-loans').innerText()).toContain('贷款与还款');
  });

  it('refuses a wrong password with the server message, and signs out', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'sign-in');
    const p = currentPage();
    await p.goto('/');
    await p.getByTestId('sign-out').click();
    await p.getByTestId('login-form').waitFor();
    await signIn(p, 'not-the-password');
    await p.getByTestId('login-error').waitFor();
    expect(await p.getByTestId('login-error').innerText()).toContain('工号或密码错误');
    await saveScreenshot(p, 'login-error-zh', { fullPage: false });
    await signIn(p);
    await p.getByTestId('collections-queue-page').waitFor();

    // A search link opened while signed out is kept through sign-in: no detour to the queue.
    await p.getByTestId('sign-out').click();
    await p.getByTestId('login-form').waitFor();
    await p.goto(`/?q=${encodeURIComponent('王建')}`);
    await signIn(p);
    await p.getByTestId('search-result-row').first().waitFor();
    expect(new URL(p.url()).searchParams.get('q')).toBe('王建');
  });

  it('shows the server validation message for an empty search, and an empty state for no match', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'search-errors');
    const p = currentPage();
    await p.goto('/');
    await search(p, '   ');
    const problem = p.getByTestId('search-error');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('输入校验失败');
    expect(await problem.innerText()).toContain('请输入姓名、证件号、信用代码、手机号或贷款编号');
    await saveScreenshot(p, 'search-validation-zh');

    await search(p, '不存在的客户');
    await p.getByTestId('search-empty').waitFor();
    expect(await p.getByTestId('search-empty').innerText()).toContain('不存在的客户');
  });

  it('shows a not-found page, and the problem message (no stack trace) for an unknown customer', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'not-found');
    const p = currentPage();
    await p.goto('/no/such/page');
    await p.getByTestId('not-found').waitFor();
    expect(await p.getByTestId('not-found').innerText()).toContain('页面不存在');

    // A 404 (unknown, or outside the data scope: the server does not say which) gets a not-found panel.
    await p.goto('/customers/00000000-0000-4000-8000-000000000000');
    const problem = p.getByTestId('customer-not-found');
    await problem.waitFor();
    const text = await problem.innerText();
    expect(text).toContain('客户');
    expect(text).not.toMatch(/at \w+ \(|Error:/);
    await saveScreenshot(p, 'customer-not-found-zh');
  });

  it('finds an enterprise by its unified social credit code and shows enterprise fields', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'enterprise');
    const p = currentPage();
    await p.goto('/');
    await search(p, CREDIT_CODE.toLowerCase());
    await p.getByTestId('search-result-row').first().waitFor();
    const row = p.getByTestId('search-result-row').first();
    expect(await row.getByTestId('search-result-matched').innerText()).toBe('信用代码');
    expect(await row.getByTestId('search-result-identity').innerText()).toBe(CREDIT_CODE);
    await row.click();
    await p.getByTestId('customer-profile').waitFor();
    expect(await p.getByTestId('customer-type').innerText()).toBe('企业');
    expect(await p.getByTestId('customer-credit-code').innerText()).toBe(CREDIT_CODE);
    expect(await p.getByTestId('customer-profile').innerText()).toContain('赵志强');
    await p.getByTestId('loans-empty').waitFor();
    await saveScreenshot(p, 'customer-enterprise-zh', { fullPage: false });
  });
});
