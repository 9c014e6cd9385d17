import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { checkPostgres, createScratchPostgresDatabase } from '../../../test/support/databases.ts';
import { groupCommitExecutor } from './group-commit.ts';
import { cacheStatements } from './statement-cache.ts';
import type { SqlExecutor } from './client.ts';

const reachable = await checkPostgres();

describe.skipIf(!reachable)('groupCommitExecutor: concurrent one-statement writes committed together', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let pool: pg.Pool;
  let writes: SqlExecutor;
  const INSERT = `INSERT INTO notes (id, label) VALUES ($1, $2) RETURNING id, label, txid_current()::text AS tx`;
  const insert = (id: number, label = `第${id}条`) => writes.query<{ id: number; label: string; tx: string }>(INSERT, [id, label]);
  const stored = async () => (await pool.query<{ id: number }>(`SELECT id FROM notes ORDER BY id`)).rows.map((r) => r.id);

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    // pool.end() does not wait for its clients' sockets to close, so the scratch database's
    // DROP … WITH (FORCE) can terminate one still closing: as in client.ts, an idle client's error is
    // not a test failure.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => cacheStatements(client));
    await pool.query(`CREATE TABLE notes (id int PRIMARY KEY, label text NOT NULL CHECK (label <> ''))`);
    writes = groupCommitExecutor(pool);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await scratch?.drop();
  });

  it('answers each caller with its own rows, and the writes that waited share one transaction', async () => {
    await pool.query(`TRUNCATE notes`);
    // Prepared on both connections first: only prepared statements are pipelined.
    await Promise.all([insert(1), insert(2)]);
    await insert(3);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => insert(10 + i)));
    expect(results.map((r) => r.rows[0]).map(({ id, label }) => ({ id, label }))).toEqual(Array.from({ length: 12 }, (_, i) => ({ id: 10 + i, label: `第${10 + i}条` })));
    // At most the first goes alone (if the lane was idle); those that waited for it go as one transaction.
    const perTransaction = new Map<string, number>();
    for (const r of results) perTransaction.set(r.rows[0]!.tx, (perTransaction.get(r.rows[0]!.tx) ?? 0) + 1);
    expect(Math.max(...perTransaction.values())).toBeGreaterThanOrEqual(11);
    expect(await stored()).toEqual([1, 2, 3, ...Array.from({ length: 12 }, (_, i) => 10 + i)]);
  });

  it('fails only the statement at fault: the others of its group are written', async () => {
    await pool.query(`TRUNCATE notes`);
    await insert(1);
    await insert(2);
    const outcomes = await Promise.allSettled([insert(100), insert(101), insert(1), insert(102, ''), insert(103)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' }); // the duplicate key
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' }); // the check constraint
    expect(await stored()).toEqual([1, 2, 100, 101, 103]);
  });

  it('writes a statement no connection has prepared yet, with the rest of its group', async () => {
    await pool.query(`TRUNCATE notes`);
    await insert(1);
    const other = (id: number) => writes.query<{ id: number }>(`INSERT INTO notes (id, label) VALUES ($1, 'other') RETURNING id`, [id]);
    const results = await Promise.all([insert(2), other(3), insert(4), other(5)]);
    expect(results.map((r) => r.rows[0]!.id)).toEqual([2, 3, 4, 5]);
    expect(await stored()).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends and parses values as node-postgres does alone: dates, JSON, arrays, nulls, bigints', async () => {
    const text = `SELECT $1::timestamptz AS at, $2::jsonb AS doc, $3::text[] AS tags, $4::int AS nothing, $5::int8 AS fen`;
    const params = [new Date('2026-11-26T02:00:00Z'), { 投诉: '催收', n: 1 }, ['a', 'b,c', '"d"'], null, 123_456_789_012];
    const alone = await pool.query(text, params);
    const grouped = await Promise.all([writes.query(text, params), writes.query(text, params), writes.query(text, params)]);
    for (const r of grouped) expect(r.rows).toEqual(alone.rows);
    expect(grouped[0]!.rows[0]).toMatchObject({ at: new Date('2026-11-26T02:00:00Z'), doc: { 投诉: '催收', n: 1 }, tags: ['a', 'b,c', '"d"'], nothing: null });
  });

  it('gives way to a user\'s transaction instead of deadlocking with it, and writes its statements alone', async () => {
    // One connection, so the statements are prepared where the group runs.
    const lanePool = new pg.Pool({ connectionString: scratch.url, max: 1 });
    lanePool.on('error', () => undefined);
    lanePool.on('connect', (client) => cacheStatements(client));
    const lane = groupCommitExecutor(lanePool);
    const user = new pg.Client({ connectionString: scratch.url });
    await user.connect();
    try {
      await pool.query(`TRUNCATE notes`);
      await pool.query(`INSERT INTO notes VALUES (1, 'before')`);
      // TAKES_CHAIN stands for an intake's statement: it takes the chain's lock (as audit_append does) and works on.
      const TAKES_CHAIN = `SELECT pg_advisory_xact_lock(4242), pg_sleep(0.2), $1::int AS id`;
      const UPDATES_ROW = `UPDATE notes SET label = $2 WHERE id = $1 RETURNING label`;
      await lane.query(TAKES_CHAIN, [0]);
      await lane.query(UPDATES_ROW, [1, 'before']);

      // The user's transaction holds row 1, as a handler's action holds a workload row…
      await user.query('BEGIN');
      await user.query(`UPDATE notes SET label = 'user' WHERE id = 1`);
      // …while a group forms behind a write that keeps the lane busy: [takes the chain, then needs row 1].
      const first = lane.query(`SELECT pg_sleep(0.05), $1::int AS id`, [0]);
      const group = [lane.query(TAKES_CHAIN, [1]), lane.query(UPDATES_ROW, [1, 'intake'])];
      await first;
      await new Promise((resolve) => setTimeout(resolve, 80)); // the group holds the chain's lock, sleeping
      // …and the user's transaction appends to the chain last, as every audited transaction does.
      await user.query(`SELECT pg_advisory_xact_lock(4242)`);
      await user.query('COMMIT');
      const [taken, updated] = await Promise.all(group);
      expect(taken.rows).toMatchObject([{ id: 1 }]);
      // Written alone after the user's commit, so it saw and replaced the user's label.
      expect(updated.rows).toEqual([{ label: 'intake' }]);
      expect((await lanePool.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]!.lock_timeout).toBe('0');
    } finally {
      await user.end();
      await lanePool.end();
    }
  });

  it('does not retry a write whose connection was lost, and goes on with a new connection', async () => {
    const lanePool = new pg.Pool({ connectionString: scratch.url, max: 1 });
    lanePool.on('error', () => undefined);
    lanePool.on('connect', (client) => cacheStatements(client));
    const lane = groupCommitExecutor(lanePool);
    try {
      await pool.query(`TRUNCATE notes`);
      const { rows: [{ pid }] } = await lane.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid, $1::int AS n`, [0]) as { rows: Array<{ pid: number }> };
      const slow = lane.query(`INSERT INTO notes VALUES ($1, 'slow') RETURNING pg_sleep(0.5) IS NULL AS slept`, [7]);
      const slowFailed = expect(slow).rejects.toMatchObject({ severity: 'FATAL', code: '57P01' });
      const next = lane.query(`INSERT INTO notes VALUES ($1, 'next') RETURNING id`, [8]); // not sent yet: behind it
      await new Promise((resolve) => setTimeout(resolve, 150));
      await pool.query(`SELECT pg_terminate_backend($1)`, [pid]);
      await slowFailed;
      expect((await next).rows).toEqual([{ id: 8 }]);
      expect(await stored()).toEqual([8]); // the lost write was not run again
    } finally {
      await lanePool.end();
    }
  });
});
