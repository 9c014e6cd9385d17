import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { AppDeps } from '../platform/app-deps.ts';
import { isValidCalendarDate, todayInZone } from '../platform/time/calendar-date.ts';
import { DEFAULT_BATCH_SIZE, type DailyRunProgress } from '../modules/collections/daily-run/index.ts';
import { runScheduledDailyCollections } from '../modules/collections/daily-run/run-daily-job.ts';

const PLAIN_PROGRESS_EVERY_MS = 2000;
const PHASE_LABEL: Record<DailyRunProgress['phase'], string> = {
  snapshot: 'snapshot + cases', close: 'closing cured cases', promises: 'promises to pay', treat: 'treatments', done: 'done',
};

/**
 * `loandesk run-daily [--as-of DATE]`: the daily delinquency run (贷后日批) — snapshots, cases,
 * promises, the day's reminders, tasks and proposals. Safe to re-run for the same date (nothing is
 * duplicated); a killed run is finished by running it again.
 */
export function registerRunDailyCommand(program: Command, openApp: () => Promise<AppDeps & { close(): Promise<void> }>) {
  program
    .command('run-daily')
    .description('Daily collections run: days past due, cases, promises to pay and the day\'s actions (贷后日批); idempotent per date')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in the default time zone)')
    .option('--batch-size <cases>', 'open cases per transaction', (v) => Number.parseInt(v, 10), DEFAULT_BATCH_SIZE)
    .action(async (opts: { asOf?: string; batchSize: number }) => {
      if (opts.asOf && !isValidCalendarDate(opts.asOf)) throw new Error(`--as-of must be a real date YYYY-MM-DD, got "${opts.asOf}"`);
      if (!Number.isSafeInteger(opts.batchSize) || opts.batchSize < 1) throw new Error('--batch-size must be a positive whole number');
      const app = await openApp();
      const progress = createProgressReporter();
      try {
        const asOf = opts.asOf ?? todayInZone(app.now(), app.config.defaultTimeZone);
        // The same path as the scheduled job: the stored strategy plan (the default is stored as
        // version 1 when none is), the run, then the champion/challenger guardrails.
        const summary = await runScheduledDailyCollections(app, asOf, progress.update, { batchSize: opts.batchSize });
        progress.stop();
        const { plan, guardrail } = summary;
        const c = summary.counts;
        console.log(`Daily run ${summary.runId} as of ${asOf} (execution ${summary.execution}, grace ${app.config.graceDays} days) in ${(summary.durationMs / 1000).toFixed(1)} s`);
        console.log(`  delinquent loans ${fmt(c.delinquentLoans)}  cases opened ${fmt(c.casesOpened)}  closed ${fmt(c.casesClosed)}  promises kept ${fmt(c.promisesKept)}  broken ${fmt(c.promisesBroken)}`);
        console.log(`  cases evaluated ${fmt(c.casesEvaluated)}  actions ${fmt(c.actionsCreated)}  messages queued ${fmt(c.messagesQueued)}  blocked by compliance ${fmt(c.messagesBlocked)}`);
        if (Object.keys(summary.actionsByKind).length) console.table(summary.actionsByKind);
        if (Object.keys(summary.actionsByStatus).length) console.table(summary.actionsByStatus);
        console.log(`  strategy ${plan.strategy.id} v${plan.strategy.version}${plan.challenger ? `, challenger ${plan.challenger.strategy.id} v${plan.challenger.strategy.version} (${Math.round(plan.challenger.share * 100)}%)` : ''}`);
        if (guardrail?.stopped) console.log(`  GUARDRAIL: experiment ${guardrail.experimentId} stopped — ${guardrail.verdict.breaches.map((b) => b.reason).join('; ')}`);
      } catch (err) {
        progress.stop();
        throw err;
      } finally {
        await app.close();
      }
    });
}

/** A bar per phase on a terminal; a plain line every couple of seconds in logs and cron mail. */
function createProgressReporter() {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let phase: string | null = null;
    return {
      update: (p: DailyRunProgress) => {
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          if (p.phase === 'done') return;
          bar.start(Math.max(p.total, 1), p.done, { phase: PHASE_LABEL[p.phase].padEnd(18) });
        } else bar.update(p.done);
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (p: DailyRunProgress) => {
      const now = Date.now();
      if (p.phase !== 'done' && now - last < PLAIN_PROGRESS_EVERY_MS && p.done !== 0) return;
      last = now;
      console.log(`run-daily: ${PHASE_LABEL[p.phase]} ${fmt(p.done)}/${fmt(p.total)}`);
    },
    stop: () => undefined,
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');
