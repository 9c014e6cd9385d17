import fs from 'node:fs';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { Actor } from '../auth/actor.ts';
import { systemActor } from '../auth/actor.ts';
import { withAudit } from './record-audit.ts';
import { auditRoutes } from './audit.routes.ts';
import { auditorActor, collectorActor, mountForTest, testDeps } from './route-test-support.ts';

describeEachDatabase('audit query API', (getDb) => {
  let actor: Actor | undefined = auditorActor;
  let api: ReturnType<typeof mountForTest>;
  const at = (iso: string) => new Date(iso);

  let dataDir = '';
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    const deps = testDeps(getDb());
    dataDir = deps.config.dataDir;
    api = mountForTest(auditRoutes(deps), () => actor);
    const events: Array<[Actor, Parameters<typeof withAudit>[1] extends never ? never : any, string]> = [
      [collectorActor, { action: 'consent.withdrawn', entityType: 'consent', entityId: 'k1', before: { active: true }, after: { active: false }, reason: '客户要求停止短信催收' }, '2026-11-20T01:00:00Z'],
      [collectorActor, { action: 'personal-data.unmasked', entityType: 'customer', entityId: 'cust-1', after: { field: 'id-number' }, reason: '=HYPERLINK("http://evil")' }, '2026-11-21T01:00:00Z'],
      [systemActor('import'), { action: 'import.completed', entityType: 'import-run', entityId: 'r1', after: { inserted: 10 } }, '2026-11-22T01:00:00Z'],
      [auditorActor, { action: 'evidence.viewed', entityType: 'evidence', entityId: 'e1' }, '2026-11-23T01:00:00Z'],
      [auditorActor, { action: 'evidence.downloaded', entityType: 'evidence', entityId: 'e1' }, '2026-11-24T01:00:00Z'],
    ];
    for (const [who, event, when] of events) {
      await withAudit(getDb(), (_e, audit) => audit({ actor: who, ...event }, at(when)));
    }
  });

  it('lists newest first and pages with a keyset cursor', async () => {
    const first = await api.request('/api/audit/events?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: any) => e.seq)).toEqual([5, 4]);
    expect(first.body.nextCursor).toBe('4');
    const second = await api.request(`/api/audit/events?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: any) => e.seq)).toEqual([3, 2]);
    const last = await api.request(`/api/audit/events?limit=2&cursor=${second.body.nextCursor}`);
    expect(last.body).toMatchObject({ items: [{ seq: 1, action: 'consent.withdrawn', diff: { active: { from: true, to: false } } }], nextCursor: null });
  });

  it.each([
    ['actor', `actor=staff:${collectorActor.kind === 'staff' && collectorActor.userId}`, [2, 1]],
    ['entity', 'entityType=evidence&entityId=e1', [5, 4]],
    ['exact action', 'action=import.completed', [3]],
    ['action prefix', 'action=evidence.*', [5, 4]],
    ['time window (from inclusive, to exclusive)', 'from=2026-11-21T09:00:00%2B08:00&to=2026-11-23T01:00:00Z', [3, 2]],
  ])('filters by %s', async (_label, query, seqs) => {
    const res = await api.request(`/api/audit/events?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: any) => e.seq)).toEqual(seqs);
  });

  it('rejects malformed filters with problem+json naming the field', async () => {
    const res = await api.request('/api/audit/events?from=yesterday&limit=9999');
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['query.from', 'query.limit']);
  });

  it('exports CSV with a UTF-8 BOM, Chinese intact, formulas neutralised, and audits the export', async () => {
    const res = await api.request('/api/audit/events.csv?entityType=consent', { headers: { 'x-request-id': 'req-export-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-events-2026-11-26\.csv"$/);
    expect([...res.buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,occurred_at,actor_id,actor_kind,actor_role,action,entity_type,entity_id,reason,request_id,diff,before,after,prev_hash,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('客户要求停止短信催收');
    expect(lines[1]).toContain('"{""active"":{""from"":true,""to"":false}}"');

    const all = await api.request('/api/audit/events.csv?action=personal-data.unmasked');
    expect(all.text).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const audited = await api.request('/api/audit/events?action=audit.exported');
    expect(audited.body.items).toHaveLength(2);
    expect(audited.body.items[1]).toMatchObject({
      actorId: `staff:${auditorActor.kind === 'staff' && auditorActor.userId}`, actorRole: 'compliance-auditor',
      entityType: 'audit-trail', after: { filter: { entityType: 'consent' } }, requestId: 'req-export-1',
    });
  });

  it('streams a large export in batches', async () => {
    for (let i = 0; i < 30; i++) {
      await withAudit(getDb(), async (_e, audit) => {
        for (let j = 0; j < 100; j++) await audit({ actor: systemActor('bulk'), action: 'contact-point.verified', entityType: 'contact-point', entityId: `p${i}-${j}` });
      });
    }
    const res = await api.request('/api/audit/events.csv?actor=system:bulk');
    expect(res.text.trimEnd().split('\r\n')).toHaveLength(3001);
  });

  it('verifies the chain', async () => {
    const res = await api.request('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true });
    expect(res.body.events).toBeGreaterThan(3000);
  });

  it('is closed to roles without audit.read and to anonymous requests', async () => {
    actor = collectorActor;
    expect((await api.request('/api/audit/events')).status).toBe(403);
    actor = undefined;
    expect((await api.request('/api/audit/verify')).status).toBe(401);
    actor = auditorActor;
  });
});
