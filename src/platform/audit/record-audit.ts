import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor } from '../db/client.ts';
import { actorId, type Actor } from '../auth/actor.ts';
import { toJsonValue, type JsonValue } from './canonical-json.ts';
import { auditEventHash, computeDiff, GENESIS_HASH, type HashedAuditFields } from './audit-hash.ts';
import { isAuditAction, type AuditAction } from './audit-actions.ts';
import { deferredAuditBuffer, withDeferredAudits as deferAudits } from './deferred-audits.ts';

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
 * One advisory-lock key for every append, taken by audit_chain_head() (drizzle/0014): the two-int
 * form, so it shows up recognisably in pg_locks as classid 0x4C444155 'LDAU', objid 1. Works the
 * same on PostgreSQL and PGlite.
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
 * of the transaction to keep the lock short, or run the transaction's work in `withDeferredAudits`.
 */
export async function recordAudit(exec: SqlExecutor, event: AuditEventInput, occurredAt: Date = new Date()): Promise<void> {
  await recordAudits(exec, [{ event, occurredAt }]);
}

/**
 * Runs `fn` with the audit events of the transaction behind `exec` buffered, and appends them in
 * one call at its end (see ./deferred-audits.ts): the chain lock is then held only from that append
 * to the commit.
 */
export function withDeferredAudits<T>(exec: SqlExecutor, fn: () => Promise<T>): Promise<T> {
  return deferAudits<T, PreparedEvent>(exec, fn, appendPrepared);
}

/**
 * Appends several events, in the order given, as one chain segment: one lock, one read of the
 * chain's head, the hashes chained in JS, one INSERT. The same rows as that many `recordAudit`
 * calls in a row (bulk paths such as the daily collections run queue thousands of messages, each
 * with its own event). Every event is validated before anything is written.
 */
export async function recordAudits(exec: SqlExecutor, events: ReadonlyArray<{ event: AuditEventInput; occurredAt?: Date }>): Promise<void> {
  const prepared = events.map(prepareEvent); // validated at the call, deferred or not
  const buffer = deferredAuditBuffer(exec);
  if (buffer) (buffer as PreparedEvent[]).push(...prepared);
  else await appendPrepared(exec, prepared);
}

type PreparedEvent = { event: AuditEventInput; occurredAt: Date; before: JsonValue | null; after: JsonValue | null };

function prepareEvent({ event, occurredAt = new Date() }: { event: AuditEventInput; occurredAt?: Date }): PreparedEvent {
  if (!isAuditAction(event.action)) throw new TypeError(`recordAudit: unknown audit action "${event.action}"`);
  if (!event.entityType || !event.entityId) throw new TypeError('recordAudit: entityType and entityId are required');
  if (Number.isNaN(occurredAt.getTime())) throw new TypeError('recordAudit: invalid occurredAt');
  const before = event.before == null ? null : toJsonValue(event.before);
  const after = event.after == null ? null : toJsonValue(event.after);
  assertNoSecrets(before, 'before');
  assertNoSecrets(after, 'after');
  return { event, occurredAt, before, after };
}

/**
 * The lock and the chain's head in one call (`audit_chain_head()`, migration 0014: a function, so the
 * head is read with a snapshot taken after the lock was granted), the hashes chained in JS, one
 * INSERT. The lock serialises every writer of the application until its commit, so the fewer round
 * trips it is held for, the better.
 */
async function appendPrepared(exec: SqlExecutor, prepared: PreparedEvent[]): Promise<void> {
  if (prepared.length === 0) return;
  const { rows } = await exec.query<{ seq: unknown; hash: string | null }>(`SELECT seq, hash FROM audit_chain_head()`);
  const last = rows[0]!;

  let seq = last.seq == null ? 0 : Number(last.seq);
  let prevHash = last.hash ?? GENESIS_HASH;
  const json = (v: JsonValue | null) => (v === null ? null : JSON.stringify(v));
  const cols: unknown[][] = Array.from({ length: 16 }, () => []);
  for (const { event, occurredAt, before, after } of prepared) {
    seq++;
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
    const row = [
      seq, fields.id, fields.occurredAt, fields.actorId, fields.actorKind, fields.actorRole, fields.action,
      fields.entityType, fields.entityId, json(before), json(after), json(fields.diff), fields.reason, fields.requestId,
      prevHash, hash,
    ];
    row.forEach((v, i) => cols[i]!.push(v));
    prevHash = hash;
  }
  // Written only while this connection still holds the chain's lock. Outside a transaction the lock
  // ended with audit_chain_head()'s own statement (or the pool ran it on another connection): the
  // append would race other writers and not commit with the caller's change, so nothing is written.
  const { rows: written } = await exec.query(
    `INSERT INTO audit_events (seq, id, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, entity_id,
                               before, after, diff, reason, request_id, prev_hash, hash)
     SELECT u.seq, u.id, u.occurred_at::timestamptz, u.actor_id, u.actor_kind, u.actor_role, u.action, u.entity_type, u.entity_id,
            u.before::jsonb, u.after::jsonb, u.diff::jsonb, u.reason, u.request_id, u.prev_hash, u.hash
       FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
         AS u(seq, id, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, entity_id, before, after, diff, reason, request_id, prev_hash, hash)
      WHERE EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                      AND classid = ${LOCK_CLASS} AND objid = ${LOCK_OBJECT} AND objsubid = 2)
      ORDER BY u.seq
     RETURNING seq`,
    cols,
  );
  if (written.length !== prepared.length) throw new Error('recordAudit must run inside a transaction (use database.transaction or executorFor(tx))');
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
