import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { buildIndividual, buildLoan } from '../support/factories.ts';
import { createStaffUser } from '../support/sessions.ts';
import { openE2eWorld, seedBranchWithStaff, signInToConsole, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { accountAssignments } from '../../src/modules/collections/assignments.schema.ts';
import { contactPoints, consents } from '../../src/modules/customers/customers.schema.ts';
import { portalUsers } from '../../src/modules/portal/portal-users.schema.ts';
import { createConfiguredAdapters, dispatchOutbox } from '../../src/modules/communications/index.ts';
import { insertContactAttempt } from '../../src/modules/communications/contact-log/record-contact.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { staffUsers } from '../../src/platform/auth/staff.schema.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import type { Database } from '../../src/platform/db/client.ts';

/**
 * The communications hub and contact compliance, from the browser (issue: "every outbound contact is
 * checked; denials are stored and shown on the customer page; a supervisor override needs a reason
 * and is audited; a page shows for any customer 'can we contact now, on which channel, and if not,
 * when'"). One server whose clock the test moves through Thursday 2026-11-26 (Beijing):
 * (c) 10:00 — a template version containing 坐牢 is refused at submit with the phrase highlighted; a
 *     clean version is approved by a compliance reviewer (four eyes), sent by a supervisor to the
 *     borrower's portal inbox, shown in the messages list, dispatched, and read in the portal;
 * (b) 14:00 — after three connected calls today a collector's fourth is refused (daily cap, earliest
 *     08:00 tomorrow); a supervisor overrides it with a reason from the same dialog, the call is
 *     logged citing the override, and the audit viewer shows the override with its reason;
 * (a) 22:30 — the 联系与合规 tab shows collections by phone refused with the contact-hours reason and
 *     the earliest time, 08:00 the next day; a hardship flag and a dispute hold are placed and lifted.
 */
const BORROWER_PASSWORD = 'Borrower#2026a';
const at = (beijing: string) => new Date(`${beijing}+08:00`);

describe.skipIf(!browserAvailable())('communications and contact compliance (chromium)', () => {
  let world: E2eWorld | undefined;
  let database: Database;
  let server: E2eServer;
  let page: Page | undefined;
  let customer: Awaited<ReturnType<typeof buildIndividual>>;
  let collector: typeof staffUsers.$inferSelect;
  const clock = { now: at('2026-11-26T10:00:00') };

  beforeAll(async () => {
    world = await openE2eWorld({
      server: { now: () => clock.now },
      seed: async (db) => {
        database = db;
        const supervisor = await seedBranchWithStaff(database, { role: 'supervisor', employeeCode: 'SUP-COMMS' });
        await database.db.update(staffUsers).set({ displayName: '李主管' }).where(eq(staffUsers.id, supervisor.id));
        collector = await createStaffUser(database, { role: 'collector', employeeCode: 'COL-COMMS', team: 'BJ-T1' });
        await database.db.update(staffUsers).set({ displayName: '陈静' }).where(eq(staffUsers.id, collector.id));
        const auditor = await createStaffUser(database, { role: 'compliance-auditor', employeeCode: 'AUD-COMMS', branchId: null });
        await database.db.update(staffUsers).set({ displayName: '周审计' }).where(eq(staffUsers.id, auditor.id));

        customer = await buildIndividual(database, { name: '王建国', phone: '+8613912345678', externalId: 'C20260001' });
        await database.db.insert(contactPoints).values({ customerId: customer.id, kind: 'email', value: 'wang.jianguo@example.cn', isPrimary: true, verified: true });
        await database.db.insert(consents).values(
          (['sms', 'email', 'phone'] as const).map((channel) => ({ customerId: customer.id, purpose: 'collections' as const, channel, grantedAt: new Date('2026-01-16T02:00:00Z') })),
        );
        await buildLoan(database, customer.id, {
          loanNumber: 'LN202601160002', disbursementDate: '2026-01-16', firstDueDate: '2026-02-16',
          payments: [{ valueDate: '2026-02-16', amountFen: 4_268_000 }],
        });
        await database.db.insert(accountAssignments).values({ customerId: customer.id, assigneeId: collector.id });
        await database.db.insert(portalUsers).values({ customerId: customer.id, login: 'C20260001', passwordHash: await hashPassword(BORROWER_PASSWORD) });

      },
    });
    ({ database, server, page } = world);
  });

  afterAll(() => world?.close());

  const currentPage = () => {
    if (!page) throw new Error('browser page not opened');
    return page;
  };

  async function signIn(p: Page, employeeCode: string) {
    await signInToConsole(p, employeeCode);
    await p.getByTestId('user-menu').waitFor();
  }

  async function signOut(p: Page) {
    await p.getByTestId('sign-out').click();
    await p.getByTestId('login-form').waitFor();
  }

  async function openComplianceTab(p: Page) {
    await p.goto(`/customers/${customer.id}`);
    await p.getByTestId('tab-compliance').click();
    await p.getByTestId('contactability-row').first().waitFor();
  }

  it('(c) refuses 坐牢 at submit with the phrase highlighted; an approver approves a clean version; a supervisor sends it and sees it', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'templates-send');
    const p = currentPage();
    clock.now = at('2026-11-26T10:00:00');

    // A supervisor writes a template whose first wording threatens prison.
    await signIn(p, 'SUP-COMMS');
    await p.getByTestId('nav-templates').click();
    await p.waitForURL('**/templates');
    await p.locator('[data-testid="template-row"][data-key="payment-reminder"]').waitFor();
    await p.getByTestId('template-create').click();
    await p.getByTestId('template-key').fill('hardship-check-in');
    await p.getByTestId('template-name-zh').fill('困难客户关怀回访');
    await p.getByTestId('template-name-en').fill('Hardship check-in');
    await p.getByTestId('template-purpose').selectOption('servicing');
    await p.getByTestId('new-template-subject-zh').fill('关于您的还款安排');
    await p.getByTestId('new-template-body-zh').fill('尊敬的{{customerName}}：您尚欠{{amountFen}}，如再不还款，我们将让你坐牢。');
    await p.getByTestId('new-template-subject-en').fill('About your repayments');
    await p.getByTestId('new-template-body-en').fill('Dear {{customerName}}, {{amountFen}} is still outstanding on your account.');
    // {{amountFen}} is used but not declared: one click declares it, typed as money from its name.
    await p.getByTestId('new-template-declare').click();
    expect(await p.getByTestId('new-template-var-type').nth(1).inputValue()).toBe('money-fen');
    await saveScreenshot(p, 'template-create-zh', { fullPage: false });
    await p.getByTestId('template-create-submit').click();
    await p.waitForURL('**/templates/*');
    const v1 = p.locator('[data-testid="version-card"]:has([data-version="1"])');
    await v1.getByTestId('version-submit').click();
    const refused = v1.getByTestId('wording-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('禁止用语');
    expect(await refused.getByTestId('wording-finding').allInnerTexts()).toEqual([expect.stringContaining('坐牢')]);
    expect(await v1.getByTestId('version-text-zh').getByTestId('wording-phrase').allInnerTexts()).toEqual(['坐牢']);
    expect(await v1.getByTestId('version-status').innerText()).toBe('草稿');
    await saveScreenshot(p, 'template-wording-refused-zh', { fullPage: false });

    // A new version without the threat goes to approval.
    await p.getByTestId('version-new').click();
    await p.getByTestId('version-body-zh').fill('尊敬的{{customerName}}：您目前尚有{{amountFen}}未还。如您遇到还款困难，欢迎随时与我们联系，我们可以一起商议合适的还款安排。');
    await p.getByTestId('version-body-en').fill('Dear {{customerName}}, {{amountFen}} is still outstanding. If you are finding repayments difficult, please contact us and we will work out an arrangement together.');
    await p.getByTestId('version-save').click();
    const v2 = p.locator('[data-testid="version-card"]:has([data-version="2"])');
    await v2.getByTestId('version-submit').click();
    await v2.getByTestId('version-done').waitFor();
    await expect.poll(() => v2.getByTestId('version-status').innerText()).toBe('待审批');
    // The author may not approve (no templates.approve for a supervisor): no button.
    expect(await v2.getByTestId('version-approve').count()).toBe(0);
    await signOut(p);

    // A compliance reviewer previews it against the customer, then approves it.
    await signIn(p, 'AUD-COMMS');
    await p.getByTestId('nav-templates').click();
    await p.locator('[data-testid="template-row"][data-key="hardship-check-in"]').click();
    const review = p.locator('[data-testid="version-card"]:has([data-version="2"])');
    await review.getByTestId('version-preview-toggle').click();
    await review.getByTestId('preview-customer-query').fill('C20260001');
    await review.getByTestId('preview-customer-search').click();
    await review.getByTestId('preview-customer').waitFor();
    expect(await review.getByTestId('preview-customer').innerText()).toContain('王建国');
    await review.getByTestId('preview-var-amountFen').fill('1,234.5');
    expect(await review.getByTestId('preview-var-amountFen-fen').innerText()).toContain('123450');
    await review.getByTestId('preview-run').click();
    await review.getByTestId('preview-result').waitFor();
    expect(await review.getByTestId('preview-body').innerText()).toContain('尊敬的王建国：您目前尚有¥1,234.50未还');
    await review.getByTestId('preview-wording-ok').waitFor();
    await review.getByTestId('version-approve').click();
    await review.getByTestId('version-done').waitFor();
    await expect.poll(() => review.getByTestId('version-status').innerText()).toBe('已批准');
    await saveScreenshot(p, 'template-approved-zh');
    await saveScreenshot(p, 'template-approved-zh-1366x900', { fullPage: false });
    await p.getByTestId('nav-templates').click();
    const row = p.locator('[data-testid="template-row"][data-key="hardship-check-in"]');
    await expect.poll(() => row.getByTestId('template-version-badge').allInnerTexts()).toEqual(['v2 已批准', 'v1 草稿']);
    await saveScreenshot(p, 'templates-list-zh', { fullPage: false });
    await signOut(p);

    // The supervisor sends it to the customer's portal inbox.
    await signIn(p, 'SUP-COMMS');
    await openComplianceTab(p);
    await p.getByTestId('messages-empty').waitFor();
    await p.getByTestId('send-message').click();
    const dialog = p.getByTestId('send-dialog');
    await dialog.waitFor();
    const { rows: [tpl] } = await database.sql.query<{ id: string }>(`SELECT id FROM message_templates WHERE key = 'hardship-check-in'`);
    await expect.poll(() => p.getByTestId('send-template').locator('option').count()).toBeGreaterThan(1);
    await p.getByTestId('send-template').selectOption(tpl!.id);
    expect(await p.getByTestId('send-purpose').inputValue()).toBe('servicing');
    await p.getByTestId('send-channel').selectOption('portal');
    await p.getByTestId('send-var-amountFen').fill('1234.5');
    expect(await p.getByTestId('send-var-amountFen-fen').innerText()).toBe('¥1,234.50（123450 分）');
    await p.getByTestId('send-preview-button').click();
    await p.getByTestId('send-preview').waitFor();
    expect(await p.getByTestId('send-preview-body').innerText()).toContain('您目前尚有¥1,234.50未还');
    await saveScreenshot(p, 'send-message-preview-zh', { fullPage: false });
    await p.getByTestId('send-submit').click();
    await p.getByTestId('send-queued').waitFor();
    expect(await p.getByTestId('send-queued').innerText()).toContain('已排队');
    await p.getByTestId('send-done').click();
    const message = p.getByTestId('message-row');
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.getAttribute('data-status')).toBe('queued');
    expect(await message.getByTestId('message-status').innerText()).toBe('排队中');
    expect(await message.getByTestId('message-body').innerText()).toContain('尊敬的王建国');

    // The outbox dispatcher (the server's worker in production) delivers it to the portal inbox.
    const sent = await dispatchOutbox({ database, log: silentLogger, now: () => clock.now }, { adapters: createConfiguredAdapters(server!.deps), now: clock.now });
    expect(sent).toMatchObject({ claimed: 1, sent: 1 });
    await p.getByTestId('compliance-refresh').click();
    await expect.poll(() => message.getAttribute('data-status')).toBe('sent');
    expect(await message.getByTestId('message-status').innerText()).toBe('已发送');
    await p.getByTestId('customer-messages').scrollIntoViewIfNeeded();
    await saveScreenshot(p, 'customer-messages-sent-zh');
    await signOut(p);

    // The borrower reads it under 我的消息.
    await p.goto('/portal');
    await p.getByTestId('portal-login-id').fill('C20260001');
    await p.getByTestId('portal-login-password').fill(BORROWER_PASSWORD);
    await p.getByTestId('portal-login-submit').click();
    await p.getByTestId('portal-nav-messages').click();
    await p.waitForURL('**/portal/messages');
    const inbox = p.getByTestId('portal-message');
    await expect.poll(() => inbox.count()).toBe(1);
    expect(await inbox.getByTestId('portal-message-subject').innerText()).toBe('关于您的还款安排');
    expect(await inbox.getByTestId('portal-message-body').innerText()).toContain('如您遇到还款困难，欢迎随时与我们联系');
    await saveScreenshot(p, 'portal-messages-zh', { fullPage: false });
    await p.getByTestId('portal-sign-out').click();
    await p.getByTestId('portal-login-page').waitFor();
  });

  it('(b) a 4th connected call today is refused (daily cap); a supervisor overrides with a reason, the call is logged and the override is audited', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'call-cap-override');
    const p = currentPage();
    // Three answered calls this morning.
    for (const time of ['09:05', '10:40', '11:30']) {
      await insertContactAttempt(database.sql, {
        customerId: customer.id, occurredAt: at(`2026-11-26T${time}:00`), direction: 'outbound', channel: 'phone', mode: 'human',
        purpose: 'collections', outcome: 'connected', actorId: `staff:${collector.id}`, durationSeconds: 120,
      });
    }
    clock.now = at('2026-11-26T14:00:00');

    // The collector's fourth connected call is refused, with the cap's reason and tomorrow 08:00.
    await signIn(p, 'COL-COMMS');
    await openComplianceTab(p);
    await p.getByTestId('log-contact').click();
    await p.getByTestId('log-dialog').waitFor();
    await p.getByTestId('log-outcome').selectOption('connected');
    await p.getByTestId('log-duration').fill('3');
    await p.getByTestId('log-note').fill('客户称本周五前还款');
    await p.getByTestId('log-submit').click();
    const refusal = p.getByTestId('log-refused');
    await refusal.waitFor();
    const cap = refusal.locator('[data-testid="denial-reason"][data-rule="daily-connected-call-cap"]');
    expect(await cap.getByTestId('denial-message').innerText()).toContain('已达每日上限 3 通');
    expect(await cap.getByTestId('denial-source').innerText()).toContain('依据');
    expect(await refusal.getByTestId('earliest-allowed').getAttribute('data-instant')).toBe('2026-11-27T00:00:00.000Z');
    expect(await refusal.getByTestId('earliest-allowed').innerText()).toContain('2026-11-27 08:00');
    expect(await refusal.getByTestId('earliest-allowed').innerText()).toContain('次日');
    // A collector may not override; they can only cite an override a supervisor granted.
    expect(await p.getByTestId('override-box').count()).toBe(0);
    await p.getByTestId('override-cite').waitFor();
    await saveScreenshot(p, 'log-call-refused-cap-zh', { fullPage: false });
    await p.getByTestId('log-dialog').getByRole('button', { name: '取消' }).click();
    // The refusal is stored and shown on the tab.
    const denial = p.locator('[data-testid="denial-row"][data-source="contact-log"]');
    await expect.poll(() => denial.count()).toBe(1);
    expect(await denial.getAttribute('data-rules')).toContain('daily-connected-call-cap');
    expect(await denial.getByTestId('actor-me').count()).toBe(1);
    await signOut(p);

    // The supervisor, in the same dialog: refused, then an override with a reason, and the call is logged citing it.
    await signIn(p, 'SUP-COMMS');
    await openComplianceTab(p);
    await p.getByTestId('log-contact').click();
    await p.getByTestId('log-outcome').selectOption('conversation');
    await p.getByTestId('log-note').fill('客户来电要求确认还款计划');
    await p.getByTestId('log-submit').click();
    await p.getByTestId('override-box').waitFor();
    expect(await p.getByTestId('override-submit').isDisabled()).toBe(true); // no reason yet
    await p.getByTestId('override-reason').fill('客户主动来电，要求今天回电确认分期还款计划');
    await saveScreenshot(p, 'log-call-override-zh', { fullPage: false });
    await p.getByTestId('override-submit').click();
    const flash = p.getByTestId('compliance-flash');
    await flash.waitFor();
    expect(await flash.innerText()).toContain('引用主管覆盖');
    expect(await flash.innerText()).toContain('每日接通上限');
    const logged = p.getByTestId('contact-log-row').first();
    await expect.poll(() => logged.getAttribute('data-outcome')).toBe('conversation');
    expect(await logged.getAttribute('data-override')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await logged.getByTestId('contact-override').innerText()).toBe('主管覆盖');
    expect(await p.locator('[data-testid="contact-log-row"][data-channel="phone"]').count()).toBe(4);
    await p.getByTestId('contact-log').scrollIntoViewIfNeeded();
    await saveScreenshot(p, 'contact-log-override-zh', { fullPage: false });
    await signOut(p);

    // The compliance auditor finds the override, with its reason, in the audit viewer.
    await signIn(p, 'AUD-COMMS');
    await p.getByTestId('nav-audit').click();
    await p.getByTestId('audit-filter-action').selectOption('compliance.override.granted');
    await p.getByTestId('audit-search').click();
    await p.waitForURL('**/audit?action=compliance.override.granted');
    const rows = p.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('audit-action-label').innerText()).toBe('主管合规豁免');
    expect(await rows.first().getByTestId('audit-reason').innerText()).toBe('客户主动来电，要求今天回电确认分期还款计划');
    await rows.first().getByTestId('audit-expand').click();
    expect(await p.getByTestId('audit-detail').innerText()).toContain('daily-connected-call-cap');
    await saveScreenshot(p, 'audit-override-zh', { fullPage: false });
    await signOut(p);
  });

  it('(a) at 22:30 the 联系与合规 tab shows collections by phone refused for night hours, earliest 08:00 the next day', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'contactability-night');
    const p = currentPage();
    clock.now = at('2026-11-26T22:30:00');
    await signIn(p, 'SUP-COMMS');
    await openComplianceTab(p);
    expect(await p.getByTestId('contactability-purpose-collections').getAttribute('aria-checked')).toBe('true');
    const phone = p.locator('[data-testid="contactability-row"][data-channel="phone"]');
    expect(await phone.getAttribute('data-allowed')).toBe('false');
    expect(await phone.getByTestId('contactability-verdict').innerText()).toContain('不可联系');
    const hours = phone.locator('[data-testid="denial-reason"][data-rule="contact-hours"]');
    expect(await hours.getByTestId('denial-message').innerText()).toContain('08:00–22:00');
    expect(await hours.getByTestId('denial-source').innerText()).toContain('贷后催收风控指引');
    expect(await phone.getByTestId('earliest-allowed').getAttribute('data-instant')).toBe('2026-11-27T00:00:00.000Z');
    expect(await phone.getByTestId('earliest-allowed-time-beijing').innerText()).toBe('2026-11-27 08:00');
    expect(await phone.getByTestId('earliest-allowed').innerText()).toContain('次日');
    // Every channel is closed tonight; the page says when the first one opens.
    expect(await p.getByTestId('contactability-summary').innerText()).toContain('现在不能以任何渠道');
    expect(await p.getByTestId('contactability-next-beijing').innerText()).toBe('2026-11-27 08:00');
    await saveScreenshot(p, 'contactability-night-zh-1366x900', { fullPage: false });
    await phone.scrollIntoViewIfNeeded();
    await saveScreenshot(p, 'contactability-night-phone-zh-1366x900', { fullPage: false });
    await saveScreenshot(p, 'contact-compliance-tab-zh');

    // A care flag, set with a reason: hardship pauses automated collection (SMS) but not a person's call.
    const hardship = p.locator('[data-testid="contact-flag"][data-flag="hardship"]');
    await hardship.getByTestId('flag-set').click();
    await p.getByTestId('flag-reason').fill('客户失业，申请暂缓催收');
    await p.getByTestId('flag-confirm').click();
    await expect.poll(() => hardship.getAttribute('data-set')).toBe('true');
    const sms = p.locator('[data-testid="contactability-row"][data-channel="sms"]');
    await expect.poll(() => sms.locator('[data-rule="paused-hardship"]').count()).toBe(1);
    expect(await phone.locator('[data-rule="paused-hardship"]').count()).toBe(0);
    expect(await hardship.innerText()).toContain('客户失业，申请暂缓催收');
    await hardship.getByTestId('flag-clear').click();
    await p.getByTestId('flag-reason').fill('客户已重新就业');
    await p.getByTestId('flag-confirm').click();
    await expect.poll(() => hardship.getAttribute('data-set')).toBe('false');
    await expect.poll(() => sms.locator('[data-rule="paused-hardship"]').count()).toBe(0);

    // A written dispute of the loan: the supervisor pauses collection contact, and lifts it once answered.
    await p.getByTestId('hold-place').click();
    await p.getByTestId('hold-type').selectOption('dispute');
    await p.getByTestId('hold-scope').selectOption({ label: '贷款 LN202601160002' });
    await p.getByTestId('hold-reference').fill('DSP-2026-0042');
    await p.getByTestId('hold-reason').fill('客户书面异议：罚息计算有误');
    await p.getByTestId('hold-confirm').click();
    const hold = p.getByTestId('contact-hold').first();
    await expect.poll(() => phone.locator('[data-rule="paused-dispute"]').count()).toBe(1);
    expect(await hold.getByTestId('hold-source').innerText()).toBe('争议 · DSP-2026-0042');
    expect(await hold.innerText()).toContain('生效中');
    expect(await hold.innerText()).toContain('贷款 LN202601160002');
    await hold.scrollIntoViewIfNeeded();
    await saveScreenshot(p, 'contact-hold-dispute-zh', { fullPage: false });
    await hold.getByTestId('hold-release').click();
    await p.getByTestId('hold-reason').fill('已书面答复，客户认可核算结果');
    await p.getByTestId('hold-confirm').click();
    await expect.poll(() => phone.locator('[data-rule="paused-dispute"]').count()).toBe(0);
    expect(await hold.innerText()).toContain('已解除');
    expect(await hold.getByTestId('hold-release').count()).toBe(0);

    // Servicing uses the general hours (08:00–21:00): also closed, for the same night.
    await p.getByTestId('contactability-purpose-servicing').click();
    await expect.poll(() => p.locator('[data-testid="contactability-row"][data-channel="sms"] [data-rule="contact-hours"]').count()).toBe(1);

    // The same tab in English.
    await p.getByTestId('contactability-purpose-collections').click();
    await p.getByTestId('lang-en').click();
    await expect.poll(() => p.getByTestId('tab-compliance').innerText()).toBe('Contact & compliance');
    expect(await phone.getByTestId('denial-message').first().innerText()).toContain('outside the collection hours 08:00–22:00');
    await saveScreenshot(p, 'contactability-night-en', { fullPage: false });
    await p.getByTestId('lang-zh-CN').click();
  });
});
