import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/server/create-app.ts';
import { createPersonalDataCipher } from '../../src/platform/crypto/personal-data-cipher.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import type { Database } from '../../src/platform/db/client.ts';
import type { AppDeps } from '../../src/platform/app-deps.ts';
import { TEST_DATA_KEY } from './databases.ts';

/** The real app over a test database, with a fixed clock (2026-11-26 10:00 Asia/Shanghai by default). */
export function buildTestApp(database: Database, options: { now?: Date; graceDays?: number } = {}) {
  // Evidence files and the outbox sink go to a throwaway directory, never the developer's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-test-'));
  const config = { ...loadConfig({}), dataDir, graceDays: options.graceDays ?? 0 };
  const deps: AppDeps = {
    config,
    database,
    cipher: createPersonalDataCipher(TEST_DATA_KEY),
    log: silentLogger,
    now: () => options.now ?? new Date('2026-11-26T02:00:00Z'),
  };
  const app = createApp(deps);
  const request = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body };
  };
  return { app, deps, request };
}
