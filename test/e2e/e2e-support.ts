/**
 * Shared set-up for the browser tests in this folder (not a test file: vitest only collects *.test.ts).
 *
 * - `ensureWebBuilt` rebuilds dist/web when it is missing or older than any file under src/web, so a
 *   browser test never runs against a stale bundle; a lock directory keeps two test files from
 *   building at once.
 * - `startE2eServer` is test/support/http-server.ts's server with two extra knobs the browser tests
 *   need: an evidence data directory of their own (never the developer's ./data) and a small upload
 *   limit, so "file too large" can be tried with a 2 MiB file.
 * - `openE2eWorld` is the usual whole set-up: the bundle, a seeded PGlite database, the server on it,
 *   chromium with one desktop page, and one `close` for all of it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/server/create-app.ts';
import { createPersonalDataCipher } from '../../src/platform/crypto/personal-data-cipher.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import type { Database } from '../../src/platform/db/client.ts';
import type { AppDeps } from '../../src/platform/app-deps.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newDesktopPage } from '../support/browser.ts';
import { openTestDatabase, TEST_DATA_KEY } from '../support/databases.ts';
import { createStaffUser, TEST_PASSWORD } from '../support/sessions.ts';
import { buildBranch } from '../support/factories.ts';
import { ensureDefaultTemplates } from '../../src/modules/communications/index.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webSrc = path.join(repoRoot, 'src/web');
const webIndex = path.join(repoRoot, 'dist/web/index.html');
const lockDir = path.join(repoRoot, 'dist/.web-build.lock');

function newestSourceChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const isFresh = () => fs.existsSync(webIndex) && fs.statSync(webIndex).mtimeMs >= newestSourceChange(webSrc);

export async function ensureWebBuilt(): Promise<void> {
  if (isFresh()) return;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was left by a killed run.
      if (fs.existsSync(lockDir) && Date.now() - fs.statSync(lockDir).mtimeMs > 120_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error('timed out waiting for another web build');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!isFresh()) execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

export type E2eServer = { baseUrl: string; deps: AppDeps; dataDir: string; close: () => Promise<void> };

/**
 * The real app over `database` on a free loopback port (fixed clock 2026-11-26 10:00 Beijing, test cipher key).
 * `now` may be a function, for a clock the test moves (every route, and the session middleware, read it per request).
 */
export function startE2eServer(database: Database, opts: { maxUploadBytes?: number; now?: Date | (() => Date) } = {}): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-e2e-'));
  const config = { ...loadConfig({}), graceDays: 0, dataDir, ...(opts.maxUploadBytes ? { evidenceMaxUploadBytes: opts.maxUploadBytes } : {}) };
  const deps: AppDeps = {
    config,
    database,
    cipher: createPersonalDataCipher(TEST_DATA_KEY),
    log: silentLogger,
    now: typeof opts.now === 'function' ? opts.now : () => (opts.now as Date | undefined) ?? new Date('2026-11-26T02:00:00Z'),
  };
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        deps,
        dataDir,
        close: async () => {
          await new Promise<void>((done, fail) => {
            const http = server as Server;
            http.close((err) => (err ? fail(err) : done()));
            http.closeAllConnections?.();
          });
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      });
    });
    server.once('error', reject);
  });
}

export type E2eWorld = { database: Database; server: E2eServer; browser: Browser; context: BrowserContext; page: Page; close: () => Promise<void> };

/**
 * A browser test's world: the web bundle built, a fresh PGlite database seeded by `seed`, the app
 * server on it (`afterStart` runs next, for seeding through the app or starting its workers), then
 * chromium with one desktop page on the server. `close` undoes it in reverse (`beforeClose` first);
 * a set-up that fails half-way closes what it had opened before rethrowing.
 */
export async function openE2eWorld(opts: {
  seed?: (database: Database) => Promise<void>;
  server?: Parameters<typeof startE2eServer>[1];
  afterStart?: (server: E2eServer) => Promise<void>;
  beforeClose?: (server: E2eServer) => Promise<void>;
} = {}): Promise<E2eWorld> {
  await ensureWebBuilt();
  const undo: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const step of undo.reverse()) await step();
    undo.length = 0;
  };
  try {
    const { database, dispose } = await openTestDatabase('pglite');
    undo.push(dispose);
    await opts.seed?.(database);
    const server = await startE2eServer(database, opts.server);
    undo.push(() => server.close());
    await opts.afterStart?.(server);
    if (opts.beforeClose) undo.push(() => opts.beforeClose!(server));
    const browser = await launchBrowser();
    undo.push(() => browser.close());
    const { context, page } = await newDesktopPage(browser, server.baseUrl);
    undo.push(() => context.close());
    return { database, server, browser, context, page, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * The seed most console tests start from: the Beijing branch (BJ001), the default message templates
 * (approved as of 2026-01-01) and one signed-in-able staff user there. Returns that user.
 */
export async function seedBranchWithStaff(database: Database, staff: Parameters<typeof createStaffUser>[1]) {
  await buildBranch(database, 'BJ001', '北京分行', 'Beijing Branch');
  await ensureDefaultTemplates(database.sql, new Date('2026-01-01T00:00:00Z'));
  return createStaffUser(database, staff);
}

/** Opens the console at `path` (default `/`) and signs in with the staff sign-in form. */
export async function signInToConsole(page: Page, employeeCode: string, opts: { password?: string; path?: string } = {}): Promise<void> {
  await page.goto(opts.path ?? '/');
  await page.getByTestId('login-employee-code').fill(employeeCode);
  await page.getByTestId('login-password').fill(opts.password ?? TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
}
