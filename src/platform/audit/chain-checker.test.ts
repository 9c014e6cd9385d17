import { describe, it, expect } from 'vitest';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';
import { checkAuditChain, type ChainRow } from './chain-checker.ts';

/** A valid chain of n events, built with the same hash function recordAudit uses. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 10, 26, 2, 0, seq)).toISOString(),
      actorId: 'staff:u1', actorKind: 'staff', actorRole: 'collector', action: 'customer.updated',
      entityType: 'customer', entityId: `c${seq}`, before: { n: seq - 1 }, after: { n: seq },
      diff: { n: { from: seq - 1, to: seq } }, reason: null, requestId: null,
    };
    const hash = auditEventHash(prevHash, fields);
    rows.push({ ...fields, seq, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

const rehash = (row: ChainRow): ChainRow => ({ ...row, hash: auditEventHash(row.prevHash, row) });
async function* iterate(rows: ChainRow[]) {
  yield* rows;
}
const check = (rows: ChainRow[], anchor?: { seq: number; hash: string }) => checkAuditChain(iterate(rows), { anchor });

describe('checkAuditChain', () => {
  it('accepts an intact chain and reports its head', async () => {
    const rows = chain(5);
    expect(await check(rows)).toEqual({ ok: true, events: 5, lastSeq: 5, lastHash: rows[4]!.hash });
    expect(await check([])).toEqual({ ok: true, events: 0, lastSeq: 0, lastHash: GENESIS_HASH });
  });

  it('names an edited event', async () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: { n: 999 } };
    expect(await check(rows)).toMatchObject({ ok: false, problem: 'modified', firstBrokenSeq: 3, eventsChecked: 2 });
  });

  it('names the first missing seq of a deletion', async () => {
    const rows = chain(6);
    rows.splice(2, 2);
    const result = await check(rows);
    expect(result).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 3 });
    expect(!result.ok && result.detail).toContain('seq 3–4 missing');
  });

  it('catches a deletion hidden by renumbering the later events', async () => {
    const rows = chain(5);
    rows.splice(1, 1);
    rows.forEach((r, i) => (r.seq = i + 1));
    expect(await check(rows)).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 2 });
  });

  it('catches a deleted first event (the chain must start at genesis)', async () => {
    const rows = chain(3).slice(1);
    rows.forEach((r, i) => (r.seq = i + 1));
    expect(await check(rows)).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 1 });
  });

  it('catches an edit whose hash was re-computed, at the link to the next event', async () => {
    const rows = chain(5);
    rows[1] = rehash({ ...rows[1]!, reason: '补录' });
    expect(await check(rows)).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 3 });
  });

  it('names a forged event slipped into the middle with valid hashes', async () => {
    const rows = chain(4);
    const forged = rehash({ ...rows[1]!, id: 'forged', entityId: 'c-forged', prevHash: rows[0]!.hash });
    const tampered = [rows[0]!, forged, ...rows.slice(1)].map((r, i) => ({ ...r, seq: i + 1 }));
    expect(await check(tampered)).toMatchObject({ ok: false, problem: 'inserted', firstBrokenSeq: 2 });
  });

  it('names a second event claiming an existing seq', async () => {
    const rows = chain(3);
    const forged = rehash({ ...rows[1]!, id: 'zz-forged' });
    expect(await check([rows[0]!, rows[1]!, forged, rows[2]!])).toMatchObject({ ok: false, problem: 'inserted', firstBrokenSeq: 2 });
  });

  it('names reordered events', async () => {
    const rows = chain(5);
    const swapped = [rows[0]!, rows[2]!, rows[1]!, rows[3]!, rows[4]!].map((r, i) => ({ ...r, seq: i + 1 }));
    expect(await check(swapped)).toMatchObject({ ok: false, problem: 'reordered', firstBrokenSeq: 2 });
    const firstTwo = [rows[1]!, rows[0]!, ...rows.slice(2)].map((r, i) => ({ ...r, seq: i + 1 }));
    expect(await check(firstTwo)).toMatchObject({ ok: false, problem: 'reordered', firstBrokenSeq: 1 });
  });

  it('with an anchor, catches truncation of the newest events and a rewrite of the whole chain', async () => {
    const rows = chain(5);
    const anchor = { seq: 5, hash: rows[4]!.hash };
    expect(await check(rows, anchor)).toMatchObject({ ok: true });
    expect(await check(rows.slice(0, 3), anchor)).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 4 });
    const rewritten = chain(5).map((r) => ({ ...r }));
    let prev = GENESIS_HASH;
    for (const r of rewritten) {
      r.prevHash = prev;
      r.reason = 'rewritten';
      r.hash = auditEventHash(r.prevHash, r);
      prev = r.hash;
    }
    expect(await check(rewritten, anchor)).toMatchObject({ ok: false, problem: 'modified', firstBrokenSeq: 5 });
  });
});
