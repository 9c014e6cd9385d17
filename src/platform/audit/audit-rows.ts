import type { SqlExecutor } from '../db/client.ts';
import type { ChainRow } from './chain-checker.ts';

/**
 * The columns of audit_events in a driver-neutral form: jsonb as text (parsed here) and the instant
 * formatted by PostgreSQL itself, so PGlite and node-postgres (and Drizzle's own type parsers, when
 * called through executorFor) hand back exactly the strings that were hashed.
 * NB: the output column "seq" is text, so ORDER BY must name audit_events.seq (numeric order).
 */
export const AUDIT_COLUMNS = `seq::text AS seq, id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  actor_id, actor_kind, actor_role, action, entity_type, entity_id,
  before::text AS before, after::text AS after, diff::text AS diff, reason, request_id, prev_hash, hash`;

export type RawAuditRow = {
  seq: string; id: string; occurred_at: string; actor_id: string; actor_kind: string; actor_role: string | null;
  action: string; entity_type: string; entity_id: string; before: string | null; after: string | null; diff: string | null;
  reason: string | null; request_id: string | null; prev_hash: string; hash: string;
};

export type AuditRow = ChainRow;

export function fromRaw(r: RawAuditRow): AuditRow {
  const json = (t: string | null) => (t === null ? null : JSON.parse(t));
  return {
    seq: Number(r.seq), id: r.id, occurredAt: r.occurred_at, actorId: r.actor_id, actorKind: r.actor_kind,
    actorRole: r.actor_role, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
    before: json(r.before), after: json(r.after), diff: json(r.diff), reason: r.reason, requestId: r.request_id,
    prevHash: r.prev_hash, hash: r.hash,
  };
}

/**
 * Every row in (seq, id) order, fetched in keyset batches so memory stays flat on millions of rows.
 * Keyset on (seq, id) rather than seq alone, so two rows sharing a seq (a tampered table without its
 * primary key) are both seen.
 */
export async function* streamAuditRows(exec: SqlExecutor, batchSize = 5000): AsyncGenerator<AuditRow> {
  let after: { seq: string; id: string } | null = null;
  for (;;) {
    const result: { rows: RawAuditRow[] } = after
      ? await exec.query<RawAuditRow>(
          `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE (seq, id) > ($1::bigint, $2::uuid) ORDER BY audit_events.seq, audit_events.id LIMIT ${batchSize}`,
          [after.seq, after.id],
        )
      : await exec.query<RawAuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events ORDER BY audit_events.seq, audit_events.id LIMIT ${batchSize}`);
    const rows: RawAuditRow[] = result.rows;
    for (const r of rows) yield fromRaw(r);
    if (rows.length < batchSize) return;
    const last: RawAuditRow = rows[rows.length - 1]!;
    after = { seq: last.seq, id: last.id };
  }
}
