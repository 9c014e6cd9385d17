import { auditEventHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash.ts';

export type ChainRow = HashedAuditFields & { seq: number; prevHash: string; hash: string };
export type ChainProblem = 'modified' | 'deleted' | 'inserted' | 'reordered';

export type AuditVerification =
  | { ok: true; events: number; lastSeq: number; lastHash: string }
  | { ok: false; eventsChecked: number; firstBrokenSeq: number; problem: ChainProblem; detail: string };

/** A seq and hash recorded earlier outside the database (printed by `audit verify`), to detect truncation or a rewrite. */
export type ChainAnchor = { seq: number; hash: string };

type Link = { seq: number; hash: string; prevHash: string | null };
const GENESIS: Link = { seq: 0, hash: GENESIS_HASH, prevHash: null };

/**
 * Walks the rows in (seq, id) order with one row of lookahead and names the first broken link.
 * Per row, in this order:
 *   1. seq repeats the previous one            → 'inserted'  (a second event claims that number)
 *   2. seq skips numbers                       → 'deleted'   (first missing number)
 *   3. the row's own hash does not match       → 'modified'
 *   4. prev_hash is not the previous row's hash:
 *      - the next row links to the previous one  → 'reordered' (this row is out of place)
 *      - this row links to the previous row's predecessor → 'inserted' (the previous row was slipped in)
 *      - otherwise → 'deleted' (its predecessor is gone, or was altered and re-hashed: indistinguishable
 *        without an external anchor)
 * Pure: no I/O, so the rules are tested without a database.
 */
export async function checkAuditChain(
  rows: AsyncIterable<ChainRow>,
  options: { anchor?: ChainAnchor; onRow?: (checked: number, seq: number) => void } = {},
): Promise<AuditVerification> {
  const it = rows[Symbol.asyncIterator]();
  const pull = async () => {
    const r = await it.next();
    return r.done ? undefined : r.value;
  };
  let prev: Link = GENESIS;
  let checked = 0;
  const broken = (firstBrokenSeq: number, problem: ChainProblem, detail: string): AuditVerification => ({
    ok: false, eventsChecked: checked, firstBrokenSeq, problem, detail,
  });
  let cur = await pull();
  while (cur) {
    const next = await pull();
    if (cur.seq === prev.seq) {
      return broken(cur.seq, 'inserted', `two events carry seq ${cur.seq}; one of them was inserted (ids include ${cur.id})`);
    }
    if (cur.seq > prev.seq + 1) {
      const last = cur.seq - 1;
      return broken(prev.seq + 1, 'deleted', `seq ${prev.seq + 1}${last > prev.seq + 1 ? `–${last}` : ''} missing: the trail jumps from seq ${prev.seq} to seq ${cur.seq}`);
    }
    if (auditEventHash(cur.prevHash, cur) !== cur.hash) {
      return broken(cur.seq, 'modified', `seq ${cur.seq} (${cur.action} on ${cur.entityType} ${cur.entityId}) was changed after it was written: its content no longer matches its hash`);
    }
    if (cur.prevHash !== prev.hash) {
      if (next && next.prevHash === prev.hash) {
        return broken(cur.seq, 'reordered', `seq ${cur.seq} is out of place: seq ${next.seq} is the event that follows seq ${prev.seq}`);
      }
      if (prev.prevHash !== null && cur.prevHash === prev.prevHash) {
        return broken(prev.seq, 'inserted', `seq ${prev.seq} was inserted: it and seq ${cur.seq} both name seq ${prev.seq - 1} as their predecessor`);
      }
      return broken(prev.seq + 1, 'deleted', `seq ${cur.seq} does not follow seq ${prev.seq}: the predecessor it recorded is no longer in the trail (an event was removed and later ones renumbered, or seq ${prev.seq} was altered and re-hashed)`);
    }
    if (options.anchor && cur.seq === options.anchor.seq && cur.hash !== options.anchor.hash) {
      return broken(cur.seq, 'modified', `seq ${cur.seq} no longer has the hash recorded in the anchor: the trail was rewritten up to here`);
    }
    checked += 1;
    options.onRow?.(checked, cur.seq);
    prev = { seq: cur.seq, hash: cur.hash, prevHash: cur.prevHash };
    cur = next;
  }
  if (options.anchor && options.anchor.seq > prev.seq) {
    return broken(prev.seq + 1, 'deleted', `the anchor names seq ${options.anchor.seq} but the trail ends at seq ${prev.seq}: events were removed from the end`);
  }
  return { ok: true, events: checked, lastSeq: prev.seq, lastHash: prev.hash };
}
