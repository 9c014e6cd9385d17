import { is, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { markAutocommit, type SqlExecutor, type Tx, type Db } from './client.ts';
import { encodeArrayParameters } from './array-parameters.ts';

/** Turns "$1"-style text + params into a Drizzle SQL object, so raw helpers run inside a Drizzle transaction. */
export function toDrizzleSql(text: string, params: unknown[] = []): SQL {
  const chunks: SQL[] = [];
  const re = /\$(\d+)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${sql.param(params[Number(m[1]) - 1])}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** The Drizzle transaction an executor wraps (so per-transaction state, such as deferred audits, follows it). */
export const executorSource = Symbol('loandesk.executor-source');

/**
 * How Drizzle reads raw query results (its drivers' "raw query" settings): timestamps, dates and
 * intervals, and arrays of them, as the database's text, not as JS Dates. The direct path below
 * passes the same settings, so helpers see exactly the values they saw through `tx.execute`.
 */
const TEXT_TYPE_OIDS = [1114, 1184, 1082, 1186, 1231, 1115, 1185, 1187, 1182];
const asText = (value: string) => value;
const NODE_PG_TYPES = {
  getTypeParser: (oid: number, format?: string) => (TEXT_TYPE_OIDS.includes(oid) ? asText : pg.types.getTypeParser(oid, format as 'text')),
};
const PGLITE_OPTIONS = { rowMode: 'object', parsers: Object.fromEntries(TEXT_TYPE_OIDS.map((oid) => [oid, asText])) };

type NodePgQueryable = { query(config: { text: string; values: unknown[]; types: typeof NODE_PG_TYPES }): Promise<{ rows: unknown[] }> };
type PgliteQueryable = { exec: unknown; query(text: string, params: unknown[], options: typeof PGLITE_OPTIONS): Promise<{ rows: unknown[] }> };

/**
 * A SqlExecutor over a Drizzle transaction (or database): lets the audit trail, reallocation and
 * other raw-SQL helpers join the caller's transaction instead of opening their own.
 *
 * The text goes straight to the connection Drizzle holds for the transaction (a node-postgres
 * client, or PGlite's transaction) with Drizzle's own result settings. Going through `tx.execute`
 * meant splitting the text into a Drizzle SQL object and Drizzle rebuilding the same text from it:
 * about a twentieth of complaint intake's CPU (npm run bench:complaints). A session without such a
 * connection falls back to that path.
 */
export function executorFor(tx: Tx | Db): SqlExecutor {
  const client = (tx as unknown as { session?: { client?: { query?: unknown; exec?: unknown } } }).session?.client;
  let query: SqlExecutor['query'];
  if (typeof client?.query !== 'function') {
    query = async (text, params) => ({ rows: ((await tx.execute(toDrizzleSql(text, params))) as unknown as { rows: never[] }).rows });
  } else if ('exec' in client) {
    query = async (text, params) => ({ rows: (await (client as PgliteQueryable).query(text, params ?? [], PGLITE_OPTIONS)).rows as never[] });
  } else {
    query = async (text, params) => ({ rows: (await (client as NodePgQueryable).query({ text, values: encodeArrayParameters(params) ?? [], types: NODE_PG_TYPES })).rows as never[] });
  }
  const exec = { [executorSource]: tx, query } as SqlExecutor;
  return is(tx, PgTransaction) ? exec : markAutocommit(exec);
}
