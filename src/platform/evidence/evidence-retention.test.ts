import { it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { collectorActor, mountForTest, testDeps } from '../audit/route-test-support.ts';
import { listAuditEvents } from '../audit/audit-queries.ts';
import type { AppDeps } from '../app-deps.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { applyEvidenceRetention } from './evidence-retention.ts';
import { createFileBlobStore } from './file-blob-store.ts';
import path from 'node:path';

const upload = (api: ReturnType<typeof mountForTest>, text: string, retentionUntil?: string) => {
  const f = new FormData();
  f.append('kind', 'call-recording');
  if (retentionUntil) f.append('retentionUntil', retentionUntil);
  f.append('file', new Blob([`%PDF-1.4 ${text}`]), `${text}.pdf`);
  return api.request('/api/evidence', { method: 'POST', body: f });
};

describeEachDatabase('evidence retention', (getDb) => {
  let deps: AppDeps;
  let api: ReturnType<typeof mountForTest>;
  let blobPath: (sha: string) => string;

  afterAll(() => fs.rmSync(deps.config.dataDir, { recursive: true, force: true }));
  beforeAll(() => {
    deps = testDeps(getDb());
    api = mountForTest(evidenceRoutes(deps), () => collectorActor);
    blobPath = createFileBlobStore(path.join(deps.config.dataDir, 'evidence')).pathOf;
  });

  it('deletes content whose retention has passed, keeps the audited metadata, and spares shared or unexpired blobs', async () => {
    const expired = (await upload(api, 'expired', '2026-11-25')).body;
    const lastDay = (await upload(api, 'last-day', '2026-11-26')).body;
    const forever = (await upload(api, 'no-end')).body;
    const sharedOld = (await upload(api, 'shared', '2026-01-01')).body;
    const sharedNew = (await upload(api, 'shared', '2030-12-31')).body;
    expect(sharedOld.sha256).toBe(sharedNew.sha256);

    const dry = await applyEvidenceRetention(deps, '2026-11-26', { dryRun: true });
    expect(dry.removed.map((r) => r.id).sort()).toEqual([expired.id, sharedOld.id].sort());
    expect(dry.blobsDeleted).toBe(1);
    expect(fs.existsSync(blobPath(expired.sha256))).toBe(true);
    expect((await api.request(`/api/evidence/${expired.id}`)).body.removedAt).toBeNull();

    const run = await applyEvidenceRetention(deps, '2026-11-26');
    expect(run).toMatchObject({ dryRun: false, blobsDeleted: 1, failures: [] });
    expect(run.removed.map((r) => r.id).sort()).toEqual([expired.id, sharedOld.id].sort());
    expect(fs.existsSync(blobPath(expired.sha256))).toBe(false);
    expect(fs.existsSync(blobPath(lastDay.sha256))).toBe(true); // kept through its last day
    expect(fs.existsSync(blobPath(forever.sha256))).toBe(true);
    expect(fs.existsSync(blobPath(sharedNew.sha256))).toBe(true); // still needed by the newer item

    const meta = await api.request(`/api/evidence/${expired.id}`);
    expect(meta.body).toMatchObject({ removedAt: '2026-11-26T02:00:00.000Z', removedReason: 'retention period ended 2026-11-25', sha256: expired.sha256 });
    const download = await api.request(`/api/evidence/${expired.id}/content`);
    expect(download.status).toBe(404);
    expect(download.body.detailZh).toContain('按保存期限删除');
    expect((await api.request(`/api/evidence/${sharedNew.id}/content`)).status).toBe(200);

    const events = (await listAuditEvents(getDb().sql, { entityType: 'evidence', entityId: expired.id }, { limit: 10 })).items.reverse();
    expect(events.map((e) => e.action)).toEqual(['evidence.uploaded', 'evidence.viewed', 'evidence.removed-by-retention', 'evidence.viewed']);
    expect(events[2]).toMatchObject({ actorId: 'system:evidence-retention', reason: 'retention_until 2026-11-25 passed (as of 2026-11-26)' });

    // A second run finds nothing more to do.
    expect(await applyEvidenceRetention(deps, '2026-11-26')).toMatchObject({ removed: [], blobsDeleted: 0 });
  });
});
