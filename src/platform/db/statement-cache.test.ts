import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { checkPostgres, createScratchPostgresDatabase } from '../../../test/support/databases.ts';
import { openDatabase, type Database } from './client.ts';
import { cacheStatements } from './statement-cache.ts';

const reachable = await checkPostgres();

describe.skipIf(!reachable)('cacheStatements: named statements per PostgreSQL connection', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let pool: pg.Pool;
  const prepared = async (client: pg.PoolClient) =>
    (await client.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)).rows.map((r) => r.statement);

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    pool = new pg.Pool({ connectionString: scratch.url, max: 1 });
    // pool.end() does not wait for its clients' sockets to close, so the scratch database's
    // DROP … WITH (FORCE) can terminate one still closing (group-commit.test.ts has the same guard).
    pool.on('error', () => undefined);
    pool.on('connect', (client) => cacheStatements(client, 3));
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await scratch?.drop();
  });

  it('prepares a parameterised statement once and answers every execution with its own values', async () => {
    const client = await pool.connect();
    try {
      const text = `SELECT $1::int * 2 AS doubled, $2::text AS label`;
      const answers = [];
      for (let i = 1; i <= 7; i++) answers.push((await client.query(text, [i, `第${i}次`])).rows[0]);
      expect(answers).toEqual(Array.from({ length: 7 }, (_, k) => ({ doubled: (k + 1) * 2, label: `第${k + 1}次` })));
      expect((await prepared(client)).filter((s) => s === text)).toHaveLength(1);
      // The config-object form (Drizzle's) shares the same statement, with its own row mode.
      expect((await client.query({ text, values: [5, 'x'], rowMode: 'array' })).rows).toEqual([[10, 'x']]);
      expect((await prepared(client)).filter((s) => s === text)).toHaveLength(1);
    } finally {
      client.release();
    }
  });

  it('leaves statements without parameters unnamed, so several commands in one text still run', async () => {
    const client = await pool.connect();
    try {
      await client.query(`CREATE TEMP TABLE cache_probe (n int); INSERT INTO cache_probe VALUES (1), (2)`);
      expect((await client.query(`SELECT count(*)::int AS n FROM cache_probe`)).rows).toEqual([{ n: 2 }]);
      expect((await prepared(client)).some((s) => s.includes('cache_probe'))).toBe(false);
    } finally {
      client.release();
    }
  });

  it('a statement that fails to parse is not taken as prepared: the connection goes on working', async () => {
    const client = await pool.connect();
    try {
      await expect(client.query(`SELEKT $1::int`, [1])).rejects.toThrow(/syntax error/);
      await expect(client.query(`SELEKT $1::int`, [1])).rejects.toThrow(/syntax error/); // parsed again, not "does not exist"
      expect((await client.query(`SELECT $1::int * 2 AS doubled, $2::text AS label`, [4, 'y'])).rows).toEqual([{ doubled: 8, label: 'y' }]);
    } finally {
      client.release();
    }
  });
  it('stops naming new texts at the limit and still runs them', async () => {
    const client = await pool.connect();
    try {
      const results = [];
      for (let i = 0; i < 6; i++) results.push((await client.query(`SELECT $1::int + ${i} AS n`, [10])).rows[0].n);
      expect(results).toEqual([10, 11, 12, 13, 14, 15]);
      expect(await prepared(client)).toHaveLength(2); // names handed out: the first test's, the failed one's (never prepared) and one of these
    } finally {
      client.release();
    }
  });

});

describe.skipIf(!reachable)('openDatabase: prepared statements on by default, off on request', () => {
  const opened: Array<{ database: Database; drop: () => Promise<void> }> = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.database.close();
      await o.drop();
    }
  });
  const statementsAfterTransaction = async (preparedStatements?: boolean) => {
    const scratch = await createScratchPostgresDatabase();
    const database = await openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 1, ...(preparedStatements === undefined ? {} : { preparedStatements }) });
    opened.push({ database, drop: scratch.drop });
    return database.transaction(async (sql) => {
      await sql.query(`SELECT $1::text AS probe`, ['客户']);
      return (await sql.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements`)).rows.map((r) => r.statement);
    });
  };

  it('names statements by default', async () => {
    expect(await statementsAfterTransaction()).toContain(`SELECT $1::text AS probe`);
  }, 60_000);

  it('sends them unnamed with preparedStatements: false (a pooler in transaction mode)', async () => {
    expect(await statementsAfterTransaction(false)).not.toContain(`SELECT $1::text AS probe`);
  }, 60_000);
});
