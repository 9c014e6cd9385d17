import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from '../app-deps.ts';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { loadConfig } from '../config/config.ts';
import { createPersonalDataCipher } from '../crypto/personal-data-cipher.ts';
import { silentLogger } from '../logging/logger.ts';
import { DomainError } from '../errors/domain-error.ts';
import { problemResponse, toProblem } from '../errors/problem-details.ts';
import { createRouter, type Router } from '../http/openapi-router.ts';

/**
 * Test harness for the platform routers (audit, evidence), used by their *.test.ts files only: mounts
 * one router under /api behind a stand-in for the session middleware that sets the actor a test
 * chooses, with the same problem+json error mapping as create-app. Keeps these suites independent
 * of the login flow, which has its own tests.
 */
export const auditorActor: Actor = {
  kind: 'staff', userId: '11111111-1111-4111-8111-111111111111', role: 'compliance-auditor', displayName: '合规审计 王敏', branchId: null, team: null,
};
export const collectorActor: Actor = {
  kind: 'staff', userId: '22222222-2222-4222-8222-222222222222', role: 'collector', displayName: '催收员 李强', branchId: 'BJ001', team: 'A',
};

export function testDeps(database: Database, overrides: { dataDir?: string; now?: () => Date } = {}): AppDeps {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-test-'));
  return {
    config: { ...loadConfig({}), dataDir },
    database,
    cipher: createPersonalDataCipher('0f'.repeat(32)),
    log: silentLogger,
    now: overrides.now ?? (() => new Date('2026-11-26T02:00:00Z')),
  };
}

export function mountForTest(routes: Router, actor: () => Actor | undefined) {
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    const a = actor();
    if (a) c.set('actor', a);
    await next();
  });
  app.route('/api', routes);
  app.onError((err, c) => {
    if (err instanceof HTTPException && !(err instanceof DomainError)) {
      const code = err.status === 413 ? 'payload_too_large' : err.status === 400 ? 'bad_request' : 'internal';
      return problemResponse(c, toProblem(new DomainError(code, { zh: '请求无效', en: err.message || 'Bad request' }), c.req.path));
    }
    return problemResponse(c, toProblem(err, c.req.path));
  });
  const request = async (url: string, init?: RequestInit) => {
    const res = await app.request(url, init);
    const buffer = Buffer.from(await res.arrayBuffer());
    const text = buffer.toString('utf8');
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body, text, buffer };
  };
  return { app, request };
}
