import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newDesktopPage, saveScreenshot, screenshotOnFailure } from '../support/browser.ts';
import { openTestDatabase } from '../support/databases.ts';
import { buildBranch, buildIndividual, buildLoan } from '../support/factories.ts';
import { createStaffUser, TEST_PASSWORD } from '../support/sessions.ts';
import { ensureWebBuilt, startE2eServer, type E2eServer } from './e2e-support.ts';

/**
 * (c) A supervisor uploads the signed contract as evidence on the customer page, linked to the
 * delinquent loan, and sees it listed with its SHA-256; the server's refusals (unsupported type,
 * over the size limit) and its warning for a renamed file are shown as they come. Test server
 * upload limit: 1 MiB.
 */
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4830000000049454e44ae426082', 'hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!browserAvailable())('evidence on the customer page (chromium)', () => {
  let dispose: (() => Promise<void>) | undefined;
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let customer: Awaited<ReturnType<typeof buildIndividual>>;

  beforeAll(async () => {
    await ensureWebBuilt();
    const handle = await openTestDatabase('pglite');
    dispose = handle.dispose;
    const { database } = handle;
    await buildBranch(database);
    await createStaffUser(database, { role: 'supervisor', employeeCode: 'SUP-E2E' });
    customer = await buildIndividual(database, { name: '王建国', phone: '+8613912345678', externalId: 'C20260001' });
    await buildLoan(database, customer.id, { loanNumber: 'LN202601160002', product: 'working-capital' });
    await buildLoan(database, customer.id, { loanNumber: 'LN202601150001', product: 'personal-consumer', principalFen: 12_000_000, termMonths: 24 });
    server = await startE2eServer(database, { maxUploadBytes: 1024 * 1024 });
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

  async function upload(p: Page, file: { name: string; mimeType: string; buffer: Buffer } | null, kindLabel: string | null, extra: { loan?: string } = {}) {
    if (file) await p.getByTestId('evidence-file').setInputFiles(file);
    if (kindLabel) await p.getByTestId('evidence-kind').selectOption({ label: kindLabel });
    if (extra.loan) await p.getByTestId('evidence-loan').selectOption({ label: extra.loan });
    await p.getByTestId('evidence-submit').click();
  }

  it('(c) uploads a PDF as evidence, linked to a loan, and lists it with its SHA-256', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'evidence-upload');
    const p = currentPage();
    await p.goto(`/customers/${customer.id}`);
    await p.getByTestId('login-employee-code').fill('SUP-E2E');
    await p.getByTestId('login-password').fill(TEST_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('customer-profile').waitFor();

    await p.getByTestId('tab-evidence').click();
    await p.getByTestId('evidence-empty').waitFor();
    // Every kind has its Chinese label.
    expect(await p.getByTestId('evidence-kind').locator('option:not([disabled])').allInnerTexts()).toEqual([
      '合同', '转账记录', '银行流水', '通话录音', '照片', '电子邮件', '聊天截图', '第三方报告', '财务报表', '工商变更', '其他',
    ]);

    // Nothing chosen: said here, nothing sent.
    await p.getByTestId('evidence-submit').click();
    expect(await p.getByTestId('evidence-upload-missing').innerText()).toContain('请选择要上传的文件');

    const contract = pdf('借款合同 LN202601160002 双方签章');
    await p.getByTestId('evidence-source').fill('客户经理线下收取');
    await p.getByTestId('evidence-captured-at').fill('2026-01-16T10:30');
    await p.getByTestId('evidence-description').fill('流动资金借款合同，含签章页');
    await upload(p, { name: '借款合同-LN202601160002.pdf', mimeType: 'application/pdf', buffer: contract }, '合同', { loan: 'LN202601160002 · 流动资金贷款' });
    const done = p.getByTestId('evidence-upload-done');
    await done.waitFor();
    expect(await done.innerText()).toContain(sha256(contract));

    const row = p.getByTestId('evidence-row').first();
    await row.waitFor();
    expect(await p.getByTestId('evidence-row').count()).toBe(1);
    expect(await row.getByTestId('evidence-file-name').innerText()).toBe('借款合同-LN202601160002.pdf');
    expect(await row.innerText()).toContain('合同');
    expect(await row.innerText()).toContain('流动资金借款合同，含签章页');
    expect(await row.getByTestId('evidence-loan-link').innerText()).toBe('贷款 LN202601160002');
    expect(await row.getByTestId('evidence-content-type').innerText()).toBe('application/pdf');
    expect(await row.getByTestId('evidence-sha256').getAttribute('data-sha256')).toBe(sha256(contract));
    expect(await row.getByTestId('evidence-sha256').innerText()).toBe(`${sha256(contract).slice(0, 12)}…`);
    expect(await row.innerText()).toContain('本人');
    expect(await row.getByTestId('evidence-type-mismatch').count()).toBe(0);
    // The form is ready for the next file.
    expect(await p.getByTestId('evidence-description').inputValue()).toBe('');
    await saveScreenshot(p, 'evidence-uploaded-zh');
    await saveScreenshot(p, 'evidence-uploaded-zh-1366x900', { fullPage: false });

    // The download is the same bytes.
    const [download] = await Promise.all([p.waitForEvent('download'), row.getByTestId('evidence-download').click()]);
    expect(download.suggestedFilename()).toBe('借款合同-LN202601160002.pdf');
    expect(sha256(fs.readFileSync((await download.path())!))).toBe(sha256(contract));
  });

  it('flags a file whose name lies about its type, and shows the server’s refusals', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, () => page, 'evidence-problems');
    const p = currentPage();

    // A screenshot saved as .pdf: kept as what it is, and flagged.
    await upload(p, { name: '转账截图.pdf', mimeType: 'application/pdf', buffer: PNG }, '聊天截图');
    const mismatch = p.getByTestId('evidence-upload-mismatch');
    await mismatch.waitFor();
    expect(await mismatch.innerText()).toContain('实际内容为 image/png');
    await expect.poll(() => p.getByTestId('evidence-row').count()).toBe(2);
    const flagged = p.locator('[data-testid="evidence-row"]:has([data-testid="evidence-type-mismatch"])');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.getByTestId('evidence-file-name').innerText()).toBe('转账截图.pdf');
    expect(await flagged.getByTestId('evidence-content-type').innerText()).toBe('image/png');

    // An executable: refused by type.
    await upload(p, { name: '对账工具.exe', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]) }, '其他');
    const refused = p.getByTestId('evidence-upload-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('不支持的文件类型');
    await saveScreenshot(p, 'evidence-unsupported-zh', { fullPage: false });

    // Over the 1 MiB limit: 413 with the server's message.
    const big = Buffer.concat([pdf('扫描件'), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    await upload(p, { name: '银行流水-2026.pdf', mimeType: 'application/pdf', buffer: big }, '银行流水');
    await expect.poll(() => p.getByTestId('evidence-upload-error').innerText()).toContain('文件超过上传上限');
    await saveScreenshot(p, 'evidence-too-large-zh', { fullPage: false });
    expect(await p.getByTestId('evidence-row').count()).toBe(2);
  });
});
