import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { browserAvailable, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { buildBranch } from '../support/factories.ts';
import { createStaffUser, TEST_PASSWORD } from '../support/sessions.ts';
import { openE2eWorld, signInToConsole, type E2eServer, type E2eWorld } from './e2e-support.ts';
import { makeResidentId } from '../../src/modules/customers/rules/resident-id.ts';
import { customers } from '../../src/modules/customers/customers.schema.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { staffUsers } from '../../src/platform/auth/staff.schema.ts';

/**
 * The administrator's console, seen from the browser:
 * (a) signing in at / lands on 员工账户 (no customer search for this role); a collector account is
 *     created — a weak initial password first (the policy message under the field), then a taken
 *     employee number (409 under the field), then accepted — and a leaver's account is disabled with
 *     a reason, after a confirmation;
 * (b) a half-valid customers CSV is imported: the summary counts, the rejected lines with their
 *     reasons (bad ID check digit, formula-looking name), the full report and the recent runs;
 * (c) typing / shows the friendly "no customer search" panel with the pages the role can use.
 */
const FORMULA_NAME = `=cmd|' /C calc'!A0`;

/** A valid resident ID with its last (check) character replaced by a wrong one. */
function withWrongCheckDigit(id: string): string {
  const wrong = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + wrong;
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Lines 2–4 valid; line 5 has a bad ID check digit; line 6 a formula-looking name. */
const CUSTOMERS_CSV = [
  ['external_id', 'type', 'name', 'id_number', 'birth_date', 'gender', 'branch_id', 'risk_tier'],
  ['C20261101', 'individual', '张伟', makeResidentId('110101', '1985-03-15', '123'), '1985-03-15', 'male', 'BJ001', 'low'],
  ['C20261102', 'individual', '李娜', makeResidentId('110105', '1990-07-08', '224'), '', '', 'BJ001', 'medium'],
  ['C20261103', 'individual', '王芳', makeResidentId('310104', '1978-12-01', '346'), '', '', 'BJ001', ''],
  ['C20261104', 'individual', '赵强', withWrongCheckDigit(makeResidentId('110102', '1982-05-20', '155')), '', '', 'BJ001', 'high'],
  ['C20261105', 'individual', FORMULA_NAME, makeResidentId('110108', '1995-02-28', '067'), '', '', 'BJ001', 'low'],
]
  .map((row) => row.map(csvCell).join(','))
  .join('\r\n');

describe.skipIf(!browserAvailable())('administration: staff accounts and imports (chromium)', () => {
  let world: E2eWorld | undefined;
  let database: Database;
  let server: E2eServer;
  let page: Page | undefined;

  beforeAll(async () => {
    world = await openE2eWorld({
      seed: async (db) => {
        database = db;
        // Reference data first: customers name their branch, accounts theirs.
        await buildBranch(database, 'BJ001', '北京分行', 'Beijing Branch');
        await buildBranch(database, 'SH001', '上海分行', 'Shanghai Branch');
        const admin = await createStaffUser(database, { role: 'administrator', employeeCode: 'ADM-E2E', branchId: null });
        await database.db.update(staffUsers).set({ displayName: '孙立新' }).where(eq(staffUsers.id, admin.id));
        const leaver = await createStaffUser(database, { role: 'collector', employeeCode: 'COL-LEAVER', team: 'BJ-T1' });
        await database.db
          .update(staffUsers)
          .set({ displayName: '刘洋', lastLoginAt: new Date('2026-11-20T01:30:00Z') })
          .where(eq(staffUsers.id, leaver.id));
        const supervisor = await createStaffUser(database, { role: 'supervisor', employeeCode: 'SUP-SH01', branchId: 'SH001', team: 'SH-催收一组' });
        await database.db.update(staffUsers).set({ displayName: '周敏' }).where(eq(staffUsers.id, supervisor.id));

      },
    });
    ({ database, server, page } = world);
  });

  afterAll(() => world?.close());

  const currentPage = () => {
    if (!page) throw new Error('browser page not opened');
    return page;
  };

  it('(a) the administrator lands on staff accounts, creates a collector and disables a leaver', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'admin-users');
    const p = currentPage();
    await signInToConsole(p, 'ADM-E2E');

    // Landing by role: staff accounts, not the customer search.
    await p.waitForURL('**/admin/users');
    await p.getByTestId('users-page').waitFor();
    expect(await p.getByTestId('nav-search').count()).toBe(0);
    expect(await p.getByTestId('nav-users').count()).toBe(1);
    expect(await p.getByTestId('nav-imports').count()).toBe(1);
    expect(await p.getByTestId('nav-audit').count()).toBe(0);
    await p.getByTestId('user-row').first().waitFor();
    expect(await p.getByTestId('user-row').count()).toBe(3);

    const adminRow = p.locator('[data-testid="user-row"][data-code="ADM-E2E"]');
    expect(await adminRow.getByTestId('user-branch').innerText()).toBe('总行');
    expect(await adminRow.getByTestId('user-role').innerText()).toContain('系统管理员');
    expect(await adminRow.getByTestId('user-role').innerText()).toContain('Administrator');
    // No "disable" on one's own account.
    expect(await adminRow.getByTestId('user-disable').count()).toBe(0);
    const leaverRow = p.locator('[data-testid="user-row"][data-code="COL-LEAVER"]');
    expect(await leaverRow.getByTestId('user-status').innerText()).toBe('正常');
    expect(await leaverRow.innerText()).toContain('2026-11-20');
    await saveScreenshot(p, 'admin-users-zh-1366x900', { fullPage: false });

    // New account: a weak initial password first.
    await p.getByTestId('user-create').click();
    const dialog = p.getByTestId('user-create-dialog');
    await dialog.waitFor();
    await p.getByTestId('user-form-employee-code').fill('COL-LEAVER');
    await p.getByTestId('user-form-display-name').fill('黄晓明');
    await p.getByTestId('user-form-role').selectOption('collector');
    await p.getByTestId('user-form-branch').fill('BJ001');
    await p.getByTestId('user-form-team').fill('BJ-T2');
    await p.getByTestId('user-form-password').fill('abc123');
    await p.getByTestId('user-form-submit').click();
    const passwordError = p.getByTestId('user-form-password-error');
    await passwordError.waitFor();
    expect(await passwordError.innerText()).toContain('至少 10 位');
    expect(await p.getByTestId('user-form-password').getAttribute('aria-invalid')).toBe('true');
    // The other fields were fine: no message under them.
    expect(await p.getByTestId('user-form-employee-code-error').count()).toBe(0);
    await saveScreenshot(p, 'admin-create-user-weak-password-zh', { fullPage: false });

    // A policy-conforming password; the employee number is already taken (409, under the field).
    await p.getByTestId('user-form-password').fill('Collect2026new');
    expect(await passwordError.count()).toBe(0);
    await p.getByTestId('user-form-submit').click();
    const codeError = p.getByTestId('user-form-employee-code-error');
    await codeError.waitFor();
    expect(await codeError.innerText()).toContain('已存在');
    expect(await p.getByTestId('user-create-error').innerText()).toContain('工号已存在');

    await p.getByTestId('user-form-employee-code').fill('COL-E2E-NEW');
    await p.getByTestId('user-form-submit').click();
    await p.getByTestId('user-created').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await p.getByTestId('user-created').innerText()).toContain('COL-E2E-NEW');
    const newRow = p.locator('[data-testid="user-row"][data-code="COL-E2E-NEW"]');
    await newRow.waitFor();
    expect(await newRow.getByTestId('user-display-name').innerText()).toBe('黄晓明');
    expect(await newRow.getByTestId('user-role').innerText()).toContain('催收员');
    expect(await newRow.getByTestId('user-branch').innerText()).toBe('BJ001');
    expect(await newRow.innerText()).toContain('从未登录');
    const [stored] = await database.db.select().from(staffUsers).where(eq(staffUsers.employeeCode, 'COL-E2E-NEW'));
    expect(stored).toMatchObject({ role: 'collector', branchId: 'BJ001', team: 'BJ-T2', disabled: false });
    await saveScreenshot(p, 'admin-user-created-zh-1366x900', { fullPage: false });

    // Disable the leaver: the reason is required, then confirmed.
    await leaverRow.getByTestId('user-disable').click();
    const disableDialog = p.getByTestId('user-disable-dialog');
    await disableDialog.waitFor();
    expect(await p.getByTestId('user-disable-subject').innerText()).toContain('COL-LEAVER');
    await p.getByTestId('user-disable-confirm').click();
    expect(await p.getByTestId('user-disable-reason-error').innerText()).toContain('请填写停用原因');
    await p.getByTestId('user-disable-reason').fill('员工离职，人事通知 HR-2026-118');
    await saveScreenshot(p, 'admin-disable-user-zh', { fullPage: false });
    await p.getByTestId('user-disable-confirm').click();
    await p.getByTestId('user-disabled').waitFor();
    expect(await disableDialog.count()).toBe(0);
    expect(await leaverRow.getAttribute('data-status')).toBe('disabled');
    expect(await leaverRow.getByTestId('user-status').innerText()).toBe('已停用');
    expect(await leaverRow.getByTestId('user-disable').count()).toBe(0);

    // The leaver can no longer sign in.
    const login = await fetch(`${server!.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeCode: 'COL-LEAVER', password: TEST_PASSWORD }),
    });
    expect(login.status).toBeGreaterThanOrEqual(400);
  });

  it('(b) a half-valid customers file: inserted and rejected counts, the rejected lines with reasons, and the run listed', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'admin-imports');
    const p = currentPage();
    await p.getByTestId('nav-imports').click();
    await p.waitForURL('**/imports');
    await p.getByTestId('imports-page').waitFor();
    await p.getByTestId('import-runs-empty').waitFor();
    expect(await p.getByTestId('import-help').innerText()).toContain('docs/import-formats.md');

    // Submitting without a file says so, without a request.
    await p.getByTestId('import-submit').click();
    await p.getByTestId('import-missing').waitFor();

    await p.getByTestId('import-kind-customers').click();
    expect(await p.getByTestId('import-kind-customers').getAttribute('aria-checked')).toBe('true');
    await p.getByTestId('import-file').setInputFiles({ name: 'customers-2026-11.csv', mimeType: 'text/csv', buffer: Buffer.from(CUSTOMERS_CSV, 'utf8') });
    expect(await p.getByTestId('import-file-name').innerText()).toBe('customers-2026-11.csv');
    await saveScreenshot(p, 'admin-import-file-chosen-zh', { fullPage: false });
    await p.getByTestId('import-submit').click();

    const result = p.getByTestId('import-result');
    await result.waitFor();
    expect(await p.getByTestId('import-count-read').innerText()).toBe('5');
    expect(await p.getByTestId('import-count-inserted').innerText()).toBe('3');
    expect(await p.getByTestId('import-count-updated').innerText()).toBe('0');
    expect(await p.getByTestId('import-count-unchanged').innerText()).toBe('0');
    expect(await p.getByTestId('import-count-rejected').innerText()).toBe('2');
    expect(await p.getByTestId('import-encoding').innerText()).toBe('UTF-8');
    expect(await result.innerText()).toContain('customers-2026-11.csv');

    const rows = p.getByTestId('rejection-row');
    expect(await rows.count()).toBe(2);
    const badId = p.locator('[data-testid="rejection-row"][data-line="5"]');
    expect(await badId.getByTestId('rejection-column').innerText()).toBe('id_number');
    expect(await badId.getByTestId('rejection-reason').innerText()).toContain('校验位错误');
    expect(await badId.getByTestId('rejection-reason').innerText()).toContain('has an invalid check digit');
    // The server's 'English / 中文' is shown as two lines, Chinese first, never as the joined string.
    expect(await badId.getByTestId('rejection-reason').innerText()).not.toContain(' / ');
    const formula = p.locator('[data-testid="rejection-row"][data-line="6"]');
    expect(await formula.getByTestId('rejection-column').innerText()).toBe('name');
    expect(await formula.getByTestId('rejection-reason').innerText()).toContain('公式');
    // Shown as text, exactly as it was in the file.
    expect(await formula.getByTestId('rejection-raw').innerText()).toBe(FORMULA_NAME);

    // The full report: every rejection, formula cells defused with a leading quote.
    const href = await p.getByTestId('import-rejections-download').getAttribute('href');
    expect(href).toMatch(/^\/api\/imports\/[0-9a-f-]{36}\/rejections\.csv$/);
    const report = await p.request.get(href!);
    expect(report.status()).toBe(200);
    const reportText = await report.text();
    expect(reportText).toContain('5,id_number,has an invalid check digit');
    expect(reportText).toContain(`6,name,looks like a spreadsheet formula / 疑似电子表格公式,'${FORMULA_NAME}`);

    // Only the three valid rows reached the database.
    const imported = await database.db.select({ externalId: customers.externalId }).from(customers);
    expect(imported.map((c) => c.externalId).sort()).toEqual(['C20261101', 'C20261102', 'C20261103']);

    // The run is in the recent runs, with its counts and the report link.
    const run = p.getByTestId('import-run-row').first();
    await run.waitFor();
    expect(await run.getByTestId('run-file').innerText()).toBe('customers-2026-11.csv');
    expect(await run.getByTestId('run-kind').innerText()).toBe('客户');
    expect(await run.getByTestId('run-status').innerText()).toBe('已完成');
    expect(await run.getByTestId('run-read').innerText()).toBe('5');
    expect(await run.getByTestId('run-inserted').innerText()).toBe('3');
    expect(await run.getByTestId('run-rejected').innerText()).toBe('2');
    expect(await run.getByTestId('run-report').getAttribute('href')).toBe(href);
    await saveScreenshot(p, 'admin-import-result-zh-1366x900', { fullPage: false });
    await saveScreenshot(p, 'admin-import-result-zh');

    // A file without the required columns is refused as a whole, and listed as failed.
    await p.getByTestId('import-file').setInputFiles({ name: 'wrong-columns.csv', mimeType: 'text/csv', buffer: Buffer.from('客户号,姓名\r\nC1,张三\r\n', 'utf8') });
    await p.getByTestId('import-submit').click();
    await p.getByTestId('import-error').waitFor();
    expect(await p.getByTestId('import-error').innerText()).toContain('缺少必需的列');
    expect(await result.count()).toBe(0);
    await p.locator('[data-testid="import-run-row"][data-status="failed"]').waitFor();
    expect(await p.getByTestId('import-run-row').count()).toBe(2);
    await saveScreenshot(p, 'admin-import-refused-zh', { fullPage: false });
  });

  it('(c) the start page explains the missing customer search and links to what the role can use', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'admin-no-customer-access');
    const p = currentPage();
    await p.goto('/');
    const panel = p.getByTestId('no-customer-access');
    await panel.waitFor();
    expect(await p.getByTestId('no-customer-access-title').innerText()).toBe('您的角色无客户查询权限');
    expect(await p.getByTestId('search-page').count()).toBe(0);
    expect(await p.getByTestId('landing-users').count()).toBe(1);
    expect(await p.getByTestId('landing-imports').count()).toBe(1);
    expect(await p.getByTestId('landing-templates').count()).toBe(1);
    expect(await p.getByTestId('landing-audit').count()).toBe(0);
    await saveScreenshot(p, 'admin-no-customer-access-zh', { fullPage: false });

    await p.getByTestId('landing-users').click();
    await p.waitForURL('**/admin/users');
    await p.getByTestId('users-page').waitFor();

    // The staff list in English: roles still in both languages.
    await p.getByTestId('lang-en').click();
    await p.getByTestId('user-row').first().waitFor();
    expect(await p.locator('[data-testid="user-row"][data-code="COL-LEAVER"]').getByTestId('user-status').innerText()).toBe('Disabled');
    await saveScreenshot(p, 'admin-users-en-1366x900', { fullPage: false });
    await p.getByTestId('lang-zh-CN').click();
  });
});
