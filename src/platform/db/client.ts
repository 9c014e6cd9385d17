import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { cacheStatements } from './statement-cache.ts';
import { groupCommitExecutor } from './group-commit.ts';
import { encodeArrayParameters } from './array-parameters.ts';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. Transactions have the same type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Raw parameterised SQL for bulk paths (imports, benchmarks) where building Drizzle objects per
 * row would dominate the cost. Same `$1` placeholders on both drivers.
 */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Executors that run each statement in its own transaction (a database's `sql`, `executorFor` of a
 * database rather than a transaction). The audit trail refuses them: an event must commit with the
 * change it records.
 */
const autocommitExecutors = new WeakSet<object>();
export function markAutocommit<T extends SqlExecutor>(exec: T): T {
  autocommitExecutors.add(exec);
  return exec;
}
export const isAutocommitExecutor = (exec: SqlExecutor): boolean => autocommitExecutors.has(exec);

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  sql: SqlExecutor;
  /** Run `fn` on one connection inside BEGIN/COMMIT (rolls back on throw). */
  transaction<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Where a write that is one autocommit statement goes (audit withOneStatement): on PostgreSQL,
   * concurrent ones are committed together (./group-commit.ts); on PGlite, `sql`.
   */
  oneStatementWrites: SqlExecutor;
  close(): Promise<void>;
};

// int8 comes back from node-postgres as a string; our bigints are fen amounts and counts that fit
// a JS safe integer. Refuse loudly rather than round silently if one ever does not.
pg.types.setTypeParser(20, (text) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return n;
});

const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export type OpenDatabaseOptions =
  | { kind: 'pglite'; dataDir?: string } // dataDir undefined = in memory
  | {
    kind: 'postgres';
    url: string;
    maxConnections?: number;
    /** Name parameterised statements so each connection parses and plans them once (./statement-cache.ts); default true. */
    preparedStatements?: boolean;
  };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === 'pglite') {
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const sql = markAutocommit<SqlExecutor>({
      query: async (text, params) => ({ rows: (await client.query(text, params)).rows as never[] }),
    });
    return {
      kind: 'pglite',
      db,
      sql,
      oneStatementWrites: sql, // one connection, one statement at a time: nothing to group
      // PGlite is a single connection; its transaction() serialises callers for us.
      transaction: (fn) =>
        client.transaction(async (t) =>
          fn({ query: async (text, params) => ({ rows: (await t.query(text, params)).rows as never[] }) }),
        ),
      close: () => client.close(),
    };
  }
  // Idle connections are kept 5 minutes, not node-postgres's 10 s: each one holds the statements it
  // has prepared (statement-cache.ts), and after 10 s without writes (a quiet spell, or only health
  // checks) the next burst paid new connections and re-prepared statements. In npm run
  // bench:complaints the 100/s run after the health run began with 115–211 ms waits; 5 minutes is
  // still shorter than the idle timeouts of most firewalls. Every command closes its pool (app.close()),
  // so no process waits on these connections to exit.
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10, idleTimeoutMillis: 300_000 });
  // An idle client can be terminated by the server (restart, DROP DATABASE … FORCE in tests); without
  // a listener node-postgres would crash the process. The pool replaces the client on next use.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL idle client error: ${err.message}`));
  if (options.preparedStatements !== false) pool.on('connect', (client) => cacheStatements(client));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migratePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  const sql = markAutocommit<SqlExecutor>({ query: async (text, params) => pool.query(text, encodeArrayParameters(params) as never[]) as never });
  return {
    kind: 'postgres',
    db,
    sql,
    // Group commit pipelines prepared statements: without them (a transaction-mode pooler) each
    // write goes straight to the pool, as before.
    oneStatementWrites: options.preparedStatements !== false ? markAutocommit(groupCommitExecutor(pool)) : sql,
    transaction: async (fn) => {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn({ query: async (text, params) => conn.query(text, encodeArrayParameters(params) as never[]) as never });
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
