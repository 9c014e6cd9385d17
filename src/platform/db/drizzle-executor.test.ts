import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { executorFor, toDrizzleSql } from './drizzle-executor.ts';

describeEachDatabase('executorFor: raw SQL inside a Drizzle transaction', (getDb) => {
  const probe = `SELECT $1::int AS n, $2::text AS s, $1::int + 1 AS again,
                        TIMESTAMPTZ '2026-11-26 02:00:00+00' AS at, DATE '2026-11-26' AS on_day, ARRAY[DATE '2026-11-27'] AS days`;

  it('returns what Drizzle\'s own execute returns for the same text, dates and timestamps as text', async () => {
    const db = getDb();
    const [direct, viaDrizzle] = await db.db.transaction(async (tx) => [
      (await executorFor(tx).query(probe, [41, '客户'])).rows,
      ((await tx.execute(toDrizzleSql(probe, [41, '客户']))) as unknown as { rows: unknown[] }).rows,
    ]);
    expect(direct).toEqual(viaDrizzle);
    expect(direct[0]).toMatchObject({ n: 41, s: '客户', again: 42, on_day: '2026-11-26' });
    expect(typeof (direct[0] as { at: unknown }).at).toBe('string');
  });

  it('sees the transaction\'s own uncommitted rows and rolls back with it', async () => {
    const db = getDb();
    await db.sql.query(`CREATE TABLE IF NOT EXISTS executor_probe (id int PRIMARY KEY)`);
    await expect(
      db.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO executor_probe VALUES (1)`);
        const { rows } = await executorFor(tx).query<{ n: number }>(`SELECT count(*)::int AS n FROM executor_probe`);
        expect(rows[0]!.n).toBe(1);
        await executorFor(tx).query(`INSERT INTO executor_probe VALUES ($1)`, [2]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM executor_probe`)).rows[0]!.n).toBe(0);
  });
});
