import { expect } from 'vitest';
import type { Database, SqlExecutor } from '../../src/platform/db/client.ts';

/**
 * For the reference-guard triggers that replace foreign keys (migrations 0017, 0018, 0020): inserts
 * a child row in a transaction left open, starts `remove` (a delete of its parent) on another
 * connection, checks that it waits for the inserting transaction, then commits that transaction
 * and returns the delete's outcome (wrapped: an async function would await it) for the caller to assert. PostgreSQL only (PGlite has one connection).
 */
export async function deleteDuringUncommittedInsert(
  db: Database, insert: (exec: SqlExecutor) => Promise<unknown>, remove: () => Promise<unknown>,
): Promise<{ outcome: Promise<unknown> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let inserted!: () => void;
  const insertDone = new Promise<void>((resolve) => (inserted = resolve));
  const inserting = db.transaction(async (exec) => {
    await insert(exec);
    inserted();
    await held; // uncommitted until released
  });
  await insertDone;
  let settled = false;
  const removing = remove().finally(() => (settled = true));
  removing.catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
  expect(settled).toBe(false); // waiting for the inserting transaction
  release();
  await inserting;
  return { outcome: removing };
}
