import type { SqlExecutor } from '../db/client.ts';
import { executorSource } from '../db/drizzle-executor.ts';

/** An event validated by record-audit.ts, waiting for its place in the chain (opaque here). */
export type PendingAuditEvent = { readonly occurredAt: Date };

/**
 * Buffers of transactions that append their audit events at the end. Keyed by the executor and by
 * the Drizzle transaction it wraps, so helpers that build their own `executorFor(tx)` buffer too.
 */
const buffers = new WeakMap<object, PendingAuditEvent[]>();

/** The buffer `recordAudit` should append to instead of the chain, if `exec` is inside `withDeferredAudits`. */
export function deferredAuditBuffer(exec: SqlExecutor): PendingAuditEvent[] | undefined {
  const source = (exec as { [executorSource]?: object })[executorSource];
  return buffers.get(exec) ?? (source ? buffers.get(source) : undefined);
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
  append: (exec: SqlExecutor, events: E[]) => Promise<unknown>,
): Promise<T> {
  if (deferredAuditBuffer(exec)) return fn();
  const source = (exec as { [executorSource]?: object })[executorSource];
  const pending: E[] = [];
  buffers.set(exec, pending);
  if (source) buffers.set(source, pending);
  let result: T;
  try {
    result = await fn();
  } finally {
    buffers.delete(exec);
    if (source) buffers.delete(source);
  }
  await append(exec, pending);
  return result;
}
