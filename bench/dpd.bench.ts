/**
 * bench:dpd — days past due and buckets for the whole portfolio as of one date, through the same
 * pure rule the loan page uses, against one SQL aggregate computing the same buckets in the same run.
 *
 *   npm run bench:dpd                      # needs a portfolio: seeds BENCH_LOANS (default 1,000,000) on PostgreSQL first
 *   BENCH_DATABASE_URL=postgres://… BENCH_AS_OF=2026-11-26 npm run bench:dpd
 */
import { openDatabase } from '../src/platform/db/client.ts';
import { portfolioDelinquency } from '../src/modules/loans/portfolio-delinquency.ts';
import { ensureBenchPortfolio } from './bench-portfolio.ts';

const asOf = process.env.BENCH_AS_OF ?? '2026-11-26';
const loansWanted = Number(process.env.BENCH_LOANS ?? 1_000_000);

const { url } = await ensureBenchPortfolio('loandesk_bench_portfolio', loansWanted, asOf);
const database = await openDatabase({ kind: 'postgres', url });

// The baseline: a single SQL statement computing the same per-bucket counts (no grace days).
const BASELINE = `
  WITH dpd AS (
    SELECT l.id, COALESCE(($1::date - min(i.due_date)), 0) AS days
      FROM loans l
      LEFT JOIN instalments i ON i.loan_id = l.id AND i.due_date < $1::date
                              AND (i.fully_paid_on IS NULL OR i.fully_paid_on > $1::date)
     WHERE l.status = 'active'
     GROUP BY l.id)
  SELECT CASE WHEN days = 0 THEN 'M0' WHEN days <= 30 THEN 'M1' WHEN days <= 60 THEN 'M2' WHEN days <= 90 THEN 'M3'
              WHEN days <= 120 THEN 'M4' WHEN days <= 150 THEN 'M5' WHEN days <= 180 THEN 'M6' ELSE 'M7+' END AS bucket,
         count(*)::int AS loans
    FROM dpd GROUP BY 1`;

async function time<T>(fn: () => Promise<T>) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

console.log(`bench:dpd as of ${asOf} on PostgreSQL`);
await database.sql.query('SELECT count(*) FROM instalments'); // warm the cache for both runs alike
const baseline = await time(() => database.sql.query<{ bucket: string; loans: number }>(BASELINE, [asOf]));
const ours = await time(() => portfolioDelinquency(database.sql, { asOf, graceDays: 0 }));
const loans = ours.value.loans;

const expected = new Map(baseline.value.rows.map((r) => [r.bucket, Number(r.loans)]));
const mismatches = ours.value.buckets.filter((b) => (expected.get(b.code) ?? 0) !== b.loans);
console.table(ours.value.buckets.map((b) => ({ bucket: b.code, loans: b.loans, sql_aggregate: expected.get(b.code) ?? 0 })));
if (mismatches.length) {
  console.error('MISMATCH between the rule and the SQL aggregate:', mismatches.map((m) => m.code).join(', '));
  process.exitCode = 1;
}
const oursRate = loans / ours.seconds;
const baseRate = loans / baseline.seconds;
console.log(`rule engine:   ${ours.seconds.toFixed(2)} s, ${Math.round(oursRate).toLocaleString('en')} loans/s`);
console.log(`SQL aggregate: ${baseline.seconds.toFixed(2)} s, ${Math.round(baseRate).toLocaleString('en')} loans/s`);
await database.close();
console.log(`RESULT dpd_vs_sql_aggregate ${(oursRate / baseRate).toFixed(2)} (target >= 0.5)`);
