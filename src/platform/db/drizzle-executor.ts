import { sql, type SQL } from 'drizzle-orm';
import type { SqlExecutor, Tx, Db } from './client.ts';

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
 * A SqlExecutor over a Drizzle transaction (or database): lets the audit trail, reallocation and
 * other raw-SQL helpers join the caller's transaction instead of opening their own.
 */
export function executorFor(tx: Tx | Db): SqlExecutor {
  return {
    [executorSource]: tx,
    query: async (text, params) => {
      const result = (await tx.execute(toDrizzleSql(text, params))) as unknown as { rows: never[] };
      return { rows: result.rows };
    },
  } as SqlExecutor;
}
