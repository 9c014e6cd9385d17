import { z } from '@hono/zod-openapi';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

export const JobRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.enum(JOB_STATES).describe('created = waiting for a worker; retry = failed, will be tried again; active = running'),
    data: z.unknown().describe('What the job was given (e.g. the as-of date)'),
    retryCount: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    output: z.unknown().describe("The handler's result; for a failed job `{ error: message }`"),
  })
  .openapi('JobRecord');

export const ScheduledJobSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    cron: z.string().nullable().describe('Cron expression; null = on demand only'),
    timeZone: z.string().nullable(),
    nextRunAt: z.string().nullable().describe('Next firing of the cron (ISO 8601)'),
    lastJob: JobRecordSchema.nullable().describe('The most recent job of this queue, scheduled or on demand'),
  })
  .openapi('ScheduledJob');

export const JobScheduleList = z
  .object({
    workersRunning: z.boolean().describe('Whether this server runs the workers and the cron clock (LOANDESK_JOBS)'),
    today: z.string().describe('Today in the default time zone: the as-of date a run started now would use'),
    items: z.array(ScheduledJobSchema),
  })
  .openapi('JobScheduleList');
