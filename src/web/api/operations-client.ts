/** Scheduled jobs (作业调度) and the daily collections run's records. */
import { request, withQuery } from './client.ts';
import type { CollectionRunList, DailyRunQueued, DailyRunRequest, JobRecord, JobScheduleList } from './operations-types.ts';

/** GET /api/jobs — every registered job: cron, next run, last job; whether this server runs the workers. */
export const listJobs = (signal?: AbortSignal) => request<JobScheduleList>('GET', '/api/jobs', { signal });

/** GET /api/jobs/{jobId} — one job's state and result. */
export const getJob = (jobId: string, signal?: AbortSignal) => request<JobRecord>('GET', `/api/jobs/${encodeURIComponent(jobId)}`, { signal });

/** GET /api/collections/runs — daily-run records, newest as-of date first. */
export const listCollectionRuns = (limit = 60, signal?: AbortSignal) =>
  request<CollectionRunList>('GET', withQuery('/api/collections/runs', { limit }), { signal });

/** POST /api/jobs/daily-run — 202 with the job id; 422 for a future date, 409 for a date before the latest run. */
export const startDailyRun = (body: DailyRunRequest) => request<DailyRunQueued>('POST', '/api/jobs/daily-run', { body });
