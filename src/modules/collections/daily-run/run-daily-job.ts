/**
 * The daily collections run as a scheduled job (issue 5: "the same as a scheduled job on a
 * PostgreSQL-backed job queue"). Fires on DAILY_RUN_CRON (default 02:00 Asia/Shanghai) for today,
 * or on demand (POST /api/jobs/daily-run) for a given as-of date.
 *
 * pg-boss delivers at least once: a worker killed mid-run, an expiry or a retry delivers the same
 * job again. That is harmless because the run itself is idempotent per as-of date (whole batches
 * per transaction, ON CONFLICT DO NOTHING, idempotent message keys — see ./README.md): the second
 * delivery finishes what the first left and creates nothing twice.
 */
import type { AppDeps } from '../../../platform/app-deps.ts';
import { defineJob, type JobContext } from '../../../platform/jobs/index.ts';
import { isValidCalendarDate, todayInZone, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { ensureDefaultTemplates } from '../../communications/index.ts';
import { runDailyCollections, type DailyRunProgress, type DailyRunSummary } from './run-daily-collections.ts';
import { loadStrategyPlan } from '../strategy-store/experiments.ts';
import { enforceGuardrails } from '../strategy-store/experiment-report.ts';

export const DAILY_RUN_JOB = 'collections.daily-run';

export type DailyRunJobData = { asOf?: CalendarDate };

const PROGRESS_LOG_EVERY_MS = 5000;

/**
 * The one place the scheduled run decides HOW to run: the stored active strategy and, while an
 * experiment runs, its challenger (loadStrategyPlan); after the run the champion/challenger
 * guardrails, which stop a challenger that draws complaints or opt-outs so the next run treats
 * everyone with the champion. The job, the on-demand route and their tests all pick it up.
 */
export async function runScheduledDailyCollections(
  deps: AppDeps,
  asOf: CalendarDate,
  onProgress?: (p: DailyRunProgress) => void,
  options: { batchSize?: number } = {},
): Promise<ScheduledDailyRun> {
  // Reminders need the default templates; the server ensures them at start, a CLI run or a job
  // on a fresh database may come first.
  await ensureDefaultTemplates(deps.database.sql, deps.now());
  const plan = await loadStrategyPlan(deps.database, deps.now());
  const summary = await runDailyCollections(deps, { asOf, onProgress, batchSize: options.batchSize, ...plan });
  const guardrail = await enforceGuardrails(deps, asOf);
  return { ...summary, plan, guardrail };
}

export type ScheduledDailyRun = DailyRunSummary & {
  plan: Awaited<ReturnType<typeof loadStrategyPlan>>;
  guardrail: Awaited<ReturnType<typeof enforceGuardrails>>;
};

/** The as-of date of a delivered job: the date it carries, else today in the default time zone. */
export function dailyRunAsOf(deps: Pick<AppDeps, 'now' | 'config'>, data: DailyRunJobData): CalendarDate {
  if (data.asOf === undefined) return todayInZone(deps.now(), deps.config.defaultTimeZone);
  if (!isValidCalendarDate(data.asOf)) throw new RangeError(`daily-run job: asOf must be a real date YYYY-MM-DD, got ${JSON.stringify(data.asOf)}`);
  return data.asOf;
}

export async function handleDailyRunJob(deps: AppDeps, data: DailyRunJobData, ctx: JobContext) {
  const asOf = dailyRunAsOf(deps, data);
  const summary = await runScheduledDailyCollections(deps, asOf, progressLogger(ctx, asOf));
  ctx.log.info('daily run finished', { jobId: ctx.jobId, runId: summary.runId, asOf, execution: summary.execution, durationMs: summary.durationMs, ...summary.counts });
  // Stored by pg-boss as the job's output (GET /api/jobs shows it as the last job's result).
  return { runId: summary.runId, asOf, execution: summary.execution, durationMs: summary.durationMs, counts: summary.counts };
}

/** The job definition; `cron` null = on demand only. */
export function dailyRunJob(cron: string | null) {
  return defineJob<DailyRunJobData>({
    name: DAILY_RUN_JOB,
    description: 'Daily collections run 贷后日批: days past due, cases, promises to pay, the day\'s actions',
    ...(cron ? { cron } : {}),
    handler: handleDailyRunJob,
    // Two runs of the same portfolio must not overlap (the run serialises batches, but they would
    // race for the same cases); a second request waits for the first to finish.
    policy: 'singleton',
    // 1,000,000 loans take ~35 s on 2 cores; an hour leaves room before pg-boss calls it stuck.
    expireInSeconds: 60 * 60,
    retryLimit: 2,
  });
}

/** Progress in the log: every phase change and every few seconds within a phase. */
function progressLogger(ctx: JobContext, asOf: CalendarDate) {
  let phase: DailyRunProgress['phase'] | null = null;
  let last = 0;
  return (p: DailyRunProgress) => {
    const now = Date.now();
    if (p.phase === phase && now - last < PROGRESS_LOG_EVERY_MS) return;
    phase = p.phase;
    last = now;
    ctx.log.info('daily run progress', { jobId: ctx.jobId, asOf, phase: p.phase, done: p.done, total: p.total });
  };
}
