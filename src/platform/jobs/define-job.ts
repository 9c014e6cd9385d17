import type { AppDeps } from '../app-deps.ts';
import type { Logger } from '../logging/logger.ts';

export type JobContext = {
  /** pg-boss job id. */
  jobId: string;
  /** 0 on the first delivery, 1+ when pg-boss retries after a failure or an expiry. */
  retryCount: number;
  log: Logger;
};

export type JobDefinition<D extends object = Record<string, unknown>> = {
  /** Queue name, kebab-case, e.g. `collections.daily-run`. */
  name: string;
  /** Cron expression (5 fields) in `timeZone`; omit for a job that only runs when enqueued. */
  cron?: string;
  /** Time zone of `cron` (default: TZ_DEFAULT, Asia/Shanghai). */
  timeZone?: string;
  /** One-line description for the console and the API. */
  description: string;
  /**
   * The work. Must be safe to run again for the same data: pg-boss delivers at least once (a
   * worker killed mid-job, an expiry, a retry), never exactly once.
   */
  handler: (deps: AppDeps, data: D, ctx: JobContext) => Promise<unknown>;
  /** Retries after a failure (default 2, with exponential back-off from 60 s). */
  retryLimit?: number;
  /** A job still active after this long is failed (and retried); default 15 minutes. */
  expireInSeconds?: number;
  /**
   * `singleton`: at most one job of this queue active at a time — later ones wait (runs that must not
   * overlap). Default `standard`.
   */
  policy?: 'standard' | 'singleton';
};

/** A job in the registry. Typed data in, plain `object` out so definitions share one list. */
export function defineJob<D extends object>(definition: JobDefinition<D>): JobDefinition {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(definition.name)) throw new TypeError(`defineJob: bad job name "${definition.name}"`);
  return definition as unknown as JobDefinition;
}
