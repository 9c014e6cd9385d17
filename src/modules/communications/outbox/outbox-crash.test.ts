import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPostgres, createScratchPostgresDatabase } from '../../../../test/support/databases.ts';
import { startSmtpCapture, type SmtpCapture } from '../../../../test/support/smtp.ts';
import { openDatabase, type Database } from '../../../platform/db/client.ts';
import { buildContactableCustomer, queue } from '../communications.test-support.ts';
import { buildBranch } from '../../../../test/support/factories.ts';
import { ensureDefaultTemplates } from '../templates/default-templates.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dispatcher-child.test-support.ts');
const T0 = new Date('2026-11-26T02:00:00Z'); // 10:00 in Shanghai, a working day
const LEASE_MS = 60_000;


/** Runs the dispatcher in a child process (node + tsx), as a real worker would run. */
function startChild(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited };
}

async function waitForFile(file: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`child never wrote ${file}`);
}

const reachable = await checkPostgres();

describe.skipIf(!reachable)('outbox crash safety (child-process dispatchers on PostgreSQL)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let database: Database;
  let smtp: SmtpCapture;
  const ids: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-crash-'));
  const env = () => ({ DATABASE_URL: scratch.url, SMTP_PORT: String(smtp.port), LEASE_MS: String(LEASE_MS) });

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    database = await openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 3 });
    smtp = await startSmtpCapture();
    await buildBranch(database);
    await ensureDefaultTemplates(database.sql, T0);
    for (let i = 0; i < 3; i++) {
      const c = await buildContactableCustomer(database, { email: `crash${i}@example.cn` });
      const r = await queue(database, {
        customerId: c.id, channel: 'email', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id,
        variables: { amountDueFen: 10_000 + i, dueDate: '2026-12-15' }, idempotencyKey: `crash-${i}`, at: T0,
      });
      if (r.status !== 'queued') throw new Error('setup: message not queued');
      ids.push(r.messageId);
    }
  }, 120_000);

  afterAll(async () => {
    await smtp?.close();
    await database?.close();
    await scratch?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a dispatcher killed (SIGKILL) after claiming and before sending loses nothing and doubles nothing', async () => {
    const signal = path.join(tmp, 'claimed.json');
    const first = startChild({ ...env(), MODE: 'hang', NOW: T0.toISOString(), SIGNAL_FILE: signal });
    const claimed = JSON.parse(await waitForFile(signal)) as string[];
    expect(claimed.sort()).toEqual([...ids].sort());
    const { rows: sending } = await database.sql.query<{ status: string }>(`SELECT status FROM outbox_messages ORDER BY id`);
    expect(sending.map((r) => r.status)).toEqual(['sending', 'sending', 'sending']);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(smtp.messages).toHaveLength(0);

    // A restarted dispatcher before the lease ends leaves the claimed rows alone…
    const early = startChild({ ...env(), MODE: 'run', NOW: new Date(T0.getTime() + LEASE_MS / 2).toISOString() });
    const earlyResult = await early.exited;
    expect(earlyResult.code, earlyResult.stderr).toBe(0);
    expect(JSON.parse(earlyResult.stdout)).toMatchObject({ claimed: 0 });

    // …and after it, takes them over and sends each exactly once.
    const second = startChild({ ...env(), MODE: 'run', NOW: new Date(T0.getTime() + LEASE_MS + 1000).toISOString() });
    const done = await second.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ claimed: 3, sent: 3 });
    await smtp.waitFor(3);

    const third = startChild({ ...env(), MODE: 'run', NOW: new Date(T0.getTime() + 10 * LEASE_MS).toISOString() });
    expect(JSON.parse((await third.exited).stdout)).toMatchObject({ claimed: 0 });

    const messageIds = smtp.messages.map((m) => m.parsed.messageId).sort();
    expect(messageIds).toEqual(ids.map((id) => `<${id}@bank.example>`).sort());
    expect(smtp.messages.map((m) => m.recipients[0]).sort()).toEqual(['crash0@example.cn', 'crash1@example.cn', 'crash2@example.cn']);
    const { rows } = await database.sql.query<{ status: string; attempts: number; n: number }>(
      `SELECT m.status, m.attempts, (SELECT count(*)::int FROM contact_attempts a WHERE a.message_id = m.id) AS n FROM outbox_messages m`,
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 1, n: 1 }, { status: 'sent', attempts: 1, n: 1 }, { status: 'sent', attempts: 1, n: 1 }]);
  }, 120_000);

  it('two dispatchers running at once never claim the same message (FOR UPDATE SKIP LOCKED)', async () => {
    const more: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await buildContactableCustomer(database, { email: `race${i}@example.cn` });
      const r = await queue(database, {
        customerId: c.id, channel: 'email', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id,
        variables: { amountDueFen: 500, dueDate: '2026-12-15' }, idempotencyKey: `race-${i}`, at: T0,
      });
      if (r.status === 'queued') more.push(r.messageId);
    }
    const before = smtp.messages.length;
    const now = new Date(T0.getTime() + 20 * LEASE_MS).toISOString();
    const [a, b] = [startChild({ ...env(), MODE: 'run', NOW: now }), startChild({ ...env(), MODE: 'run', NOW: now })];
    const results = await Promise.all([a.exited, b.exited]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const sent = results.map((r) => JSON.parse(r.stdout).sent as number);
    expect(sent[0]! + sent[1]!).toBe(12);
    await smtp.waitFor(before + 12);
    const raceIds = smtp.messages.slice(before).map((m) => m.parsed.messageId);
    expect(new Set(raceIds).size).toBe(12);
    expect(raceIds.sort()).toEqual(more.map((id) => `<${id}@bank.example>`).sort());
  }, 120_000);
});
