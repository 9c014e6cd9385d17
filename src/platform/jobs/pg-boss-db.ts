import type { Database, SqlExecutor } from '../db/client.ts';

/** The one method pg-boss needs from a custom `db` (pg-boss 10 `Db` interface). */
export type PgBossDb = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

/** What PGlite offers beyond our SqlExecutor: multi-statement scripts (simple query protocol). */
type PgliteClient = {
  transaction<T>(fn: (tx: { exec(text: string): Promise<Array<{ rows: unknown[] }>> }) => Promise<T>): Promise<T>;
};

/**
 * pg-boss over our own `Database`, so the job queue lives in the same database and uses the same
 * connections as everything else, on PGlite and on PostgreSQL alike (ADR 0006).
 *
 * pg-boss sends two kinds of SQL: single statements with `$n` parameters (fetch, complete, send…),
 * which go through `database.sql` unchanged; and parameterless scripts — its schema construction,
 * migrations and maintenance — written as `BEGIN; …; COMMIT;` with several statements. Those need
 * the simple query protocol, and a failure half-way must not leave the session inside an aborted
 * transaction (PGlite is ONE session shared by the whole app). So each script runs inside our own
 * transaction wrapper: the script's BEGIN / COMMIT only draw "already / no transaction in progress"
 * warnings, and on an error the wrapper's ROLLBACK cleans up before anyone else gets the session.
 */
export function pgBossDb(database: Database): PgBossDb {
  return {
    async executeSql(text, values) {
      if ((values && values.length > 0) || !isScript(text)) return database.sql.query(text, values as unknown[] | undefined);
      if (database.kind === 'postgres') {
        // node-postgres uses the simple protocol for a parameterless query: the script runs as is.
        return database.transaction(async (tx) => lastResult(await tx.query(text)));
      }
      const client = pgliteClient(database);
      return client.transaction(async (tx) => lastResult(await tx.exec(text)));
    },
  };
}

/** pg-boss `db` for one call inside a transaction we already hold (send + audit commit together). */
export function pgBossTransactionDb(tx: SqlExecutor): PgBossDb {
  return { executeSql: (text, values) => tx.query(text, values as unknown[] | undefined) };
}

/** More than one statement: a `;` anywhere but at the very end. pg-boss's single statements never contain one. */
export function isScript(text: string): boolean {
  return text.trim().replace(/;+\s*$/, '').includes(';');
}

function lastResult(result: unknown): { rows: any[] } {
  // node-postgres answers a multi-statement query with an array of results; PGlite's exec always does.
  const last = Array.isArray(result) ? result.at(-1) : result;
  return { rows: (last as { rows?: unknown[] } | undefined)?.rows ?? [] };
}

function pgliteClient(database: Database): PgliteClient {
  // The Drizzle PGlite driver keeps its client as `$client` (drizzle-orm ≥ 0.33); our Database
  // deliberately exposes only parameterised queries, and scripts are needed by pg-boss alone.
  const client = (database.db as unknown as { $client?: PgliteClient }).$client;
  if (!client || typeof client.transaction !== 'function') throw new Error('pg-boss on PGlite: the PGlite client is not reachable from the Drizzle database');
  return client;
}
