import type { SqlExecutor } from '../db/client.ts';
import { executorSource } from '../db/drizzle-executor.ts';

/** An event validated by record-audit.ts, waiting for its place in the chain (opaque here). */
export type PendingAuditEvent = { readonly occurredAt: Date };

/**
 * A statement to send in the same round trip as the audit append, just before it (`sendWithAudits`):
 * it must end in RETURNING, and its text must hold no `$` followed by digits other than its own
 * parameters (they are renumbered when statements are sent together).
 */
export type LastStatement = { text: string; params: unknown[] };

type Pending<E> = { events: E[]; last: LastStatement[]; oneStatement: boolean };

/**
 * Buffers of transactions that append their audit events at the end. Keyed by the executor and by
 * the Drizzle transaction it wraps, so helpers that build their own `executorFor(tx)` buffer too.
 */
const buffers = new WeakMap<object, Pending<PendingAuditEvent>>();

function pendingOf(exec: SqlExecutor): Pending<PendingAuditEvent> | undefined {
  const source = (exec as { [executorSource]?: object })[executorSource];
  return buffers.get(exec) ?? (source ? buffers.get(source) : undefined);
}

/** The buffer `recordAudit` should append to instead of the chain, if `exec` is inside `withDeferredAudits`. */
export function deferredAuditBuffer(exec: SqlExecutor): PendingAuditEvent[] | undefined {
  return pendingOf(exec)?.events;
}

/**
 * Sends `statement` with the transaction's audit append, in the same statement just before it, if
 * `exec` is inside `withDeferredAudits`; otherwise now. For the last writes of a transaction whose
 * results it does not need, above all one that takes a lock other transactions queue for (complaint
 * intake's owner, which locks the handler's workload row): that lock and the audit chain's are then
 * held from this one round trip to the commit. Statements given this way in one transaction are sent
 * together as data-modifying CTEs of that one statement: they see the database as it was before
 * all of them, so none may depend on another's effect.
 */
export async function sendWithAudits(exec: SqlExecutor, statement: LastStatement): Promise<void> {
  const pending = pendingOf(exec);
  if (pending) pending.last.push(statement);
  else await exec.query(statement.text, statement.params);
}

/**
 * Whether `exec` runs inside `withOneStatement`, where every write must be sent with `sendWrite`.
 */
export function writesDeferred(exec: SqlExecutor): boolean {
  return pendingOf(exec)?.oneStatement === true;
}

/**
 * A write for code that also runs inside `withOneStatement` (the outbox's and the compliance
 * refusals' inserts): there it is sent with the audit append at the end (it must then end in
 * RETURNING); anywhere else, now, as usual.
 */
export async function sendWrite(exec: SqlExecutor, statement: LastStatement): Promise<void> {
  const pending = pendingOf(exec);
  if (pending?.oneStatement) pending.last.push(statement);
  else await exec.query(statement.text, statement.params);
}

/**
 * Runs `fn` with every write deferred and sends them all, with the audit events, as ONE statement
 * in autocommit mode at its end: atomic by itself (a statement is its own transaction), with no
 * BEGIN or COMMIT round trip, and the audit chain's lock (and any row lock the writes take) held
 * only while that statement runs. `fn` may read through the executor it is given (each read its own
 * snapshot, as under READ COMMITTED), and must write only through `recordAudit`, `sendWithAudits`
 * and `sendWrite`; none of its writes can see another's effect. Complaint intake uses it: three
 * round trips a request instead of six (npm run bench:complaints).
 */
export async function withOneStatement<T, E extends PendingAuditEvent>(
  sql: SqlExecutor,
  fn: (exec: SqlExecutor) => Promise<T>,
  append: (exec: SqlExecutor, events: E[], last: LastStatement[]) => Promise<unknown>,
): Promise<T> {
  // Not marked autocommit: its writes reach the database only as the one statement.
  const exec: SqlExecutor = { query: (text, params) => sql.query(text, params) };
  const pending: Pending<E> = { events: [], last: [], oneStatement: true };
  buffers.set(exec, pending);
  let result: T;
  try {
    result = await fn(exec);
  } finally {
    buffers.delete(exec);
  }
  await append(sql, pending.events, pending.last);
  return result;
}

/**
 * Runs `fn` (a transaction's work on `exec`) with every `recordAudit` on that transaction buffered,
 * then appends the events, in the order recorded, as one chain segment at the end. Same rows, same
 * transaction; what changes is how long the chain's advisory lock is held: appends serialise every
 * writer, so a lock taken by the first audit of a long transaction (intake, a daily-run batch) and
 * held to its commit caps throughput at one such transaction at a time. `fn` must not read
 * audit_events for its own events (they are not written yet). Nested calls join the outer buffer.
 */
export async function withDeferredAudits<T, E extends PendingAuditEvent>(
  exec: SqlExecutor,
  fn: () => Promise<T>,
  append: (exec: SqlExecutor, events: E[], last: LastStatement[]) => Promise<unknown>,
): Promise<T> {
  if (pendingOf(exec)) return fn();
  const source = (exec as { [executorSource]?: object })[executorSource];
  const pending: Pending<E> = { events: [], last: [], oneStatement: false };
  buffers.set(exec, pending);
  if (source) buffers.set(source, pending);
  let result: T;
  try {
    result = await fn();
  } finally {
    buffers.delete(exec);
    if (source) buffers.delete(source);
  }
  await append(exec, pending.events, pending.last);
  return result;
}
