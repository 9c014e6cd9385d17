import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { buildTestApp } from '../../test/support/test-app.ts';
import { buildBranch, buildIndividual } from '../../test/support/factories.ts';
import { createStaffUser } from '../../test/support/sessions.ts';
import { loadConfig } from '../platform/config/config.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { createJobScheduler, type JobScheduler } from '../platform/jobs/index.ts';
import { ensureDefaultTemplates } from '../modules/communications/index.ts';
import { openComplaint } from '../modules/complaints/use-cases/open-complaint.ts';
import { DAILY_RUN_JOB } from '../modules/collections/daily-run/run-daily-job.ts';
import { appJobDefinitions, COMPLAINT_DEADLINE_WATCH_JOB } from './app-jobs.ts';

describe('the job registry', () => {
  it('runs the daily run at 02:00 in the default zone and the complaint deadline watch every 15 minutes', () => {
    const jobs = appJobDefinitions(loadConfig({}));
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([
      [DAILY_RUN_JOB, '0 2 * * *'],
      [COMPLAINT_DEADLINE_WATCH_JOB, '*/15 * * * *'],
    ]);
  });

  it('takes the daily-run time from DAILY_RUN_CRON and refuses a bad cron at start', () => {
    expect(appJobDefinitions(loadConfig({ DAILY_RUN_CRON: '30 1 * * 1-5' }))[0]!.cron).toBe('30 1 * * 1-5');
    expect(() => loadConfig({ DAILY_RUN_CRON: 'every night' })).toThrow(/DAILY_RUN_CRON/);
    expect(() => loadConfig({ DAILY_RUN_CRON: '0 2 * *' })).toThrow(/DAILY_RUN_CRON/);
  });

  it('LOANDESK_JOBS switches the workers off (default on)', () => {
    expect(loadConfig({}).jobs.enabled).toBe(true);
    expect(loadConfig({ LOANDESK_JOBS: 'off' }).jobs.enabled).toBe(false);
    expect(() => loadConfig({ LOANDESK_JOBS: 'maybe' })).toThrow(/LOANDESK_JOBS/);
  });
});

describeEachDatabase('complaint deadline watch as a job', (getDb) => {
  let jobs: JobScheduler;
  let complaintId: string;
  let deps: ReturnType<typeof buildTestApp>['deps'];
  const NOW = new Date('2026-11-26T02:00:00Z');

  beforeAll(async () => {
    const db = getDb();
    await buildBranch(db);
    await ensureDefaultTemplates(db.sql, new Date('2026-01-01T00:00:00Z'));
    await createStaffUser(db, { role: 'supervisor' });
    const customer = await buildIndividual(db, { name: '张伟' });
    ({ deps } = buildTestApp(db, { now: NOW }));
    // Received two days ago and never handled: the 24-hour first-handling limit is breached.
    ({ complaintId } = await openComplaint(deps, systemActor('test'), {
      customerId: customer.id, channel: 'phone', description: '催收人员多次在夜间打电话，态度恶劣', receivedAt: new Date(NOW.getTime() - 48 * 3600_000),
    }));
    // Without their crons: the 15-minute schedule firing during the test would race the runs asserted here.
    const onDemand = appJobDefinitions(deps.config).map(({ cron: _cron, ...job }) => job);
    jobs = createJobScheduler(deps, onDemand, { pollingIntervalSeconds: 0.5 });
    await jobs.start();
  }, 120_000);

  afterAll(async () => {
    await jobs?.stop();
  }, 60_000);

  it('the job runs watchComplaintDeadlines: the breach is raised once, also when the job runs again', async () => {
    const runOnce = async () => {
      const id = await jobs.enqueue(COMPLAINT_DEADLINE_WATCH_JOB);
      for (let i = 0; i < 150; i++) {
        const job = await jobs.job(id);
        if (job?.state === 'completed') return job;
        if (job?.state === 'failed') throw new Error(`job failed: ${JSON.stringify(job.output)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('job did not complete');
    };
    const first = await runOnce();
    expect(first.output).toMatchObject({ breaches: expect.any(Number) });
    expect((first.output as { breaches: number }).breaches).toBeGreaterThanOrEqual(1);
    const alerts = async () => (await getDb().sql.query<{ kind: string; clock: string }>(
      `SELECT kind, clock FROM complaint_deadline_alerts WHERE complaint_id = $1 ORDER BY clock, kind`, [complaintId])).rows;
    const raised = await alerts();
    expect(raised).toContainEqual({ kind: 'breach', clock: 'first-handling' });

    const second = await runOnce();
    expect(second.output).toMatchObject({ breaches: 0, warnings: 0 });
    expect(await alerts()).toEqual(raised);
  }, 90_000);

  /** The daily run alone, scheduled every minute, with a cron clock that looks every second. */
  const everyMinute = () => {
    const config = { ...deps.config, jobs: { ...deps.config.jobs, dailyRunCron: '* * * * *' } };
    return createJobScheduler({ ...deps, config }, appJobDefinitions(config).filter((j) => j.name === DAILY_RUN_JOB), {
      pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1,
    });
  };

  it('with fireSchedules off (tests running jobs on demand), the schedule is listed but does not fire', async () => {
    await jobs.stop();
    const scheduled = everyMinute();
    await scheduled.start({ fireSchedules: false });
    try {
      // Three times as long as the schedule below takes to fire with the clock on (1.3–2.3 s).
      await new Promise((r) => setTimeout(r, 6_000));
      expect((await getDb().sql.query(`SELECT 1 FROM collection_runs`)).rows).toHaveLength(0);
      const [status] = await scheduled.status();
      expect(status).toMatchObject({ name: DAILY_RUN_JOB, cron: '* * * * *', lastJob: null });
    } finally {
      await scheduled.stop();
    }
  }, 60_000);

  it('with DAILY_RUN_CRON every minute, the scheduled daily run fires by itself for today in Beijing', async () => {
    await jobs.stop();
    const scheduled = everyMinute();
    await scheduled.start();
    try {
      let run: { as_of: string; status: string } | undefined;
      for (let i = 0; i < 150 && run?.status !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        ({ rows: [run] } = await getDb().sql.query<{ as_of: string; status: string }>(`SELECT as_of::text AS as_of, status FROM collection_runs`));
      }
      expect(run).toEqual({ as_of: '2026-11-26', status: 'completed' });
      const [status] = await scheduled.status();
      expect(status).toMatchObject({ name: DAILY_RUN_JOB, cron: '* * * * *', lastJob: { state: 'completed', data: {} } });
    } finally {
      await scheduled.stop();
    }
  }, 90_000);
});
