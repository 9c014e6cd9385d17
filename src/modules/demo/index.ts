/** Demo portfolio: a deterministic fictional loan book, seeded through the import pipeline. */
import path from 'node:path';
import type { AppDeps } from '../../platform/app-deps.ts';
import { todayInZone } from '../../platform/time/calendar-date.ts';
import { seedDemoPortfolio, type SeedResult } from './seed.ts';

export { generateDemoPortfolio, csvChunks, DEMO_COLUMNS, type DemoPortfolio, type DemoPortfolioOptions, type DemoScenario } from './portfolio.ts';
export { seedDemoPortfolio, buildManifest, insertBranchesAndStaff, type SeedDemoOptions, type SeedProgress, type SeedResult, type DemoManifest } from './seed.ts';
export { DEMO_BRANCHES } from './reference-data.ts';
export { DEMO_STAFF } from './demo-staff.ts';
export type { Behaviour } from './loan-book.ts';

/** The seed used on first start, so every fresh install shows the same (fictional) people. */
export const DEFAULT_DEMO_SEED = 20260101;

/** First start: seed DEMO_CUSTOMERS customers with histories up to today (Asia/Shanghai). No-op once seeded. */
export async function seedDemoIfEmpty(deps: AppDeps): Promise<SeedResult> {
  const asOf = todayInZone(deps.now(), deps.config.defaultTimeZone);
  const result = await seedDemoPortfolio({
    database: deps.database,
    cipher: deps.cipher,
    customers: deps.config.demoCustomers,
    seed: DEFAULT_DEMO_SEED,
    asOf,
    manifestPath: path.join(deps.config.dataDir, 'demo', 'manifest.json'),
    onProgress: (e) => {
      if (e.phase === 'imported') {
        const s = e.summary;
        deps.log.info(`demo seed: ${e.kind} imported`, { read: s.read, inserted: s.inserted, rejected: s.rejected });
      }
    },
  });
  if (result.seeded) deps.log.info('demo portfolio seeded', { customers: deps.config.demoCustomers, asOf, ms: result.durationMs });
  return result;
}
