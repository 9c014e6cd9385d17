/** Scheduled and on-demand jobs on pg-boss. See ./README.md. */
export { defineJob, type JobDefinition, type JobContext } from './define-job.ts';
export {
  createJobScheduler, PG_BOSS_SCHEMA,
  type JobScheduler, type JobSchedulerOptions, type JobRecord, type JobState, type ScheduledJobStatus,
} from './job-scheduler.ts';
export { pgBossDb, pgBossTransactionDb } from './pg-boss-db.ts';
export { jobsRoutes } from './jobs.routes.ts';
export { JobRecordSchema, ScheduledJobSchema, JobScheduleList } from './jobs.contract.ts';
