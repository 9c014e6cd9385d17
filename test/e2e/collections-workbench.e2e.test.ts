import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newDesktopPage, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openTestDatabase } from '../support/databases.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { buildBranch, buildIndividual, buildLoan } from '../support/factories.ts';
import { createStaffUser } from '../support/sessions.ts';
import { ensureWebBuilt, startE2eServer, signInToConsole, type E2eServer } from './e2e-support.ts';
import { buildEqualInstalmentSchedule } from '../../src/modules/loans/rules/repayment-schedule.ts';
import { consents } from '../../src/modules/customers/customers.schema.ts';
import { portalUsers } from '../../src/modules/portal/portal-users.schema.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';

/**
 * The collections workbench end to end: a collector opens the queue, opens the account, logs a
 * promise to pay (typed in yuan), and offers an instalment plan; the borrower signs in to the
 * portal, reads the agreement and confirms it; the loan's visible schedule becomes the plan's.
 * Test clock: Thursday 2026-11-26 10:00 Asia/Shanghai.
 */
const BORROWER_PASSWORD = 'Borrower#2026a';
const LOAN = { principalFen: 50_000_000, annualRateBps: 435, termMonths: 12, firstDueDate: '2026-02-16' };

describe.skipIf(!browserAvailable())('collections workbench → portal agreement (chromium)', () => {
  let dispose: (() => Promise<void>) | undefined;
  let database: Database;
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let staff: Page | undefined;
  let portal: Page | undefined;
  let caseId: string;
  let loanId: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    const handle = await openTestDatabase('pglite');
    dispose = handle.dispose;
    database = handle.database;
    await buildBranch(database);
    const collector = await createStaffUser(database, { role: 'collector', employeeCode: 'COL-E2E' });
    await createStaffUser(database, { role: 'supervisor', employeeCode: 'SUP-E2E' });
    const customer = await buildIndividual(database, { name: '王建国', phone: '+8613912345678', externalId: 'C20260001' });
    const schedule = buildEqualInstalmentSchedule({ ...LOAN, method: 'annuity' });
    const { loan } = await buildLoan(database, customer.id, {
      ...LOAN, loanNumber: 'LN202601160002', product: 'working-capital', disbursementDate: '2026-01-16',
      payments: schedule.slice(0, 7).map((s) => ({ valueDate: s.dueDate, amountFen: s.principalFen + s.interestFen + s.feeFen })), // 71 days past due
    });
    loanId = loan.id;
    await database.db.insert(consents).values({ customerId: customer.id, purpose: 'collections', channel: 'phone', grantedAt: new Date('2026-01-16T02:00:00Z') });
    await database.db.insert(portalUsers).values({ customerId: customer.id, login: '+8613912345678', passwordHash: await hashPassword(BORROWER_PASSWORD) });
    // The case the daily run opened, assigned to the collector.
    const { rows: [kase] } = await database.sql.query<{ id: string }>(
      `INSERT INTO collection_cases (loan_id, customer_id, opened_on, arm, dpd, bucket, updated_on) VALUES ($1, $2, '2026-09-17', 'champion', 71, 'M3', '2026-11-26') RETURNING id`,
      [loan.id, customer.id],
    );
    caseId = kase!.id;
    await database.sql.query(`INSERT INTO account_assignments (customer_id, assignee_id) VALUES ($1, $2)`, [customer.id, collector.id]);

    server = await startE2eServer(database);
    browser = await launchBrowser();
    ({ context, page: staff } = await newDesktopPage(browser, server.baseUrl));
    portal = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  it('queue → account → promise to pay → instalment plan → borrower confirms in the portal → the schedule changes', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => staff, 'collections-workbench-staff');
    screenshotOnFailure(onTestFailed, () => portal, 'collections-workbench-portal');
    const s = staff!;
    const p = portal!;

    // The collector signs in and opens the queue from the navigation.
    await signInToConsole(s, 'COL-E2E');
    await s.getByTestId('nav-collections').click();
    const row = s.getByTestId('queue-row').first();
    await row.waitFor();
    expect(await s.getByTestId('queue-row').count()).toBe(1);
    expect(await row.innerText()).toContain('王建国');
    expect(await row.getByTestId('queue-dpd').innerText()).toContain('71');
    expect(await row.getByTestId('call-now').getAttribute('data-allowed')).toBe('true'); // Thursday 10:00, consent to calls
    await saveScreenshot(s, 'collections-queue-zh', { fullPage: false });

    // The account view.
    await row.getByTestId('queue-open-case').click();
    await s.getByTestId('collection-case-page').waitFor();
    expect(await s.getByTestId('case-dpd').innerText()).toContain('逾期 71 天');
    expect(await s.getByTestId('case-call-now').innerText()).toContain('可以致电');

    // A promise to pay: ¥1,500.50 on Monday.
    await s.getByTestId('log-outcome').click();
    await s.getByTestId('outcome-kind').selectOption('promise-to-pay');
    await s.getByTestId('outcome-willingness').selectOption('willing-but-unable');
    await s.getByTestId('promise-date').fill('2026-11-30');
    await s.getByTestId('promise-amount').fill('1500.50');
    await s.getByTestId('outcome-submit').click();
    await s.getByTestId('case-flash').waitFor();
    expect(await s.getByTestId('case-flash').innerText()).toContain('承诺还款');
    await s.getByTestId('promise-row').first().waitFor();
    expect(await s.getByTestId('promise-row').first().innerText()).toContain('2026-11-30');
    expect(await s.getByTestId('promise-row').first().innerText()).toContain('1,500.50');
    const { rows: [promise] } = await database.sql.query<{ amount_fen: string }>(`SELECT amount_fen FROM promises_to_pay WHERE case_id = $1`, [caseId]);
    expect(Number(promise!.amount_fen)).toBe(150_050); // yuan typed, fen sent

    // An instalment plan for the arrears over 6 months: quote, then propose.
    await s.getByTestId('tab-arrangement').click();
    await s.getByTestId('arrangement-kind').selectOption('instalment-plan');
    await s.getByTestId('arrangement-months').fill('6');
    await s.getByTestId('arrangement-quote').click();
    await s.getByTestId('quote-schedule').waitFor();
    const quotedDates = await s.getByTestId('quote-schedule').getByTestId('schedule-due-date').allInnerTexts();
    expect(quotedDates.length).toBeGreaterThanOrEqual(6);
    expect(quotedDates[0]! > '2026-11-26').toBe(true);
    await saveScreenshot(s, 'collections-arrangement-quote-zh');
    await s.getByTestId('arrangement-propose').click();
    await s.getByTestId('arrangement-proposed').waitFor();
    expect(await s.getByTestId('arrangement-proposed').innerText()).toContain('已发给客户确认');
    expect(await s.getByTestId('agreement-pdf-link').getAttribute('href')).toMatch(/^\/api\/evidence\/[0-9a-f-]+\/content$/);
    await s.getByTestId('agreement-row').first().waitFor();
    expect(await s.getByTestId('agreement-status').first().innerText()).toBe('待客户确认');

    // The borrower signs in to the portal: the loan is 71 days late with the old schedule.
    await p.goto('/portal');
    await p.getByTestId('portal-login-id').fill('139 1234 5678');
    await p.getByTestId('portal-login-password').fill(BORROWER_PASSWORD);
    await p.getByTestId('portal-login-submit').click();
    await p.getByTestId('portal-loan').first().waitFor();
    expect(await p.getByTestId('portal-loan-dpd').innerText()).toBe('71');

    // The agreement: terms, the new schedule, the PDF; confirm.
    await p.getByTestId('portal-nav-agreements').click();
    const agreement = p.getByTestId('portal-agreement').first();
    await agreement.waitFor();
    expect(await agreement.getAttribute('data-status')).toBe('offered');
    expect(await agreement.innerText()).toContain('分期还款');
    expect(await agreement.getByTestId('schedule-due-date').allInnerTexts()).toEqual(quotedDates);
    const pdf = await p.request.get(await agreement.getByTestId('portal-agreement-pdf').getAttribute('href') as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await saveScreenshot(p, 'portal-agreement-offered-zh');
    await agreement.getByTestId('portal-agreement-confirm').click();
    await p.getByTestId('portal-agreement-flash').waitFor();
    // The list is fetched again after the confirmation: wait for it rather than read it at once (a
    // loaded machine showed the old status for a moment).
    await p.locator('[data-testid="portal-agreement"][data-status="confirmed"]').first().waitFor();
    expect(await agreement.getAttribute('data-status')).toBe('confirmed');

    // The loan page now shows the plan: no longer late, the unpaid instalments on the agreed dates.
    await p.getByTestId('portal-agreement-to-loans').click();
    const loan = p.locator('[data-testid="portal-loan"][data-loan-number="LN202601160002"]');
    await loan.waitFor();
    expect(await loan.getByTestId('portal-loan-dpd').innerText()).toBe('0');
    const toggle = loan.getByTestId('portal-schedule-toggle');
    if (await toggle.count()) await toggle.click();
    const states = await loan.getByTestId('portal-instalment-state').allInnerTexts();
    expect(states.filter((x) => x === '已还清')).toHaveLength(7); // paid history kept
    expect(states).not.toContain('逾期');
    const rows = loan.getByTestId('portal-instalment-row');
    const dueDates: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) dueDates.push((await rows.nth(i).locator('td').nth(1).innerText()).trim());
    expect(dueDates.slice(7)).toEqual(quotedDates);
    await saveScreenshot(p, 'portal-loans-after-agreement-zh');

    const { rows: [after] } = await database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM instalments WHERE loan_id = $1`, [loanId]);
    expect(after!.n).toBe(7 + quotedDates.length);
  }, 120_000);

  it('a referral package and an agreement above the limits go to the supervisor, who approves them on the approvals page', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => staff, 'collections-referral-collector');
    const s = staff!;
    // Contact verification: the borrower gave a new mobile on the call; the old one is marked wrong.
    await s.getByTestId('tab-contacts').click();
    await s.getByTestId('contact-add-form').waitFor();
    const before = await s.getByTestId('contact-row').count();
    await s.getByTestId('contact-add-value').fill('139 8888 7777');
    await s.getByTestId('contact-add-source').selectOption('customer');
    await s.getByTestId('contact-add-note').fill('11月26日来电中客户提供');
    await s.getByTestId('contact-add-submit').click();
    await expect.poll(() => s.getByTestId('contact-row').count()).toBe(before + 1);
    expect(await s.getByTestId('contact-points').innerText()).not.toContain('13988887777'); // masked for a collector
    await s.getByTestId('contact-wrong-point').selectOption({ index: 1 });
    await s.getByTestId('contact-wrong-reason').fill('接听人称不认识借款人');
    await s.getByTestId('contact-wrong-submit').click();
    await expect.poll(() => s.getByTestId('contact-marked-wrong').count()).toBe(1);
    await saveScreenshot(s, 'collections-case-contacts-zh');
    const { rows: points } = await database.sql.query<{ value: string; source: string; marked: boolean }>(
      `SELECT value, source, marked_wrong_at IS NOT NULL AS marked FROM contact_points WHERE customer_id = (SELECT customer_id FROM collection_cases WHERE id = $1) AND kind = 'phone' ORDER BY value`, [caseId],
    );
    expect(points).toEqual([{ value: '+8613912345678', source: 'core-banking', marked: true }, { value: '+8613988887777', source: 'customer', marked: false }]);

    // The collector: a restructuring with a principal reduction needs a supervisor.
    await s.getByTestId('tab-arrangement').click();
    await s.getByTestId('arrangement-kind').selectOption('restructuring');
    await s.getByTestId('arrangement-term').fill('24');
    await s.getByTestId('arrangement-reduction').fill('1000');
    await s.getByTestId('arrangement-quote').click();
    await s.getByTestId('quote-needs-approval').waitFor();
    expect(await s.getByTestId('quote-needs-approval').innerText()).toContain('本金');
    await s.getByTestId('arrangement-propose').click();
    await s.getByTestId('arrangement-proposed').waitFor();
    expect(await s.getByTestId('arrangement-proposed').innerText()).toContain('已提交主管审批');

    // …and a legal referral package: the checklist shows what the evidence chain holds.
    await s.getByTestId('tab-referral').click();
    await s.getByTestId('referral-kind').selectOption('legal');
    await s.getByTestId('referral-note').fill('多次承诺未履行');
    await s.getByTestId('referral-propose').click();
    const pkg = s.getByTestId('referral-package').first();
    await pkg.waitFor();
    expect(await pkg.getAttribute('data-status')).toBe('proposed');
    expect(await pkg.getByTestId('referral-checklist').innerText()).toContain('证据库中没有借款合同'); // no contract uploaded in this world
    expect(await s.getByTestId('referral-awaiting').count()).toBe(1);
    await saveScreenshot(s, 'collections-case-referral-zh');

    // The supervisor, in another browser session.
    const { context: supervisorContext, page: sup } = await newDesktopPage(browser!, server!.baseUrl);
    screenshotOnFailure(onTestFailed, () => sup, 'collections-approvals-supervisor');
    try {
      await signInToConsole(sup, 'SUP-E2E', { path: '/collections/approvals' });
      await sup.getByTestId('approval-referral').first().waitFor();
      expect(await sup.getByTestId('approval-agreement').count()).toBe(1);
      await saveScreenshot(sup, 'collections-approvals-zh');
      // A rejection needs a reason: the server says so in place.
      await sup.getByTestId('reject-referral').click();
      await sup.getByTestId('approvals-error').waitFor();
      await sup.getByTestId('referral-decision-reason').fill('材料待补充后移交');
      await sup.getByTestId('approve-referral').click();
      await expect.poll(() => sup.getByTestId('approval-referral').count()).toBe(0);
      await sup.getByTestId('approve-agreement').click();
      await expect.poll(() => sup.getByTestId('approval-agreement').count()).toBe(0);
    } finally {
      await supervisorContext.close();
    }
    const { rows } = await database.sql.query<{ status: string }>(`SELECT status FROM legal_referral_packages WHERE case_id = $1`, [caseId]);
    expect(rows.map((r) => r.status)).toEqual(['approved']);
    const { rows: agreements } = await database.sql.query<{ kind: string; status: string }>(`SELECT kind, status FROM repayment_agreements WHERE case_id = $1 ORDER BY kind`, [caseId]);
    expect(agreements).toEqual([{ kind: 'instalment-plan', status: 'confirmed' }, { kind: 'restructuring', status: 'offered' }]);
  }, 120_000);
});
