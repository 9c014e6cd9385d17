import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { SqlExecutor } from '../../platform/db/client.ts';
import { nextReferenceNumber, REFERENCE_BLOCK } from './reference-numbers.ts';

const ZONE = 'Asia/Shanghai';
const AT = new Date('2026-11-27T02:00:00Z');

describeEachDatabase('complaint reference numbers', (getDb) => {
  const counter = async (year: number) =>
    (await getDb().sql.query<{ last: number }>(`SELECT last FROM complaint_reference_counters WHERE year = $1`, [year])).rows[0]?.last ?? null;
  /** Another server process on the same database: its own blocks. */
  const otherProcess = (): { sql: SqlExecutor } => ({ sql: { query: (text, params) => getDb().sql.query(text, params) } });

  it('hands out unique numbers in the order asked, taking the counter a block at a time', async () => {
    const numbers = await Promise.all(Array.from({ length: 25 }, () => nextReferenceNumber(getDb(), AT, ZONE)));
    expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => `TS-2026-${String(i + 1).padStart(6, '0')}`));
    expect(await counter(2026)).toBe(3 * REFERENCE_BLOCK); // three blocks taken, the rest of the third kept

    // A second process takes the next block; this one goes on with its own.
    expect(await nextReferenceNumber(otherProcess(), AT, ZONE)).toBe(`TS-2026-${String(3 * REFERENCE_BLOCK + 1).padStart(6, '0')}`);
    expect(await nextReferenceNumber(getDb(), AT, ZONE)).toBe('TS-2026-000026');
    // Past half of its block, this process reserves its next block (41–50) in the background.
    await vi.waitFor(async () => expect(await counter(2026)).toBe(5 * REFERENCE_BLOCK));
    const rest = await Promise.all(Array.from({ length: 5 }, () => nextReferenceNumber(getDb(), AT, ZONE)));
    expect(rest).toEqual(['TS-2026-000027', 'TS-2026-000028', 'TS-2026-000029', 'TS-2026-000030', 'TS-2026-000041']);
    expect(await counter(2026)).toBe(5 * REFERENCE_BLOCK);
  });

  it('reserves the next block once half of one is used, so the intakes after it do not wait for the counter', async () => {
    const start = (await counter(2026)) ?? 0;
    const queries: string[] = [];
    let release: (() => void) | undefined;
    const held = new Promise<void>((r) => (release = r));
    // The second statement (the block reserved ahead) is held until released.
    const query = async (text: string, params?: unknown[]) => {
      if (queries.push(text) === 2) await held;
      return getDb().sql.query(text, params);
    };
    const gated = { sql: { query } as SqlExecutor };
    const number = (n: number) => `TS-2026-${String(start + n).padStart(6, '0')}`;
    for (let n = 1; n <= REFERENCE_BLOCK; n++) expect(await nextReferenceNumber(gated, AT, ZONE)).toBe(number(n));
    expect(queries).toHaveLength(2); // the first block, and the next one reserved while it is held
    const eleventh = nextReferenceNumber(gated, AT, ZONE); // needs the reserved block: waits for it
    release!();
    expect(await eleventh).toBe(number(REFERENCE_BLOCK + 1));
    expect(queries).toHaveLength(2); // no further statement: the block reserved ahead serves it
  });

  it('numbers by the year in the institution\'s zone, each year from its own counter', async () => {
    // 2026-12-31 16:30 UTC is already 2027-01-01 in Shanghai.
    expect(await nextReferenceNumber(getDb(), new Date('2026-12-31T16:30:00Z'), ZONE)).toBe('TS-2027-000001');
    expect(await nextReferenceNumber(getDb(), new Date('2026-12-31T16:30:00Z'), 'Europe/London')).toMatch(/^TS-2026-\d{6}$/);
    expect(await counter(2027)).toBe(REFERENCE_BLOCK);
  });

  it('fails the intake that cannot get a number, and the next call tries again', async () => {
    const failing = { sql: { query: () => Promise.reject(new Error('connection lost')) } as unknown as SqlExecutor };
    await expect(nextReferenceNumber(failing, AT, ZONE)).rejects.toThrow('connection lost');
    let calls = 0;
    const flaky = { sql: { query: (text: string, params?: unknown[]) => (++calls === 1 ? Promise.reject(new Error('connection lost')) : getDb().sql.query(text, params)) } as SqlExecutor };
    await expect(nextReferenceNumber(flaky, AT, ZONE)).rejects.toThrow('connection lost');
    expect(await nextReferenceNumber(flaky, AT, ZONE)).toMatch(/^TS-2026-\d{6}$/);
  });
});
