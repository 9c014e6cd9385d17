/**
 * Daily-run records and on-demand runs in the console (issue 5: "a run record with counts and
 * duration in the console"). The runs themselves are executed by the job worker (run-daily-job.ts);
 * these routes only read the records and enqueue.
 */
import { z } from '@hono/zod-openapi';
import { desc, max } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, jsonResponse, standardProblems } from '../../../platform/http/problem-responses.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import type { JobScheduler } from '../../../platform/jobs/index.ts';
import { compareDates, isValidCalendarDate, todayInZone } from '../../../platform/time/calendar-date.ts';
import { collectionRuns, COLLECTION_RUN_STATUSES } from './daily-run.schema.ts';
import { DAILY_RUN_JOB } from './run-daily-job.ts';

export const CollectionRunSchema = z
  .object({
    id: z.uuid(),
    asOf: z.string(),
    strategyId: z.string(),
    strategyVersion: z.number().int(),
    status: z.enum(COLLECTION_RUN_STATUSES),
    executions: z.number().int().describe('Attempts for this as-of date (a re-run or a re-delivered job adds one)'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().int().nullable().describe('Duration of the last execution'),
    delinquentLoans: z.number().int(),
    casesOpened: z.number().int(),
    casesClosed: z.number().int(),
    promisesKept: z.number().int(),
    promisesBroken: z.number().int(),
    casesEvaluated: z.number().int(),
    actionsCreated: z.number().int(),
    messagesQueued: z.number().int(),
    messagesBlocked: z.number().int().describe('Reminders the compliance engine refused'),
    batches: z.number().int(),
    error: z.string().nullable(),
  })
  .openapi('CollectionRun');

export const CollectionRunList = z.object({ items: z.array(CollectionRunSchema) }).openapi('CollectionRunList');

export const DailyRunRequest = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD / 日期格式应为 YYYY-MM-DD')
      .refine(isValidCalendarDate, 'a real calendar date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD')
      .optional()
      .describe('As-of date of the run (default: today in the default time zone)'),
  })
  .openapi('DailyRunRequest');

export const DailyRunQueued = z.object({ jobId: z.string(), asOf: z.string() }).openapi('DailyRunQueued');

const listRuns = staffRoute('jobs.read', {
  method: 'get', path: '/collections/runs', tags: ['Collections 催收'], summary: 'Daily run records 贷后日批记录',
  description: 'One row per as-of date and strategy version: status, executions, counts and the duration of the last execution; newest first.',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(366).default(60).describe('How many records (default 60)') }) },
  responses: { 200: jsonResponse(CollectionRunList, 'Run records, newest as-of date first'), ...standardProblems },
});

const startRun = staffRoute('jobs.run', {
  method: 'post', path: '/jobs/daily-run', tags: ['Jobs 作业调度'], summary: 'Run the daily collections run now 立即执行贷后日批',
  description:
    'Enqueues the daily run for an as-of date and answers 202 with the job id (poll GET /api/jobs/{jobId}, read the record in GET /api/collections/runs). ' +
    'Safe to repeat for the same date: the run is idempotent. Refused for a future date, and for a date before the latest run (runs go forward in time).',
  request: { body: { content: { 'application/json': { schema: DailyRunRequest } }, required: true } },
  responses: { 202: jsonResponse(DailyRunQueued, 'Queued'), ...conflictProblem, ...standardProblems },
});

export function collectionRunsRoutes(deps: AppDeps, jobs: JobScheduler) {
  return createRouter()
    .openapi(listRuns, async (c) => {
      const rows = await deps.database.db
        .select().from(collectionRuns)
        .orderBy(desc(collectionRuns.asOf), desc(collectionRuns.startedAt))
        .limit(c.req.valid('query').limit);
      const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
      return c.json({ items: rows.map((r) => ({ ...r, startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt) })) }, 200);
    })
    .openapi(startRun, async (c) => {
      const today = todayInZone(deps.now(), deps.config.defaultTimeZone);
      const asOf = c.req.valid('json').asOf ?? today;
      if (compareDates(asOf, today) > 0) {
        throw new DomainError('validation', { zh: '不能为未来日期执行日批', en: 'The daily run cannot be run for a future date' }, [
          { field: 'asOf', message: `must be ${today} or earlier / 不能晚于 ${today}`, code: 'future_date' },
        ]);
      }
      const [{ latest } = { latest: null }] = await deps.database.db.select({ latest: max(collectionRuns.asOf) }).from(collectionRuns);
      if (latest && compareDates(asOf, latest) < 0) {
        // The run's cases and promises are "as of" the latest day; an earlier day after it would
        // reopen and re-close cases out of order (daily-run README, "runs go forward in time").
        throw new DomainError('conflict', {
          zh: `已有 ${latest} 的日批，不能再为更早的 ${asOf} 执行`,
          en: `A run for ${latest} exists; an earlier date (${asOf}) cannot be run after it`,
        }, [{ field: 'asOf', message: `must be ${latest} or later / 不能早于 ${latest}`, code: 'before_latest_run' }]);
      }
      const actor = getActor(c);
      const jobId = await jobs.enqueue(DAILY_RUN_JOB, { asOf }, {
        alongside: async (tx, id) => {
          await recordAudit(tx, {
            actor, action: 'jobs.run-requested', entityType: 'job', entityId: id,
            after: { job: DAILY_RUN_JOB, data: { asOf }, jobId: id }, requestId: getRequestId(c) ?? null,
          }, deps.now());
        },
      });
      return c.json({ jobId, asOf }, 202);
    });
}
