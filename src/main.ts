import { serve } from '@hono/node-server';
import { openApp } from './bootstrap.ts';
import { createApp } from './server/create-app.ts';
import { ConfigError } from './platform/config/config.ts';
import { seedDemoIfEmpty } from './modules/demo/index.ts';
import { startCommunications } from './modules/communications/index.ts';
import { appJobs } from './server/app-jobs.ts';
import { DAILY_RUN_JOB } from './modules/collections/daily-run/run-daily-job.ts';
import { todayInZone } from './platform/time/calendar-date.ts';

async function main() {
  const deps = await openApp();
  const where = deps.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL (PGlite) in ${deps.config.dataDir}`;
  deps.log.info(`database: ${where}`);
  const demo = deps.config.seedDemo ? await seedDemoIfEmpty(deps) : null;
  // Default templates, the outbox worker and (when configured) the inbound mail receiver.
  const communications = await startCommunications(deps);
  // Scheduled jobs (pg-boss in the same database): the daily run at DAILY_RUN_CRON, on-demand runs.
  // LOANDESK_JOBS=off leaves them to `loandesk jobs work` elsewhere; this server then only enqueues.
  const jobs = appJobs(deps);
  if (deps.config.jobs.enabled) await jobs.start();
  else deps.log.info('jobs: workers off (LOANDESK_JOBS=off); runs are queued for `loandesk jobs work` in another process');
  // A freshly seeded demo gets today's daily run at once, so the collections queue, cases and
  // analytics have something to show before the first 02:00 run; it appears in 作业调度 like any run.
  if (demo?.seeded) await jobs.enqueue(DAILY_RUN_JOB, { asOf: todayInZone(deps.now(), deps.config.defaultTimeZone) });
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: deps.config.port, hostname: deps.config.host }, (info) => {
    console.log(`\nLoanDesk 贷后工作台 is running: http://localhost:${info.port}/  (API docs: http://localhost:${info.port}/api/docs)\n`);
  });
  const shutdown = async () => {
    server.close();
    // Running jobs get up to 30 s to finish; an unfinished one is failed and retried after restart
    // (the daily run is idempotent, so its retry completes it without duplicates).
    await jobs.stop();
    await communications.stop();
    await deps.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('LoanDesk failed to start:', err);
  process.exit(1);
});
