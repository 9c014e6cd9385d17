import type { SqlExecutor } from '../../platform/db/client.ts';

/**
 * Complaint reference numbers: TS-<year>-<000123>, the year in the institution's zone, unique and
 * never reused.
 *
 * Each process takes numbers from the year's counter (complaint_reference_counters) in blocks of
 * REFERENCE_BLOCK, in one autocommit statement (its own short transaction: taken inside the intake
 * transaction, the counter's row lock serialised all concurrent intakes), and hands them out in the
 * order asked. One statement and one commit per block instead of per complaint (npm run
 * bench:complaints), the next block reserved before it is needed (below). Trade-offs: the numbers left
 * in the blocks in hand when the process stops are never used,
 * and an intake that fails after taking its number (or finds its e-mail already registered) leaves a gap too, never a duplicate; with more
 * than one server process, numbers are increasing per process, not across them.
 */
export const REFERENCE_BLOCK = 10;

type Range = { next: number; end: number };
/** The year's numbers in hand: the block in use, the one reserved ahead, and the reservations in flight. */
type YearBlock = Range & { spare?: Range; refill?: Promise<void>; ahead?: Promise<void> };

/** Blocks per database (its `sql` executor, so a test's fresh database starts afresh) and year. */
const blocks = new WeakMap<SqlExecutor, Map<number, YearBlock>>();
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The next reference number. Once half of a block is handed out, the next block is reserved in the
 * background, so an intake does not wait for the counter's own commit: the one in ten that did was
 * a good part of the tail in npm run bench:complaints (p99 at 100/s: 88 and 138 ms with the wait,
 * 40 and 52 ms with blocks large enough never to refill during a run). At most two blocks are
 * then lost when the process stops.
 */
export async function nextReferenceNumber(database: { sql: SqlExecutor }, at: Date, timeZone: string): Promise<string> {
  let format = yearFormats.get(timeZone);
  if (!format) yearFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  const year = Number(format.format(at));
  let byYear = blocks.get(database.sql);
  if (!byYear) blocks.set(database.sql, (byYear = new Map()));
  let block = byYear.get(year);
  if (!block) byYear.set(year, (block = { next: 1, end: 0 }));
  while (block.next > block.end) {
    if (block.spare) {
      Object.assign(block, block.spare);
      block.spare = undefined;
    } else if (block.ahead) {
      await block.ahead; // the block reserved ahead is on its way (or failed: then refill below)
    } else {
      // One refill at a time: concurrent intakes wait for the same block.
      block.refill ??= takeBlock(database.sql, year).then((range) => void Object.assign(block, range)).finally(() => { block.refill = undefined; });
      await block.refill;
    }
  }
  const number = block.next++;
  if (block.end - number < REFERENCE_BLOCK / 2 && !block.spare && !block.ahead && !block.refill) reserveAhead(database.sql, year, block);
  return `TS-${year}-${String(number).padStart(6, '0')}`;
}

function reserveAhead(sql: SqlExecutor, year: number, block: YearBlock): void {
  block.ahead = takeBlock(sql, year).then(
    (range) => { block.spare = range; },
    () => undefined, // the intake that needs the block takes it itself, and fails if it cannot
  ).finally(() => { block.ahead = undefined; });
}

async function takeBlock(sql: SqlExecutor, year: number): Promise<Range> {
  const { rows: [row] } = await sql.query<{ last: number }>(
    `INSERT INTO complaint_reference_counters AS c (year, last) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET last = c.last + EXCLUDED.last RETURNING last`,
    [year, REFERENCE_BLOCK],
  );
  const end = Number(row!.last);
  return { next: end - REFERENCE_BLOCK + 1, end };
}
