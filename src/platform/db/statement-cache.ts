import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Most statements per connection that get a name. A statement whose text varies with its input
 * (a multi-row VALUES list, an IN list) is a new text for each length: past the limit a connection
 * sends new texts unnamed, as before, so its server-side memory stays bounded.
 */
export const STATEMENT_CACHE_LIMIT = 400;

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

/**
 * Named (server-side prepared) statements for every parameterised query on a node-postgres
 * connection: the name is a hash of the text, so the first execution on a connection parses it and
 * later ones only bind and execute. PostgreSQL then skips parsing, and after five executions with
 * a plan no costlier than the custom ones it also skips planning (plan_cache_mode = auto). Measured
 * on complaint intake (15 statements, npm run bench:complaints): PostgreSQL CPU per intake 5.9 ms →
 * 3.9–4.7 ms. postgres.js, for one, prepares every statement by default for the same reason.
 *
 * Left unnamed: statements without parameters (they may hold several commands, which cannot be
 * prepared; BEGIN, COMMIT and SET gain nothing), statements that already have a name, and
 * submittables (cursors, streams). Off (`DATABASE_PREPARED_STATEMENTS=false`) for a pooler that
 * hands one client's statements to other server connections, as PgBouncer's transaction mode does.
 *
 * Trade-off: a prepared statement keeps its result columns; if a table it reads with `*` is altered
 * while the server runs, its next execution fails once ("cached plan must not change result type").
 * Migrations run before the server serves.
 */
export function cacheStatements(client: pg.PoolClient, limit = STATEMENT_CACHE_LIMIT): void {
  const named = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const nameFor = (text: string): string | undefined => {
    const name = statementName(text);
    if (named.has(name)) return name;
    if (named.size >= limit) return undefined;
    named.add(name);
    return name;
  };
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    // The call shapes node-postgres accepts: (text, values?, cb?) and (config, values?, cb?).
    const params = Array.isArray(values) ? values : typeof config === 'object' && config !== null ? (config as QueryConfig).values : undefined;
    const text = typeof config === 'string' ? config : typeof config === 'object' && config !== null ? (config as QueryConfig).text : undefined;
    const eligible = typeof text === 'string' && Array.isArray(params) && params.length > 0
      && !(typeof config === 'object' && config !== null && ((config as QueryConfig).name || typeof (config as QueryConfig).submit === 'function'));
    const name = eligible ? nameFor(text) : undefined;
    if (!name) return query(config, values, callback);
    const base = typeof config === 'string' ? { text } : (config as object);
    return query({ ...base, name, values: params }, typeof values === 'function' ? values : callback);
  };
}

/** A statement's name on every connection: a hash of its text. */
export function statementName(text: string): string {
  return `ld_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
}

/** The statement's name if this connection has already prepared it (group-commit.ts pipelines only those). */
export function preparedOn(client: pg.PoolClient, text: string): string | undefined {
  const name = statementName(text);
  // node-postgres's own record of what this connection has parsed (not public API: if it ever
  // moves, nothing is pipelined and every write simply runs alone).
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
  return parsed?.[name] === text ? name : undefined;
}
