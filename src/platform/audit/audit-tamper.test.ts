import { it, expect, beforeEach } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { SqlExecutor } from '../db/client.ts';
import { systemActor } from '../auth/actor.ts';
import { withAudit } from './record-audit.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';
import { auditEventHash } from './audit-hash.ts';
import { streamAuditRows } from './audit-rows.ts';

/**
 * An attacker with direct database access as the table owner. The append-only triggers stop the
 * application and careless hands, not an owner, who can switch them off — so these tests do exactly
 * that, and the hash chain must still name the first broken link.
 */
async function asAttacker(sql: SqlExecutor, statements: Array<[string, unknown[]?]>) {
  await sql.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
  try {
    for (const [text, params] of statements) await sql.query(text, params);
  } finally {
    await sql.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
  }
}

describeEachDatabase('audit trail tamper detection', (getDb) => {
  beforeEach(async () => {
    const { sql } = getDb();
    await asAttacker(sql, [['DELETE FROM audit_events']]);
    for (let i = 1; i <= 6; i++) {
      await withAudit(getDb(), (_e, audit) =>
        audit({ actor: systemActor('test'), action: 'customer.updated', entityType: 'customer', entityId: `c${i}`, before: { riskTier: 'low' }, after: { riskTier: 'high', n: i } }),
      );
    }
    expect(await verifyAuditChain(sql)).toMatchObject({ ok: true, events: 6 });
  });

  it('names an edited event', async () => {
    await asAttacker(getDb().sql, [[`UPDATE audit_events SET after = '{"riskTier":"low","n":3}'::jsonb WHERE seq = 3`]]);
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: false, problem: 'modified', firstBrokenSeq: 3, eventsChecked: 2 });
  });

  it('names an edited occurred_at or actor, not only before/after', async () => {
    await asAttacker(getDb().sql, [[`UPDATE audit_events SET occurred_at = occurred_at - interval '1 day', actor_id = 'system:other' WHERE seq = 5`]]);
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: false, problem: 'modified', firstBrokenSeq: 5 });
  });

  it('names a deleted event', async () => {
    await asAttacker(getDb().sql, [['DELETE FROM audit_events WHERE seq = 4']]);
    const result = await verifyAuditChain(getDb().sql);
    expect(result).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 4, eventsChecked: 3 });
  });

  it('names a deletion hidden by renumbering the later events', async () => {
    await asAttacker(getDb().sql, [
      ['DELETE FROM audit_events WHERE seq = 2'],
      ['UPDATE audit_events SET seq = -seq WHERE seq > 2'],
      ['UPDATE audit_events SET seq = -seq - 1 WHERE seq < 0'],
    ]);
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: false, problem: 'deleted', firstBrokenSeq: 2 });
  });

  it('names a forged event inserted with a valid hash and the later events renumbered', async () => {
    const rows = [];
    for await (const r of streamAuditRows(getDb().sql)) rows.push(r);
    const forged = { ...rows[2]!, id: '99999999-9999-4999-8999-999999999999', entityId: 'c-forged', prevHash: rows[1]!.hash };
    const hash = auditEventHash(forged.prevHash, forged);
    await asAttacker(getDb().sql, [
      ['UPDATE audit_events SET seq = -seq WHERE seq >= 3'],
      ['UPDATE audit_events SET seq = -seq + 1 WHERE seq < 0'],
      [
        `INSERT INTO audit_events (seq, id, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, entity_id, before, after, diff, reason, request_id, prev_hash, hash)
         SELECT 3, $1, occurred_at, actor_id, actor_kind, actor_role, action, entity_type, $2, before, after, diff, reason, request_id, $3, $4 FROM audit_events WHERE seq = 4`,
        [forged.id, forged.entityId, forged.prevHash, hash],
      ],
    ]);
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: false, problem: 'inserted', firstBrokenSeq: 3 });
  });

  it('names reordered events', async () => {
    await asAttacker(getDb().sql, [
      ['UPDATE audit_events SET seq = -1 WHERE seq = 3'],
      ['UPDATE audit_events SET seq = 3 WHERE seq = 4'],
      ['UPDATE audit_events SET seq = 4 WHERE seq = -1'],
    ]);
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: false, problem: 'reordered', firstBrokenSeq: 3 });
  });

  it('verifies in batches with progress, across batch boundaries', async () => {
    const seen: number[] = [];
    const result = await verifyAuditChain(getDb().sql, { batchSize: 4, progressEvery: 2, onProgress: (p) => seen.push(p.checked) });
    expect(result).toMatchObject({ ok: true, events: 6, lastSeq: 6 });
    expect(seen).toEqual([2, 4, 6, 6]);
    await asAttacker(getDb().sql, [[`UPDATE audit_events SET reason = 'x' WHERE seq = 5`]]);
    expect(await verifyAuditChain(getDb().sql, { batchSize: 4 })).toMatchObject({ ok: false, problem: 'modified', firstBrokenSeq: 5 });
  });
});
