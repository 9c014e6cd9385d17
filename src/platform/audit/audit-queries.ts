import type { SqlExecutor } from '../db/client.ts';
import { AUDIT_COLUMNS, fromRaw, type AuditRow, type RawAuditRow } from './audit-rows.ts';
import type { AuditFilter } from './audit.contract.ts';

/** WHERE clause for the query API and the CSV export; every value is a bind parameter. */
function where(filter: AuditFilter, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (filter.actor) add((p) => `actor_id = ${p}`, filter.actor);
  if (filter.entityType) add((p) => `entity_type = ${p}`, filter.entityType);
  if (filter.entityId) add((p) => `entity_id = ${p}`, filter.entityId);
  if (filter.action?.endsWith('.*')) add((p) => `action LIKE ${p}`, `${filter.action.slice(0, -2).replace(/[\\%_]/g, (m) => `\\${m}`)}.%`);
  else if (filter.action) add((p) => `action = ${p}`, filter.action);
  if (filter.from) add((p) => `occurred_at >= ${p}::timestamptz`, filter.from);
  if (filter.to) add((p) => `occurred_at < ${p}::timestamptz`, filter.to);
  return parts.length ? parts.join(' AND ') : 'true';
}

/** Newest first, keyset-paginated on seq (stable while events are appended, unlike OFFSET). */
export async function listAuditEvents(
  exec: SqlExecutor,
  filter: AuditFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  let sql = where(filter, params);
  if (page.cursor) {
    params.push(page.cursor);
    sql += ` AND seq < $${params.length}::bigint`;
  }
  const { rows } = await exec.query<RawAuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE ${sql} ORDER BY audit_events.seq DESC LIMIT ${page.limit + 1}`,
    params,
  );
  const items = rows.slice(0, page.limit).map(fromRaw);
  return { items, nextCursor: rows.length > page.limit ? String(items[items.length - 1]!.seq) : null };
}

/** Every matching event, newest first, in batches: the CSV export never holds the result in memory. */
export async function* streamAuditEvents(exec: SqlExecutor, filter: AuditFilter, batchSize = 2000): AsyncGenerator<AuditRow> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listAuditEvents(exec, filter, { limit: batchSize, cursor });
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
