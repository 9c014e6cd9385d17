import { and, asc, eq, gt, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { executorFor } from '../db/drizzle-executor.ts';
import type { CalendarDate } from '../time/calendar-date.ts';
import type { EvidenceBlobStore } from './blob-store.ts';
import { evidenceItems } from './evidence.schema.ts';
import { evidenceStoreFor } from './evidence-service.ts';

export type RetentionResult = {
  asOf: CalendarDate;
  dryRun: boolean;
  /** Items whose retention ended before asOf (marked removed, or that would be in a dry run). */
  removed: Array<{ id: string; sha256: string; retentionUntil: string; originalFileName: string }>;
  /** Blobs deleted (or that would be): a blob shared with an item still under retention is kept. */
  blobsDeleted: number;
  failures: Array<{ sha256: string; error: string }>;
};

/**
 * The only path that deletes evidence content. PIPL art. 19 / art. 47: personal information is kept
 * no longer than needed, so content is deleted once `retention_until` has passed (the day after);
 * the metadata row stays, stamped `removed_at`, and each removal is audited — the record that a
 * file existed, what it was and when it was destroyed is itself part of the chain of custody.
 */
export async function applyEvidenceRetention(
  deps: AppDeps,
  today: CalendarDate,
  options: { dryRun?: boolean; store?: EvidenceBlobStore; actor?: Actor; batchSize?: number } = {},
): Promise<RetentionResult> {
  const { db } = deps.database;
  const store = options.store ?? evidenceStoreFor(deps);
  const actor = options.actor ?? systemActor('evidence-retention');
  const result: RetentionResult = { asOf: today, dryRun: Boolean(options.dryRun), removed: [], blobsDeleted: 0, failures: [] };
  const due = and(isNull(evidenceItems.removedAt), lt(evidenceItems.retentionUntil, today));
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.select().from(evidenceItems).where(and(due, gt(evidenceItems.id, lastId))).orderBy(asc(evidenceItems.id)).limit(options.batchSize ?? 500);
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1]!.id;
    for (const r of batch) result.removed.push({ id: r.id, sha256: r.sha256, retentionUntil: r.retentionUntil!, originalFileName: r.originalFileName });
    if (options.dryRun) continue;
    const now = deps.now();
    await db.transaction(async (tx) => {
      for (const r of batch) {
        await tx.update(evidenceItems).set({ removedAt: now, removedReason: `retention period ended ${r.retentionUntil}` }).where(eq(evidenceItems.id, r.id));
        await recordAudit(executorFor(tx), {
          actor, action: 'evidence.removed-by-retention', entityType: 'evidence', entityId: r.id,
          before: { sha256: r.sha256, sizeBytes: r.sizeBytes, originalFileName: r.originalFileName, removedAt: null },
          after: { removedAt: now, retentionUntil: r.retentionUntil },
          reason: `retention_until ${r.retentionUntil} passed (as of ${today})`,
        }, now);
      }
    });
  }
  // After the rows commit, the content goes — unless an item still under retention holds the same
  // bytes (content-addressed: two uploads of one file share one blob).
  const hashes = [...new Set(result.removed.map((r) => r.sha256))];
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    const live = await db
      .select({ sha256: evidenceItems.sha256 })
      .from(evidenceItems)
      .where(and(inArray(evidenceItems.sha256, chunk), isNull(evidenceItems.removedAt), or(isNull(evidenceItems.retentionUntil), gte(evidenceItems.retentionUntil, today))));
    const stillNeeded = new Set(live.map((r) => r.sha256));
    for (const sha256 of chunk.filter((h) => !stillNeeded.has(h))) {
      if (options.dryRun) {
        if (await store.has(sha256)) result.blobsDeleted += 1;
        continue;
      }
      try {
        if (await store.delete(sha256)) result.blobsDeleted += 1;
      } catch (err) {
        result.failures.push({ sha256, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return result;
}
