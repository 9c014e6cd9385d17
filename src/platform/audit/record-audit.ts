import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor } from '../db/client.ts';
import { actorId, type Actor } from '../auth/actor.ts';
import { toJsonValue, type JsonValue } from './canonical-json.ts';
import { auditEventHash, computeDiff, GENESIS_HASH, type HashedAuditFields } from './audit-hash.ts';
import { isAuditAction, type AuditAction } from './audit-actions.ts';

export type AuditEventInput = {
  actor: Actor;
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
  requestId?: string | null;
};

/**
 * One advisory-lock key for every append (the two-int form, so it shows up recognisably in
 * pg_locks as classid 0x4C444155 'LDAU', objid 1). Works the same on PostgreSQL and PGlite.
 */
const LOCK_CLASS = 0x4c444155;
const LOCK_OBJECT = 1;

/**
 * Keys that must never reach the audit trail: it is kept for years and read by auditors, so it
 * holds masked or reference values only (PIPL art. 51 minimisation; ADR 0003 for ID numbers).
 */
const FORBIDDEN_KEYS = /^(password|passwordhash|newpassword|token|sessiontoken|csrftoken|secret|idnumber|idnumberciphertext)$/i;

/**
 * Appends one event to the hash chain. Runs INSIDE the caller's transaction, so the state change
 * and its audit row commit together or not at all; from a Drizzle transaction pass
 * `executorFor(tx)`. The advisory lock is held until that transaction ends, which serialises
 * appends (seq gap-free, every prev_hash the true predecessor): record the event as the last step
 * of the transaction to keep the lock short.
 */
export async function recordAudit(
  exec: SqlExecutor,
  event: AuditEventInput,
  occurredAt: Date = new Date(),
): Promise<{ seq: number; hash: string; id: string }> {
  if (!isAuditAction(event.action)) throw new TypeError(`recordAudit: unknown audit action "${event.action}"`);
  if (!event.entityType || !event.entityId) throw new TypeError('recordAudit: entityType and entityId are required');
  if (Number.isNaN(occurredAt.getTime())) throw new TypeError('recordAudit: invalid occurredAt');
  const before = event.before == null ? null : toJsonValue(event.before);
  const after = event.after == null ? null : toJsonValue(event.after);
  assertNoSecrets(before, 'before');
  assertNoSecrets(after, 'after');

  await exec.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${LOCK_OBJECT})`);
  const { rows } = await exec.query<{ seq: unknown; hash: string | null; locked: boolean }>(
    `SELECT e.seq, e.hash,
            EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                      AND classid = ${LOCK_CLASS} AND objid = ${LOCK_OBJECT} AND objsubid = 2) AS locked
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS e ON true`,
  );
  const last = rows[0]!;
  // An xact lock taken outside a transaction is released at once (or the pool hands the next query
  // to another connection): the append would race and not commit with the caller's change.
  if (!last.locked) throw new Error('recordAudit must run inside a transaction (use database.transaction or executorFor(tx))');

  const seq = last.seq == null ? 1 : Number(last.seq) + 1;
  const prevHash = last.hash ?? GENESIS_HASH;
  const fields: HashedAuditFields = {
    id: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    actorId: actorId(event.actor),
    actorKind: event.actor.kind,
    actorRole: event.actor.kind === 'staff' ? event.actor.role : null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before,
    after,
    diff: computeDiff(before, after),
    reason: event.reason ?? null,
    requestId: event.requestId ?? null,
  };
  const hash = auditEventHash(prevHash, fields);
  const json = (v: JsonValue | null) => (v === null ? null : JSON.stringify(v));
  await exec.query(
    `INSERT INTO audit_events (seq, id, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, entity_id,
                               before, after, diff, reason, request_id, prev_hash, hash)
     VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, $16)`,
    [
      seq, fields.id, fields.occurredAt, fields.actorId, fields.actorKind, fields.actorRole, fields.action,
      fields.entityType, fields.entityId, json(before), json(after), json(fields.diff), fields.reason, fields.requestId,
      prevHash, hash,
    ],
  );
  return { seq, hash, id: fields.id };
}

/**
 * Runs `fn` in a transaction with an `audit` function bound to it: the usual shape for a raw-SQL
 * state change plus its audit event.
 */
export function withAudit<T>(
  database: Pick<Database, 'transaction'>,
  fn: (exec: SqlExecutor, audit: (event: AuditEventInput, occurredAt?: Date) => ReturnType<typeof recordAudit>) => Promise<T>,
): Promise<T> {
  return database.transaction((exec) => fn(exec, (event, occurredAt) => recordAudit(exec, event, occurredAt)));
}

function assertNoSecrets(value: JsonValue | null, path: string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) return value.forEach((v, i) => assertNoSecrets(v, `${path}[${i}]`));
  for (const [key, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.test(key)) throw new TypeError(`recordAudit: "${path}.${key}" must not be written to the audit trail (mask it or omit it)`);
    assertNoSecrets(v, `${path}.${key}`);
  }
}
