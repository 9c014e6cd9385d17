import { randomUUID } from 'node:crypto';
import { isAutocommitExecutor, type Database, type SqlExecutor } from '../db/client.ts';
import { actorId, type Actor } from '../auth/actor.ts';
import { canonicalJson, type JsonValue } from './canonical-json.ts';
import { auditEventBodyOf, computeDiff } from './audit-hash.ts';
import { isAuditAction, type AuditAction } from './audit-actions.ts';
import { deferredAuditBuffer, withDeferredAudits as deferAudits, withOneStatement as oneStatement, type LastStatement } from './deferred-audits.ts';

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
 * Runs `fn` with all of its writes and audit events sent at its end as one autocommit statement on
 * `database.oneStatementWrites` (see ./deferred-audits.ts withOneStatement): atomic, and no BEGIN or
 * COMMIT; concurrent ones are committed together on PostgreSQL (platform/db/group-commit.ts).
 */
export function withOneStatement<T>(database: Pick<Database, 'sql' | 'oneStatementWrites'>, fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
  return oneStatement<T, PreparedEvent>(database.sql, fn, (_, events, last) => appendPrepared(database.oneStatementWrites, events, last, true));
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

/** An event validated at the call, its states as plain JSON data and as their canonical JSON text (null: none). */
type PreparedEvent = { event: AuditEventInput; occurredAt: Date; before: JsonValue | null; after: JsonValue | null; beforeJson: string | null; afterJson: string | null };

function prepareEvent({ event, occurredAt = new Date() }: { event: AuditEventInput; occurredAt?: Date }): PreparedEvent {
  if (!isAuditAction(event.action)) throw new TypeError(`recordAudit: unknown audit action "${event.action}"`);
  if (!event.entityType || !event.entityId) throw new TypeError('recordAudit: entityType and entityId are required');
  if (Number.isNaN(occurredAt.getTime())) throw new TypeError('recordAudit: invalid occurredAt');
  const beforeJson = event.before == null ? null : canonicalJson(event.before);
  const afterJson = event.after == null ? null : canonicalJson(event.after);
  // Parsed back: what jsonb will hand back (Dates as ISO strings), for the diff and the secrets check.
  const before = beforeJson === null ? null : (JSON.parse(beforeJson) as JsonValue);
  const after = afterJson === null ? null : (JSON.parse(afterJson) as JsonValue);
  assertNoSecrets(before, 'before');
  assertNoSecrets(after, 'after');
  return { event, occurredAt, before, after, beforeJson, afterJson };
}

/**
 * One statement: `audit_append()` (migration 0022) takes the chain's lock, reads its head, chains
 * the hashes over the bodies built here and inserts the rows; after the transaction's `last`
 * statement (`sendWithAudits`), if it has one. The lock serialises every writer of
 * the application until its commit, so the append is best the transaction's last statement
 * (`withDeferredAudits`): the lock is then held for this one round trip and the COMMIT.
 */
async function appendPrepared(exec: SqlExecutor, prepared: PreparedEvent[], last: LastStatement[] = [], oneStatement = false): Promise<void> {
  if (!oneStatement) {
    if (prepared.length === 0) {
      for (const statement of last) await exec.query(statement.text, statement.params);
      return;
    }
    // An autocommit executor would write the events in their own transaction, not with the change they record.
    if (isAutocommitExecutor(exec)) throw new Error('recordAudit must run inside a transaction (use database.transaction or executorFor(tx))');
  } else if (prepared.length === 0 && last.length === 0) {
    return;
  }
  const cols: unknown[][] = Array.from({ length: 14 }, () => []);
  for (const { event, occurredAt, before, after, beforeJson, afterJson } of prepared) {
    const fields = {
      id: randomUUID(),
      occurredAt: occurredAt.toISOString(),
      actorId: actorId(event.actor),
      actorKind: event.actor.kind,
      actorRole: event.actor.kind === 'staff' ? event.actor.role : null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      reason: event.reason ?? null,
      requestId: event.requestId ?? null,
    };
    const diff = computeDiff(before, after);
    const diffJson = diff === null ? null : canonicalJson(diff);
    // The states' canonical JSON serves twice: as the jsonb columns and inside the hashed body.
    const body = auditEventBodyOf(fields, { before: beforeJson ?? 'null', after: afterJson ?? 'null', diff: diffJson ?? 'null' });
    const row = [
      fields.id, fields.occurredAt, fields.actorId, fields.actorKind, fields.actorRole, fields.action, fields.entityType, fields.entityId,
      beforeJson, afterJson, diffJson, fields.reason, fields.requestId, body,
    ];
    row.forEach((v, i) => cols[i]!.push(v));
  }
  // The last statements first, in the order given and each to completion, then the append. Each is
  // counted in a FROM item (every data-modifying CTE then runs to its end), each count laterally
  // after the one before, and the WHERE clause uses the last, so all of them are read before the
  // target list calls audit_append. A count the query did not use would be planned away, and the
  // CTEs would then run after the append, taking their locks after the chain's (migration 0023).
  const params: unknown[] = [];
  const ctes = last.map((statement, i) => {
    const offset = params.length;
    params.push(...statement.params);
    return `last_${i} AS (${offset === 0 ? statement.text : statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  const types = ['uuid', ...Array<string>(13).fill('text')];
  const append = `SELECT audit_append(${types.map((t, i) => `$${params.length + i + 1}::${t}[]`).join(', ')}) AS n`;
  const { rows: [written] } = await exec.query<{ n: number }>(
    ctes.length === 0
      ? append
      : `WITH ${ctes.join(', ')} ${append}
           FROM (SELECT count(*) AS n FROM last_0) AS done_0
                ${last.slice(1).map((_, k) => `CROSS JOIN LATERAL (SELECT count(*) + done_${k}.n AS n FROM last_${k + 1}) AS done_${k + 1}`).join(' ')}
          WHERE done_${last.length - 1}.n >= 0`,
    [...params, ...cols],
  );
  if (Number(written?.n) !== prepared.length) throw new Error(`audit_append wrote ${String(written?.n)} of ${prepared.length} events`);
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
