/**
 * Scheduled and on-demand jobs on pg-boss (PostgreSQL-backed: jobs, schedules and their history are
 * rows in the `pgboss` schema of our own database, on PGlite and on PostgreSQL). See ./README.md and
 * docs/decisions/0006-job-queue.md.
 *
 * Two modes, so the API can enqueue from any process without running workers there:
 *  - send: pg-boss started without maintenance or cron (enqueue, read state) — opened lazily;
 *  - work: `start()` — also maintenance, the cron clock and one worker per job (server start,
 *    unless LOANDESK_JOBS=off).
 */
import PgBoss from 'pg-boss';
import cronParser from 'cron-parser';
import type { AppDeps } from '../app-deps.ts';
import type { SqlExecutor } from '../db/client.ts';
import type { JobDefinition } from './define-job.ts';
import { pgBossDb, pgBossTransactionDb } from './pg-boss-db.ts';

export const PG_BOSS_SCHEMA = 'pgboss';

export type JobSchedulerOptions = {
  /** Seconds between queue polls of each worker (default 2; minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** Seconds between looks at the cron schedules (default 30). Tests use 1. */
  cronMonitorIntervalSeconds?: number;
  /** Seconds between polls of pg-boss's internal "send it" queue for due schedules (default 5). */
  cronWorkerIntervalSeconds?: number;
  /** How long `stop()` waits for running jobs before failing them (pg-boss retries them later); default 30 s. */
  stopTimeoutMs?: number;
};

export type JobWorkOptions = {
  /**
   * Whether this process's cron clock fires the schedules (default true; the schedules are stored
   * and listed either way). Tests that start the workers to run jobs on demand turn it off: a
   * schedule falling due meanwhile (the daily run, 18:00 UTC) would add to what they count.
   */
  fireSchedules?: boolean;
};

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export type JobRecord = {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retryCount: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** What the handler returned, or the error pg-boss stored for a failed job. */
  output: unknown;
};

export type ScheduledJobStatus = {
  name: string;
  description: string;
  cron: string | null;
  timeZone: string | null;
  nextRunAt: string | null;
  lastJob: JobRecord | null;
};

export type JobScheduler = {
  readonly jobs: readonly JobDefinition[];
  /** True between `start()` and `stop()`: this process runs the workers and the cron clock. */
  readonly workersRunning: boolean;
  start(work?: JobWorkOptions): Promise<void>;
  stop(): Promise<void>;
  /**
   * Enqueues a job and returns its id. With `alongside`, the job row and whatever `alongside` writes
   * (its audit event) are one transaction: both commit or neither.
   */
  enqueue(name: string, data?: object, options?: { alongside?: (tx: SqlExecutor, jobId: string) => Promise<void>; singletonKey?: string }): Promise<string>;
  /** A job by id (null when unknown; completed jobs move to the archive after 12 h and are found there). */
  job(id: string): Promise<JobRecord | null>;
  /** Every registered job: its schedule, next run and the last job of its queue. */
  status(now?: Date): Promise<ScheduledJobStatus[]>;
};

export function createJobScheduler(deps: AppDeps, jobs: readonly JobDefinition[], options: JobSchedulerOptions = {}): JobScheduler {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  if (byName.size !== jobs.length) throw new Error('createJobScheduler: two jobs share a name');
  const zoneOf = (j: JobDefinition) => j.timeZone ?? deps.config.defaultTimeZone;
  for (const j of jobs) if (j.cron) cronParser.parseExpression(j.cron, { tz: zoneOf(j) }); // a bad cron fails at start, named

  let boss: PgBoss | null = null;
  let mode: 'send' | 'work' | null = null;
  let opening: Promise<PgBoss> | null = null;
  let working = false;

  async function open(wanted: 'send' | 'work', fireSchedules = true): Promise<PgBoss> {
    while (opening) await opening.catch(() => undefined);
    if (boss && (wanted === 'send' || mode === 'work')) return boss;
    opening = (async () => {
      if (boss) await closeBoss(); // a send-only instance is replaced by a working one
      const work = wanted === 'work';
      const instance = new PgBoss({
        db: pgBossDb(deps.database),
        schema: PG_BOSS_SCHEMA,
        migrate: true,
        supervise: work,
        schedule: work && fireSchedules,
        ...(options.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds } : {}),
        ...(options.cronWorkerIntervalSeconds ? { cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds } : {}),
      });
      instance.on('error', (err) => deps.log.error('job queue error', { error: err instanceof Error ? err.message : String(err) }));
      await instance.start();
      for (const j of jobs) {
        const queue: PgBoss.Queue = {
          name: j.name,
          policy: j.policy ?? 'standard',
          retryLimit: j.retryLimit ?? 2,
          retryDelay: 60,
          retryBackoff: true,
          expireInSeconds: j.expireInSeconds ?? 15 * 60,
        };
        await instance.createQueue(j.name, queue); // no-op when it exists…
        await instance.updateQueue(j.name, queue); // …so settings changed since are applied here
      }
      boss = instance;
      mode = wanted;
      return instance;
    })();
    try {
      return await opening;
    } finally {
      opening = null;
    }
  }

  async function closeBoss() {
    const b = boss;
    boss = null;
    mode = null;
    working = false;
    if (b) await b.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 30_000 });
  }

  async function runOne(job: JobDefinition, delivered: PgBoss.JobWithMetadata<object>) {
    const started = performance.now();
    const ctx = { jobId: delivered.id, retryCount: delivered.retryCount, log: deps.log };
    deps.log.info('job started', { job: job.name, jobId: delivered.id, retry: delivered.retryCount });
    try {
      const output = await job.handler(deps, (delivered.data ?? {}) as Record<string, unknown>, ctx);
      deps.log.info('job completed', { job: job.name, jobId: delivered.id, durationMs: Math.round(performance.now() - started) });
      return output;
    } catch (err) {
      deps.log.error('job failed', { job: job.name, jobId: delivered.id, error: err instanceof Error ? err.message : String(err) });
      throw err; // pg-boss marks it failed and retries it (retryLimit)
    }
  }

  async function readJob(where: string, params: unknown[]): Promise<JobRecord | null> {
    const { rows } = await deps.database.sql.query<Record<string, unknown>>(
      `SELECT id, name, state, data, retry_count, created_on, started_on, completed_on, output FROM (
         SELECT id, name, state, data, retry_count, created_on, started_on, completed_on, output FROM ${PG_BOSS_SCHEMA}.job WHERE ${where}
         UNION ALL
         SELECT id, name, state, data, retry_count, created_on, started_on, completed_on, output FROM ${PG_BOSS_SCHEMA}.archive WHERE ${where}
       ) j ORDER BY created_on DESC LIMIT 1`,
      params,
    );
    const r = rows[0];
    if (!r) return null;
    const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
    return {
      id: String(r.id), name: String(r.name), state: r.state as JobState, data: r.data ?? null, retryCount: Number(r.retry_count),
      createdAt: iso(r.created_on)!, startedAt: iso(r.started_on), completedAt: iso(r.completed_on), output: publicOutput(r.state as JobState, r.output),
    };
  }

  return {
    jobs,
    get workersRunning() {
      return working;
    },

    async start(work = {}) {
      if (working) return;
      const b = await open('work', work.fireSchedules ?? true);
      // The registry is the truth: drop schedules of jobs removed or no longer on a cron.
      for (const s of await b.getSchedules()) if (!byName.get(s.name)?.cron) await b.unschedule(s.name);
      for (const j of jobs) {
        if (j.cron) await b.schedule(j.name, j.cron, {}, { tz: zoneOf(j) });
        await b.work(j.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true }, async ([delivered]) =>
          runOne(j, delivered as PgBoss.JobWithMetadata<object>),
        );
      }
      working = true;
      deps.log.info('jobs started', { jobs: jobs.map((j) => (j.cron ? `${j.name} (${j.cron} ${zoneOf(j)})` : j.name)) });
    },

    async stop() {
      if (opening) await opening.catch(() => undefined);
      await closeBoss();
    },

    async enqueue(name, data = {}, opts = {}) {
      if (!byName.has(name)) throw new Error(`enqueue: no job named "${name}"`);
      // Opened BEFORE any transaction: on PGlite (one session) opening inside one would wait for itself.
      const b = await open('send');
      const send = async (tx?: SqlExecutor) => {
        const id = await b.send(name, data, {
          ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
          ...(tx ? { db: pgBossTransactionDb(tx) } : {}),
        });
        if (!id) throw new Error(`enqueue: pg-boss refused job "${name}" (an identical singleton job is already queued)`);
        return id;
      };
      const alongside = opts.alongside;
      if (!alongside) return send();
      return deps.database.transaction(async (tx) => {
        const id = await send(tx);
        await alongside(tx, id);
        return id;
      });
    },

    async job(id) {
      await open('send');
      return readJob('id = $1::uuid', [id]);
    },

    async status(now = new Date()) {
      await open('send');
      const out: ScheduledJobStatus[] = [];
      for (const j of jobs) {
        const next = j.cron ? cronParser.parseExpression(j.cron, { tz: zoneOf(j), currentDate: now }).next().toDate().toISOString() : null;
        out.push({
          name: j.name, description: j.description, cron: j.cron ?? null, timeZone: j.cron ? zoneOf(j) : null,
          nextRunAt: next, lastJob: await readJob('name = $1', [j.name]),
        });
      }
      return out;
    },
  };
}

/** A failed job's output is pg-boss's serialised error: keep its message, never the stack (no internals to API users). */
function publicOutput(state: JobState, output: unknown): unknown {
  if (output == null) return null;
  if ((state === 'failed' || state === 'retry') && typeof output === 'object' && 'message' in output) {
    return { error: String((output as { message: unknown }).message) };
  }
  return output;
}
