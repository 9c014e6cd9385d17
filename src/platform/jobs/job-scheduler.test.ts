import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { describeEachDatabase, TEST_DATA_KEY } from '../../../test/support/databases.ts';
import { loadConfig } from '../config/config.ts';
import { createPersonalDataCipher } from '../crypto/personal-data-cipher.ts';
import { silentLogger } from '../logging/logger.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Database } from '../db/client.ts';
import { createJobScheduler, defineJob, type JobScheduler } from './index.ts';
import { isScript as isScriptForTest } from './pg-boss-db.ts';

function depsFor(database: Database): AppDeps {
  return { config: loadConfig({}), database, cipher: createPersonalDataCipher(TEST_DATA_KEY), log: silentLogger, now: () => new Date() };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('isScript', () => {
  it.each([
    ['SELECT 1', false],
    ['SELECT 1;', false],
    ['  SELECT 1 ;\n ', false],
    ['BEGIN; SELECT 1; COMMIT;', true],
    ['CREATE SCHEMA x;\nCREATE TABLE x.t (id int)', true],
  ])('%j → %s', (text, expected) => expect(isScriptForTest(text)).toBe(expected));
});

describeEachDatabase('job scheduler on pg-boss', (getDb) => {
  const deliveries: Array<{ name: string; data: unknown; jobId: string; retryCount: number }> = [];
  let jobs: JobScheduler;

  beforeAll(async () => {
    const record = (name: string) => async (_deps: AppDeps, data: object, ctx: { jobId: string; retryCount: number }) => {
      deliveries.push({ name, data, jobId: ctx.jobId, retryCount: ctx.retryCount });
      return { seen: data };
    };
    jobs = createJobScheduler(depsFor(getDb()), [
      defineJob({ name: 'test.on-demand', description: 'on demand', handler: record('test.on-demand') }),
      // Every minute: pg-boss fires a schedule whose last tick was under 60 s ago, so it fires at start.
      defineJob({ name: 'test.every-minute', description: 'cron', cron: '* * * * *', timeZone: 'Asia/Shanghai', handler: record('test.every-minute') }),
      defineJob({ name: 'test.failing', description: 'fails', retryLimit: 0, handler: async () => { throw new Error('boom 故障'); } }),
    ], { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, stopTimeoutMs: 2000 });
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop();
  }, 30_000);

  it('enqueues without workers: the job waits, state "created", until a worker starts', async () => {
    const id = await jobs.enqueue('test.on-demand', { asOf: '2026-11-26' });
    expect(jobs.workersRunning).toBe(false);
    expect((await jobs.job(id))?.state).toBe('created');
    expect(deliveries).toHaveLength(0);

    await jobs.start();
    expect(jobs.workersRunning).toBe(true);
    const done = await waitFor('the job to complete', async () => {
      const j = await jobs.job(id);
      return j?.state === 'completed' ? j : null;
    });
    expect(done.output).toEqual({ seen: { asOf: '2026-11-26' } });
    // Give the worker a few more polls: a job is delivered once, not once per poll.
    await new Promise((r) => setTimeout(r, 1500));
    expect(deliveries.filter((d) => d.jobId === id)).toEqual([{ name: 'test.on-demand', data: { asOf: '2026-11-26' }, jobId: id, retryCount: 0 }]);
  }, 60_000);

  it('a scheduled (cron) job fires by itself', async () => {
    const fired = await waitFor('the cron job to run', () => deliveries.find((d) => d.name === 'test.every-minute'));
    expect(fired.data).toEqual({});
    const [status] = (await jobs.status()).filter((s) => s.name === 'test.every-minute');
    expect(status).toMatchObject({ cron: '* * * * *', timeZone: 'Asia/Shanghai' });
    expect(status!.lastJob?.id).toBe(fired.jobId);
    // Next firing: the start of a coming minute.
    expect(new Date(status!.nextRunAt!).getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(status!.nextRunAt!.endsWith(':00.000Z')).toBe(true);
  }, 60_000);

  it('a job enqueued in a transaction that rolls back is never run', async () => {
    const before = deliveries.length;
    let id = '';
    await expect(jobs.enqueue('test.on-demand', { rolledBack: true }, {
      alongside: async (tx, jobId) => {
        id = jobId;
        await tx.query('SELECT 1');
        throw new Error('abort the transaction');
      },
    })).rejects.toThrow('abort the transaction');
    expect(id).not.toBe('');
    expect(await jobs.job(id)).toBeNull();
    const committed = await jobs.enqueue('test.on-demand', { committed: true }, { alongside: async (tx) => void (await tx.query('SELECT 1')) });
    await waitFor('the committed job', async () => (await jobs.job(committed))?.state === 'completed');
    // Only this test's job name: the every-minute cron job may fire while it waits.
    const onDemand = deliveries.slice(before).filter((d) => d.name === 'test.on-demand');
    expect(onDemand.map((d) => d.data)).toEqual([{ committed: true }]);
  }, 60_000);

  it('a failing job is marked failed with its error; a job without a cron has no next run', async () => {
    const id = await jobs.enqueue('test.failing');
    const failed = await waitFor('the job to fail', async () => {
      const j = await jobs.job(id);
      return j?.state === 'failed' ? j : null;
    });
    expect(failed.output).toEqual({ error: 'boom 故障' }); // the message, not the stack
    const status = (await jobs.status()).find((s) => s.name === 'test.failing');
    expect(status).toMatchObject({ cron: null, nextRunAt: null, lastJob: { id, state: 'failed' } });
  }, 60_000);

  it('stops cleanly: no more deliveries after stop, and it can start again', async () => {
    await jobs.stop();
    expect(jobs.workersRunning).toBe(false);
    const id = await jobs.enqueue('test.on-demand', { afterStop: true });
    await new Promise((r) => setTimeout(r, 1500));
    expect(deliveries.some((d) => d.jobId === id)).toBe(false);
    await jobs.start();
    await waitFor('the job after restart', async () => (await jobs.job(id))?.state === 'completed');
  }, 60_000);
});
