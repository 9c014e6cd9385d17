import path from 'node:path';
import type { Command } from 'commander';
import { todayInZone, isValidCalendarDate } from '../platform/time/calendar-date.ts';
import { seedDemoPortfolio, type SeedProgress } from '../modules/demo/seed.ts';
import { DEFAULT_DEMO_SEED } from '../modules/demo/index.ts';
import type { CliApp } from './import.command.ts';

/** Above this many customers, only the first ones get schedules and repayment histories by default. */
export const DEFAULT_HISTORY_CUSTOMERS = 20_000;
/** Average loans per customer in the demo book (1 × 80% + 2 × 15% + 3 × 5%). */
const LOANS_PER_CUSTOMER = 1.25;
const PROGRESS_EVERY_MS = 2000;

type SeedOptions = {
  customers?: number;
  loans?: number;
  seed: number;
  asOf?: string;
  histories?: string;
  loansPerCustomer: string;
  manifest?: string;
};

export function registerSeedCommand(program: Command, openApp: () => Promise<CliApp & { config?: { dataDir: string } }>): void {
  const int = (v: string) => {
    const n = Number.parseInt(v.replaceAll('_', '').replaceAll(',', ''), 10);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a whole number: ${v}`);
    return n;
  };
  program
    .command('seed')
    .description('Seed a fictional demo loan book (deterministic per --seed) into an empty database, through the import pipeline.')
    .option('--customers <n>', 'number of customers (≈1.25 loans each)', int)
    .option('--loans <n>', 'total loans wanted (sets --customers when it is not given, and caps the loan count)', int)
    .option('--seed <n>', 'random seed: same seed, same people', int, DEFAULT_DEMO_SEED)
    .option('--as-of <date>', 'repayment histories up to this date (YYYY-MM-DD); default today in Asia/Shanghai')
    .option('--histories <n|all>', `customers whose loans get schedules and repayments (default: all up to ${DEFAULT_HISTORY_CUSTOMERS.toLocaleString('en-US')})`)
    .option('--loans-per-customer <auto>', 'only "auto" (1-3 loans, ≈1.25 on average)', 'auto')
    .option('--manifest <file>', 'scenario manifest path (default DATA_DIR/demo/manifest.json)')
    .action(async (opts: SeedOptions) => {
      process.exitCode = await seedCommand(openApp, opts);
    });
}

export async function seedCommand(openApp: () => Promise<CliApp & { config?: { dataDir: string } }>, opts: SeedOptions): Promise<number> {
  if (opts.loansPerCustomer !== 'auto') {
    console.error('--loans-per-customer: only "auto" is supported');
    return 2;
  }
  const asOf = opts.asOf ?? todayInZone(new Date(), 'Asia/Shanghai');
  if (!isValidCalendarDate(asOf)) {
    console.error(`--as-of: not a valid date: ${asOf}`);
    return 2;
  }
  // ×1.2 rather than ×1.25 leaves headroom so the random loan count reliably reaches --loans.
  const customers = opts.customers ?? (opts.loans ? Math.ceil(opts.loans / (LOANS_PER_CUSTOMER - 0.05)) + 10 : 300);
  const historyCustomers =
    opts.histories === 'all' ? customers : opts.histories ? Number.parseInt(opts.histories, 10) : Math.min(customers, DEFAULT_HISTORY_CUSTOMERS);
  if (!Number.isSafeInteger(historyCustomers) || historyCustomers < 0) {
    console.error(`--histories: expected a number or "all": ${opts.histories}`);
    return 2;
  }

  const app = await openApp();
  try {
    const manifestPath = opts.manifest ?? path.join(app.config?.dataDir ?? 'data', 'demo', 'manifest.json');
    console.log(
      `Seeding ${customers.toLocaleString('en-US')} customers${opts.loans ? ` (up to ${opts.loans.toLocaleString('en-US')} loans)` : ''}, ` +
        `seed ${opts.seed}, as of ${asOf}; histories for the first ${historyCustomers.toLocaleString('en-US')} customers`,
    );
    const result = await seedDemoPortfolio({
      database: app.database,
      cipher: app.cipher,
      customers,
      seed: opts.seed,
      asOf,
      maxLoans: opts.loans ?? Infinity,
      historyCustomers,
      manifestPath,
      onProgress: createSeedProgressPrinter(),
    });
    if (!result.seeded) {
      console.log('already seeded: the database has customers; nothing done');
      return 0;
    }
    console.log(`Scenario manifest: ${manifestPath}`);
    console.log(`Customers by scenario: ${JSON.stringify(result.manifest.counts)}`);
    return 0;
  } finally {
    await app.close();
  }
}

function createSeedProgressPrinter(): (e: SeedProgress) => void {
  let last = 0;
  let kindStarted = Date.now();
  let currentKind = '';
  return (e) => {
    const now = Date.now();
    if (e.phase === 'import') {
      if (e.kind !== currentKind) {
        currentKind = e.kind;
        kindStarted = now;
      }
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      const rate = Math.round(e.progress.read / Math.max(0.001, (now - kindStarted) / 1000));
      console.log(`  ${e.kind}: ${e.progress.read.toLocaleString('en-US')} rows (${rate.toLocaleString('en-US')}/s)`);
    } else if (e.phase === 'imported') {
      const s = e.summary;
      console.log(
        `  ${e.kind}: done, ${s.inserted.toLocaleString('en-US')} inserted, ${s.rejected} rejected in ${(s.durationMs / 1000).toFixed(1)} s` +
          (s.rejected ? ` (first: line ${s.rejections[0]?.line} ${s.rejections[0]?.column}: ${s.rejections[0]?.reason})` : ''),
      );
    } else if (e.phase === 'consents') {
      if (now - last < PROGRESS_EVERY_MS && e.customersDone < e.customersTotal) return;
      last = now;
      console.log(`  consents and preferences: ${e.customersDone.toLocaleString('en-US')} / ${e.customersTotal.toLocaleString('en-US')} customers`);
    } else {
      console.log(e.message);
    }
  };
}
