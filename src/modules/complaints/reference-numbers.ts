import type { SqlExecutor } from '../../platform/db/client.ts';

/**
 * Complaint reference numbers: TS-<year>-<000123>, the year in the institution's zone, unique and
 * never reused.
 *
 * Each process takes numbers from the year's counter (complaint_reference_counters) in blocks of
 * REFERENCE_BLOCK, in one autocommit statement (its own short transaction: taken inside the intake
 * transaction, the counter's row lock serialised all concurrent intakes), and hands them out in the
 * order asked. One statement and one commit per block instead of per complaint (npm run
 * bench:complaints). Trade-offs: the numbers left in a block when the process stops are never used,
 * and an intake that fails after taking its number (or finds its e-mail already registered) leaves a gap too, never a duplicate; with more
 * than one server process, numbers are increasing per process, not across them.
 */
export const REFERENCE_BLOCK = 10;

type YearBlock = { next: number; end: number; refill?: Promise<void> };

/** Blocks per database (its `sql` executor, so a test's fresh database starts afresh) and year. */
const blocks = new WeakMap<SqlExecutor, Map<number, YearBlock>>();
const yearFormats = new Map<string, Intl.DateTimeFormat>();

export async function nextReferenceNumber(database: { sql: SqlExecutor }, at: Date, timeZone: string): Promise<string> {
  let format = yearFormats.get(timeZone);
  if (!format) yearFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  const year = Number(format.format(at));
  let byYear = blocks.get(database.sql);
  if (!byYear) blocks.set(database.sql, (byYear = new Map()));
  let block = byYear.get(year);
  if (!block) byYear.set(year, (block = { next: 1, end: 0 }));
  while (block.next > block.end) {
    // One refill at a time: concurrent intakes wait for the same block.
    block.refill ??= takeBlock(database.sql, year, block).finally(() => { block.refill = undefined; });
    await block.refill;
  }
  return `TS-${year}-${String(block.next++).padStart(6, '0')}`;
}

async function takeBlock(sql: SqlExecutor, year: number, block: YearBlock): Promise<void> {
  const { rows: [row] } = await sql.query<{ last: number }>(
    `INSERT INTO complaint_reference_counters AS c (year, last) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET last = c.last + EXCLUDED.last RETURNING last`,
    [year, REFERENCE_BLOCK],
  );
  block.end = Number(row!.last);
  block.next = block.end - REFERENCE_BLOCK + 1;
}
