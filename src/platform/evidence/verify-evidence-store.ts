import { createHash } from 'node:crypto';
import { and, asc, gt, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import type { EvidenceBlobStore } from './blob-store.ts';
import { evidenceItems } from './evidence.schema.ts';
import { evidenceStoreFor } from './evidence-service.ts';

export type EvidenceVerification = {
  /** Distinct stored contents re-hashed. */
  checked: number;
  /** Referenced by a live item but absent from the store. */
  missing: Array<{ sha256: string; itemIds: string[] }>;
  /** Present, but the bytes no longer hash to their name: the file was altered on disk. */
  mismatched: Array<{ sha256: string; actualSha256: string; actualSize: number; itemIds: string[] }>;
};

/**
 * Re-reads and re-hashes every blob a live evidence item points to. Streams each file (constant
 * memory) and walks the items in sha256 keyset batches, so it scales to a large store.
 */
export async function verifyEvidenceStore(
  deps: AppDeps,
  options: { store?: EvidenceBlobStore; onProgress?: (p: { checked: number; total: number }) => void; batchSize?: number } = {},
): Promise<EvidenceVerification> {
  const { db } = deps.database;
  const store = options.store ?? evidenceStoreFor(deps);
  const result: EvidenceVerification = { checked: 0, missing: [], mismatched: [] };
  const [{ total }] = (await db.select({ total: sql<number>`count(distinct ${evidenceItems.sha256})::int` }).from(evidenceItems).where(isNull(evidenceItems.removedAt))) as [{ total: number }];
  const batchSize = options.batchSize ?? 200;
  let after = '';
  for (;;) {
    const rows = await db
      .select({ sha256: evidenceItems.sha256, ids: sql<string[]>`array_agg(${evidenceItems.id}::text ORDER BY ${evidenceItems.id})` })
      .from(evidenceItems)
      .where(and(isNull(evidenceItems.removedAt), gt(evidenceItems.sha256, after)))
      .groupBy(evidenceItems.sha256)
      .orderBy(asc(evidenceItems.sha256))
      .limit(batchSize);
    for (const { sha256, ids } of rows) {
      const itemIds = normaliseArray(ids);
      const content = await store.get(sha256);
      if (!content) result.missing.push({ sha256, itemIds });
      else {
        const hash = createHash('sha256');
        let size = 0;
        for await (const chunk of content as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
        }
        const actual = hash.digest('hex');
        if (actual !== sha256) result.mismatched.push({ sha256, actualSha256: actual, actualSize: size, itemIds });
      }
      result.checked += 1;
      options.onProgress?.({ checked: result.checked, total });
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.sha256;
  }
  return result;
}

/** PGlite hands back text[] as an array; node-postgres too, but a Drizzle raw path may give "{a,b}". */
function normaliseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}
