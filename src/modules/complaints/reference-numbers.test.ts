import { expect, it } from 'vitest';
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
    expect(await counter(2026)).toBe(4 * REFERENCE_BLOCK);
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
