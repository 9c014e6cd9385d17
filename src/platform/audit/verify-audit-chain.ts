import type { SqlExecutor } from '../db/client.ts';
import { checkAuditChain, type AuditVerification, type ChainAnchor } from './chain-checker.ts';
import { streamAuditRows } from './audit-rows.ts';

export type { AuditVerification, ChainAnchor } from './chain-checker.ts';
export type VerifyProgress = { checked: number; seq: number; total: number };

/**
 * Re-computes every hash and link of the audit trail in seq order and names the first broken link.
 * Streams in batches (constant memory); `onProgress` is called every `progressEvery` events with the
 * total taken at the start (events appended during the run are verified too, the total is a hint).
 */
export async function verifyAuditChain(
  exec: SqlExecutor,
  options: { onProgress?: (p: VerifyProgress) => void; progressEvery?: number; anchor?: ChainAnchor; batchSize?: number } = {},
): Promise<AuditVerification> {
  const { rows } = await exec.query<{ total: string }>('SELECT count(*)::text AS total FROM audit_events');
  const total = Number(rows[0]!.total);
  const every = options.progressEvery ?? 10_000;
  const result = await checkAuditChain(streamAuditRows(exec, options.batchSize), {
    anchor: options.anchor,
    onRow: options.onProgress
      ? (checked, seq) => {
          if (checked % every === 0) options.onProgress!({ checked, seq, total });
        }
      : undefined,
  });
  if (result.ok) options.onProgress?.({ checked: result.events, seq: result.lastSeq, total });
  return result;
}
