import type { Command } from 'commander';
import type { AppDeps } from '../platform/app-deps.ts';
import { appJobs } from '../server/app-jobs.ts';

type OpenApp = () => Promise<AppDeps & { close(): Promise<void> }>;

/**
 * `loandesk jobs work`: the job workers and cron schedules (the daily run, the complaint deadline
 * watch) in their own process — for servers started with LOANDESK_JOBS=off. On PostgreSQL several
 * may run at once (pg-boss hands each job to one worker); PGlite is one process, so there it is
 * either the server or this command.
 * `loandesk jobs status`: every job with its cron, next run and last job.
 */
export function registerJobsCommand(program: Command, openApp: OpenApp) {
  const jobs = program.command('jobs').description('Scheduled jobs 作业调度 (pg-boss)');

  jobs
    .command('work')
    .description('Run the job workers and schedules until interrupted (作业执行器)')
    .action(async () => {
      const app = await openApp();
      const scheduler = appJobs(app);
      try {
        await scheduler.start();
        console.log('Job workers running (Ctrl-C to stop) 作业执行器已启动');
        for (const j of scheduler.jobs) console.log(`  ${j.name}${j.cron ? `  ${j.cron} (${j.timeZone ?? app.config.defaultTimeZone})` : '  on demand'}`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        console.log('Stopping: running jobs get up to 30 s to finish…');
      } finally {
        await scheduler.stop();
        await app.close();
      }
    });

  jobs
    .command('status')
    .description('Jobs with their schedule, next run and last job')
    .action(async () => {
      const app = await openApp();
      const scheduler = appJobs(app);
      try {
        const rows = (await scheduler.status()).map((s) => ({
          job: s.name,
          cron: s.cron ? `${s.cron} ${s.timeZone}` : 'on demand',
          'next run': s.nextRunAt ?? '—',
          'last job': s.lastJob ? `${s.lastJob.state} ${s.lastJob.completedAt ?? s.lastJob.startedAt ?? s.lastJob.createdAt}` : '—',
        }));
        console.table(rows);
      } finally {
        await scheduler.stop();
        await app.close();
      }
    });
}
