/** Job scheduling and daily-run record types, from the server's zod contracts (type-only: nothing server-side is bundled). */
import type { z } from 'zod';
import type { JobRecordSchema, JobScheduleList as JobScheduleListSchema, ScheduledJobSchema } from '../../platform/jobs/jobs.contract.ts';
import type {
  CollectionRunList as CollectionRunListSchema,
  CollectionRunSchema,
  DailyRunQueued as DailyRunQueuedSchema,
  DailyRunRequest as DailyRunRequestSchema,
} from '../../modules/collections/daily-run/collection-runs.routes.ts';

export type JobRecord = z.infer<typeof JobRecordSchema>;
export type JobState = JobRecord['state'];
export type ScheduledJob = z.infer<typeof ScheduledJobSchema>;
export type JobScheduleList = z.infer<typeof JobScheduleListSchema>;
export type CollectionRun = z.infer<typeof CollectionRunSchema>;
export type CollectionRunStatus = CollectionRun['status'];
export type CollectionRunList = z.infer<typeof CollectionRunListSchema>;
export type DailyRunRequest = z.infer<typeof DailyRunRequestSchema>;
export type DailyRunQueued = z.infer<typeof DailyRunQueuedSchema>;
