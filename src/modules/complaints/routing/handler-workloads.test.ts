import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch, buildStaff } from '../../../../test/support/factories.ts';
import type { Database } from '../../../platform/db/client.ts';
import { COMPLAINT_STATUSES } from '../complaints.schema.ts';
import { loadRoutingCandidates } from './assign-handler.ts';

/**
 * Migration 0021: complaint_handler_workloads holds each handler's open complaints (owner set, not
 * closed), kept by a trigger on complaints. Whatever happens to complaints — opened with or without
 * an owner, routed, reassigned, closed, reopened, deleted — it must equal a fresh count.
 */
describeEachDatabase('handler workloads follow the complaints', (getDb) => {
  let handlers: string[];
  let serial = 0;

  const freshCounts = async (db: Database) =>
    new Map((await db.sql.query<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM complaints WHERE owner_id IS NOT NULL AND status <> 'closed' GROUP BY owner_id`,
    )).rows.map((r) => [r.owner_id, r.n]));
  const keptCounts = async (db: Database) =>
    new Map((await db.sql.query<{ staff_id: string; open_complaints: number }>(`SELECT staff_id, open_complaints FROM complaint_handler_workloads`))
      .rows.filter((r) => r.open_complaints !== 0).map((r) => [r.staff_id, r.open_complaints]));

  beforeAll(async () => {
    const db = getDb();
    await buildBranch(db);
    handlers = [];
    for (let i = 0; i < 3; i++) handlers.push((await buildStaff(db, { role: 'complaint-handler', displayName: `处理人${i}` })).id);
  });

  type Step =
    | { op: 'open'; owner: number | null; status: (typeof COMPLAINT_STATUSES)[number] }
    | { op: 'assign'; pick: number; owner: number | null }
    | { op: 'status'; pick: number; status: (typeof COMPLAINT_STATUSES)[number] }
    | { op: 'both'; pick: number; owner: number | null; status: (typeof COMPLAINT_STATUSES)[number] }
    | { op: 'delete'; pick: number };
  const owner = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null });
  const status = fc.constantFrom(...COMPLAINT_STATUSES);
  const pick = fc.nat();
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ op: fc.constant('open' as const), owner, status }),
    fc.record({ op: fc.constant('assign' as const), pick, owner }),
    fc.record({ op: fc.constant('status' as const), pick, status }),
    fc.record({ op: fc.constant('both' as const), pick, owner, status }),
    fc.record({ op: fc.constant('delete' as const), pick }),
  );

  it('equals a fresh count of open complaints per owner after any sequence of changes', async () => {
    const db = getDb();
    const ownerId = (n: number | null) => (n === null ? null : handlers[n]!);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          const ids = (await db.sql.query<{ id: string }>(`SELECT id FROM complaints ORDER BY reference_number`)).rows.map((r) => r.id);
          const target = s.op === 'open' || ids.length === 0 ? null : ids[s.pick % ids.length]!;
          if (s.op === 'open') {
            await db.sql.query(
              `INSERT INTO complaints (reference_number, channel, received_at, status, description, created_by, created_at, updated_at, owner_id)
               VALUES ($1, 'phone', now(), $2, '测试', 'test', now(), now(), $3)`,
              [`TS-2026-${String(++serial).padStart(6, "0")}`, s.status, ownerId(s.owner)],
            );
          } else if (!target) continue;
          else if (s.op === 'assign') await db.sql.query(`UPDATE complaints SET owner_id = $2 WHERE id = $1`, [target, ownerId(s.owner)]);
          else if (s.op === 'status') await db.sql.query(`UPDATE complaints SET status = $2 WHERE id = $1`, [target, s.status]);
          else if (s.op === 'both') await db.sql.query(`UPDATE complaints SET owner_id = $2, status = $3 WHERE id = $1`, [target, ownerId(s.owner), s.status]);
          else await db.sql.query(`DELETE FROM complaints WHERE id = $1`, [target]);
        }
        expect(await keptCounts(db)).toEqual(await freshCounts(db));
      }),
      { numRuns: 15 },
    );
  });

  it('gives routing each candidate\'s open workload', async () => {
    const db = getDb();
    const fresh = await freshCounts(db);
    const candidates = await loadRoutingCandidates(db.sql, 'BJ001');
    for (const h of handlers) expect(candidates.find((c) => c.id === h)?.openComplaints).toBe(fresh.get(h) ?? 0);
  });
});
