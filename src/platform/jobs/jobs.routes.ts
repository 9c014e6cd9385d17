import { z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-router.ts';
import { jsonResponse, notFoundProblem, standardProblems } from '../http/problem-responses.ts';
import { staffRoute } from '../auth/secure-route.ts';
import { notFound } from '../errors/domain-error.ts';
import type { AppDeps } from '../app-deps.ts';
import { todayInZone } from '../time/calendar-date.ts';
import type { JobScheduler } from './job-scheduler.ts';
import { JobRecordSchema, JobScheduleList } from './jobs.contract.ts';

const tags = ['Jobs 作业调度'];

const list = staffRoute('jobs.read', {
  method: 'get', path: '/jobs', tags, summary: 'Scheduled jobs 作业列表',
  description: 'Every registered job with its cron, next run and the state of its most recent job.',
  responses: { 200: jsonResponse(JobScheduleList, 'The jobs'), ...standardProblems },
});

const one = staffRoute('jobs.read', {
  method: 'get', path: '/jobs/{jobId}', tags, summary: 'One job 作业状态',
  description: 'State and result of one job, e.g. a run started on demand.',
  request: { params: z.object({ jobId: z.uuid() }) },
  responses: { 200: jsonResponse(JobRecordSchema, 'The job'), ...notFoundProblem, ...standardProblems },
});

export function jobsRoutes(deps: Pick<AppDeps, 'now' | 'config'>, jobs: JobScheduler) {
  return createRouter()
    .openapi(list, async (c) => c.json({
      workersRunning: jobs.workersRunning, today: todayInZone(deps.now(), deps.config.defaultTimeZone), items: await jobs.status(),
    }, 200))
    .openapi(one, async (c) => {
      const job = await jobs.job(c.req.valid('param').jobId);
      if (!job) throw notFound({ zh: '作业', en: 'Job' });
      return c.json(job, 200);
    });
}
