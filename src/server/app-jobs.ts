/**
 * The job registry: every scheduled or on-demand job of the application, one line each. The
 * scheduler is one per database (the server's routes enqueue through it; main.ts starts its workers
 * unless LOANDESK_JOBS=off). Lives beside create-app because, like the routers, jobs come from modules.
 */
import type { AppDeps } from '../platform/app-deps.ts';
import type { Database } from '../platform/db/client.ts';
import { createJobScheduler, defineJob, type JobDefinition, type JobScheduler, type JobSchedulerOptions } from '../platform/jobs/index.ts';
import { dailyRunJob } from '../modules/collections/daily-run/run-daily-job.ts';
import { watchComplaintDeadlines } from '../modules/complaints/deadlines/watch-complaint-deadlines.ts';

export const COMPLAINT_DEADLINE_WATCH_JOB = 'complaints.deadline-watch';

export function appJobDefinitions(config: AppDeps['config']): JobDefinition[] {
  return [
    dailyRunJob(config.jobs.dailyRunCron),
    // Warnings before complaint time limits, escalation on breach (issue 6); idempotent per alert.
    defineJob({ name: COMPLAINT_DEADLINE_WATCH_JOB, cron: '*/15 * * * *', description: 'Complaint deadline watch 投诉时限预警：到期前提醒，超时升级主管', policy: 'singleton', expireInSeconds: 10 * 60, retryLimit: 0, handler: (deps) => watchComplaintDeadlines(deps) }),
  ];
}

const schedulers = new WeakMap<Database, JobScheduler>();

/** The application's scheduler for this database (created on first use; opens nothing until used). */
export function appJobs(deps: AppDeps, options?: JobSchedulerOptions): JobScheduler {
  let scheduler = schedulers.get(deps.database);
  if (!scheduler) {
    scheduler = createJobScheduler(deps, appJobDefinitions(deps.config), options);
    schedulers.set(deps.database, scheduler);
  }
  return scheduler;
}
