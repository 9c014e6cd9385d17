import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Browser tests drive Debian's chromium through playwright-core (`npx playwright install` cannot
 * download browsers on bank build machines). Under CI=true a missing browser fails the run;
 * elsewhere the browser tests are skipped with a loud warning.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let warned = false;

/** True when chromium can be launched; throws under CI=true when it cannot. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required under CI=true but was not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  if (!warned) {
    warned = true;
    console.warn(`\n!!! Chromium not found at ${CHROMIUM_PATH}: SKIPPING the browser (e2e) tests. Install Debian's chromium or set CHROMIUM_PATH. !!!\n`);
  }
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh context at the desktop size bank staff use (1366×900), Simplified Chinese, Beijing time. */
export async function newDesktopPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  return { context, page };
}

/** Saves a PNG to test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  return file;
}

/**
 * Registers a screenshot of `page` for when the current test fails. Call inside a test with the
 * test's `onTestFailed` (from the test context or vitest), e.g.
 *   it('…', async ({ onTestFailed, task }) => { screenshotOnFailure(onTestFailed, () => page, task.name); … })
 */
export function screenshotOnFailure(onTestFailed: (fn: () => Promise<void>) => void, getPage: () => Page | undefined, name: string): void {
  onTestFailed(async () => {
    const page = getPage();
    if (!page || page.isClosed()) return;
    try {
      const file = await saveScreenshot(page, `FAILED-${name}`);
      console.error(`Screenshot of the failed page: ${file}`);
    } catch (err) {
      console.error('Could not save a failure screenshot', err);
    }
  });
}
