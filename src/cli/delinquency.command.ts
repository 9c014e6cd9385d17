import type { Command } from 'commander';
import type { AppDeps } from '../platform/app-deps.ts';
import { isValidCalendarDate, todayInZone } from '../platform/time/calendar-date.ts';
import { portfolioDelinquency } from '../modules/loans/portfolio-delinquency.ts';

/** `loandesk delinquency [--as-of DATE]`: the bucket distribution of the whole portfolio. */
export function registerDelinquencyCommand(program: Command, openApp: () => Promise<AppDeps & { close(): Promise<void> }>) {
  program
    .command('delinquency')
    .description('Days past due and delinquency buckets for every active loan as of a date (逾期分布)')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in Asia/Shanghai)')
    .action(async (opts: { asOf?: string }) => {
      if (opts.asOf && !isValidCalendarDate(opts.asOf)) throw new Error(`--as-of must be a real date YYYY-MM-DD, got "${opts.asOf}"`);
      const app = await openApp();
      try {
        const asOf = opts.asOf ?? todayInZone(app.now(), app.config.defaultTimeZone);
        const result = await portfolioDelinquency(app.database.sql, { asOf, graceDays: app.config.graceDays });
        console.log(`Delinquency as of ${asOf} (grace ${app.config.graceDays} days), ${result.loans} active loans:`);
        console.table(result.buckets.map((b) => ({ bucket: b.code, 名称: b.labelZh, loans: b.loans, overdue_yuan: (b.overdueFen / 100).toFixed(2) })));
      } finally {
        await app.close();
      }
    });
}
