import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildTestApp } from '../../../../test/support/test-app.ts';
import { signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture } from '../../communications/communications.test-support.ts';
import { appJobs } from '../../../server/app-jobs.ts';
import { loadConfig } from '../../../platform/config/config.ts';
import type { Database } from '../../../platform/db/client.ts';
import { dailyRunAsOf, DAILY_RUN_JOB } from './run-daily-job.ts';

const count = async (database: Database, sql: string, params: unknown[] = []) =>
  Number((await database.sql.query<{ n: number }>(sql, params)).rows[0]!.n);

async function waitForJob(client: SignedInClient, jobId: string, state: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.request(`/api/jobs/${jobId}`);
    if (res.status === 200 && res.body.state === state) return res.body;
    if (res.status === 200 && res.body.state === 'failed') throw new Error(`job failed: ${JSON.stringify(res.body.output)}`);
    if (Date.now() > until) throw new Error(`job ${jobId} not ${state} in time: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('dailyRunAsOf', () => {
  const config = loadConfig({});
  it.each([
    ['2026-11-26T15:59:59Z', undefined, '2026-11-26'], // 23:59:59 in Beijing
    ['2026-11-26T16:00:00Z', undefined, '2026-11-27'], // midnight in Beijing: already the 27th
    ['2026-11-26T18:00:00Z', undefined, '2026-11-27'], // the scheduled 02:00 run
    ['2026-11-26T18:00:00Z', '2026-11-20', '2026-11-20'], // a date in the job data wins
  ])('at %s with asOf %s → %s', (now, asOf, expected) => {
    expect(dailyRunAsOf({ now: () => new Date(now), config }, asOf ? { asOf } : {})).toBe(expected);
  });
  it('refuses an impossible date in the job data', () => {
    expect(() => dailyRunAsOf({ now: () => new Date(), config }, { asOf: '2026-02-30' })).toThrow(RangeError);
  });
});

describeEachDatabase('daily run as a job: on demand, records, schedule', (getDb) => {
  let api: ReturnType<typeof buildTestApp>;
  let supervisor: SignedInClient;
  let riskOfficer: SignedInClient;
  let collector: SignedInClient;

  beforeAll(async () => {
    const db = getDb();
    ({ api } = await hubFixture(db)); // branch, default templates; clock 2026-11-26 10:00 Beijing
    for (let i = 0; i < 3; i++) await buildContactableCustomer(db); // each with a loan unpaid since February
    supervisor = await signInAs(api, db, { role: 'supervisor' });
    riskOfficer = await signInAs(api, db, { role: 'risk-officer' });
    collector = await signInAs(api, db, { role: 'collector' });
  }, 120_000);

  afterAll(async () => {
    await appJobs(api.deps).stop();
  }, 60_000);

  it('who may see and start runs follows jobs.read / jobs.run', async () => {
    expect((await collector.request('/api/collections/runs')).status).toBe(403);
    expect((await collector.request('/api/jobs')).status).toBe(403);
    expect((await riskOfficer.request('/api/collections/runs')).status).toBe(200);
    expect((await riskOfficer.request('/api/jobs/daily-run', { json: { asOf: '2026-11-26' } })).status).toBe(403);
  });

  it('a supervisor queues a run (202, audited); the worker runs it and the record shows its counts', async () => {
    const queued = await supervisor.request('/api/jobs/daily-run', { json: { asOf: '2026-11-26' } });
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ jobId: expect.any(String), asOf: '2026-11-26' });
    const { jobId } = queued.body;
    // Queued, not yet run: no worker in this process until start().
    expect((await supervisor.request(`/api/jobs/${jobId}`)).body).toMatchObject({ state: 'created', data: { asOf: '2026-11-26' } });
    const audit = await getDb().sql.query<{ actor_id: string; after: any }>(`SELECT actor_id, after FROM audit_events WHERE action = 'jobs.run-requested' AND entity_id = $1`, [jobId]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_id).toBe(`staff:${supervisor.userId}`);
    expect(audit.rows[0]!.after).toMatchObject({ job: DAILY_RUN_JOB, data: { asOf: '2026-11-26' } });

    // The schedules are listed but not fired: the daily run's 18:00 UTC would add an execution here.
    await appJobs(api.deps).start({ fireSchedules: false });
    const done = await waitForJob(supervisor, jobId, 'completed');
    expect(done.output).toMatchObject({ asOf: '2026-11-26', execution: 1, counts: { delinquentLoans: 3, casesOpened: 3 } });

    const runs = await supervisor.request('/api/collections/runs');
    expect(runs.status).toBe(200);
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.items[0]).toMatchObject({
      asOf: '2026-11-26', status: 'completed', executions: 1, delinquentLoans: 3, casesOpened: 3, casesClosed: 0, casesEvaluated: 3, error: null,
    });
    expect(runs.body.items[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(runs.body.items[0].actionsCreated).toBeGreaterThan(0);
  }, 90_000);

  it('the same date delivered again through the job creates nothing new; the record counts two executions', async () => {
    const db = getDb();
    const before = {
      cases: await count(db, 'SELECT count(*) AS n FROM collection_cases'),
      actions: await count(db, 'SELECT count(*) AS n FROM collection_actions'),
      messages: await count(db, 'SELECT count(*) AS n FROM outbox_messages'),
    };
    expect(before.actions).toBeGreaterThan(0);
    const again = await supervisor.request('/api/jobs/daily-run', { json: { asOf: '2026-11-26' } });
    expect(again.status).toBe(202);
    const done = await waitForJob(supervisor, again.body.jobId, 'completed');
    expect(done.output).toMatchObject({ execution: 2, counts: { casesOpened: 0, actionsCreated: 0, messagesQueued: 0 } });
    expect({
      cases: await count(db, 'SELECT count(*) AS n FROM collection_cases'),
      actions: await count(db, 'SELECT count(*) AS n FROM collection_actions'),
      messages: await count(db, 'SELECT count(*) AS n FROM outbox_messages'),
    }).toEqual(before);
    const [record] = (await supervisor.request('/api/collections/runs')).body.items;
    expect(record).toMatchObject({ asOf: '2026-11-26', executions: 2, status: 'completed', casesOpened: 3 });
  }, 90_000);

  it('refuses a future date, an impossible date, and a date before the latest run', async () => {
    const future = await supervisor.request('/api/jobs/daily-run', { json: { asOf: '2026-11-27' } });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'asOf', code: 'future_date' })]);
    const impossible = await supervisor.request('/api/jobs/daily-run', { json: { asOf: '2026-02-30' } });
    expect(impossible.status).toBe(422);
    expect(impossible.body.errors[0].field).toBe('asOf');
    const backfill = await supervisor.request('/api/jobs/daily-run', { json: { asOf: '2026-11-25' } });
    expect(backfill.status).toBe(409);
    expect(backfill.body.detailZh).toContain('2026-11-26');
  });

  it('lists the schedule: the daily run at 02:00 Beijing, its next run and its last job', async () => {
    const res = await riskOfficer.request('/api/jobs');
    expect(res.status).toBe(200);
    expect(res.body.workersRunning).toBe(true);
    expect(res.body.today).toBe('2026-11-26');
    const daily = res.body.items.find((j: any) => j.name === DAILY_RUN_JOB);
    expect(daily).toMatchObject({ cron: '0 2 * * *', timeZone: 'Asia/Shanghai', lastJob: { state: 'completed', data: { asOf: '2026-11-26' } } });
    expect(daily.nextRunAt).toMatch(/T18:00:00\.000Z$/); // 02:00 in Beijing is 18:00 UTC the day before
    expect(new Date(daily.nextRunAt).getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });
});
