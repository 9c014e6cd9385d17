import { it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { Actor } from '../auth/actor.ts';
import { auditorActor, collectorActor, mountForTest, testDeps } from '../audit/route-test-support.ts';
import { listAuditEvents } from '../audit/audit-queries.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import type { AppDeps } from '../app-deps.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { verifyEvidenceStore } from './verify-evidence-store.ts';

const CUSTOMER = 'c0000000-0000-4000-8000-000000000001';
const LOAN = 'l0000000-0000-4000-8000-000000000001';
const MAX = 64 * 1024;
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n1 0 obj << /Title (${text}) >> endobj\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function form(file: Buffer, fileName: string, fields: Record<string, string | string[]> = { kind: 'contract' }) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) f.append(k, value);
  f.append('file', new Blob([new Uint8Array(file)]), fileName);
  return { method: 'POST', body: f };
}

describeEachDatabase('evidence store', (getDb) => {
  let deps: AppDeps;
  let api: ReturnType<typeof mountForTest>;
  let root: string;
  let actor: Actor = collectorActor;
  const filesUnder = () => (fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name)).sort() : []);
  const rowCount = async () => Number((await getDb().sql.query<{ n: string }>('SELECT count(*)::text AS n FROM evidence_items')).rows[0]!.n);
  const custody = async (id: string) =>
    (await listAuditEvents(getDb().sql, { entityType: 'evidence', entityId: id }, { limit: 100 })).items.reverse();

  afterAll(() => fs.rmSync(deps.config.dataDir, { recursive: true, force: true }));
  beforeAll(() => {
    deps = testDeps(getDb());
    root = path.join(deps.config.dataDir, 'evidence');
    api = mountForTest(evidenceRoutes(deps, { maxUploadBytes: MAX }), () => actor);
  });

  it('round-trips an upload: hashed, stored content-addressed, downloaded byte for byte with custody events in order', async () => {
    const content = pdf('借款合同 LN-WC-500K');
    const up = await api.request('/api/evidence', form(content, '借款合同（签字版）.pdf', {
      kind: 'contract', source: '客户经理提供', capturedAt: '2026-01-15', description: '50万元流动资金贷款合同', links: [`customer:${CUSTOMER}`, `loan:${LOAN}`],
    }));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      sha256: sha(content), sizeBytes: content.length, contentType: 'application/pdf', claimedContentType: null, typeMismatch: null, alreadyStored: false,
      originalFileName: '借款合同（签字版）.pdf', kind: 'contract', capturedAt: '2026-01-14T16:00:00.000Z', uploadedBy: `staff:${actor.kind === 'staff' && actor.userId}`,
      links: [{ entityType: 'customer', entityId: CUSTOMER }, { entityType: 'loan', entityId: LOAN }],
    });
    const id = up.body.id;
    expect(fs.readFileSync(path.join(root, up.body.sha256.slice(0, 2), up.body.sha256.slice(2, 4), up.body.sha256))).toEqual(content);

    const listed = await api.request(`/api/evidence?entityType=customer&entityId=${CUSTOMER}`);
    expect(listed.body.items.map((i: any) => i.id)).toContain(id);
    const meta = await api.request(`/api/evidence/${id}`);
    expect(meta.body).toMatchObject({ id, sha256: sha(content) });

    const down = await api.request(`/api/evidence/${id}/content`, { headers: { 'x-request-id': 'req-dl' } });
    expect(down.status).toBe(200);
    expect(down.buffer.equals(content)).toBe(true);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toBe(
      `attachment; filename="_________.pdf"; filename*=UTF-8''${encodeURIComponent('借款合同（签字版）.pdf')}`,
    );
    expect(down.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha(content), 'hex').toString('base64')}:`);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');

    const more = await api.request(`/api/evidence/${id}/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ links: [{ entityType: 'case', entityId: 'ESC-2026-001' }] }) });
    expect(more.status).toBe(201);
    expect(more.body.links).toHaveLength(3);

    const events = await custody(id);
    expect(events.map((e) => e.action)).toEqual(['evidence.uploaded', 'evidence.linked', 'evidence.linked', 'evidence.viewed', 'evidence.downloaded', 'evidence.linked']);
    expect(events[0]!.after).toMatchObject({ sha256: sha(content), contentType: 'application/pdf', originalFileName: '借款合同（签字版）.pdf' });
    expect(events[4]).toMatchObject({ requestId: 'req-dl', actorRole: 'collector' });
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true });
  });

  it('stores a PDF renamed .jpg as the PDF it is, flags the mismatch and downloads it with its real extension', async () => {
    const res = await api.request('/api/evidence', form(pdf('transfer record'), '转账凭证.jpg', { kind: 'transfer-record' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'application/pdf', claimedContentType: 'image/jpeg', typeMismatch: { claimed: 'image/jpeg', claimedExtension: 'jpg', detected: 'application/pdf' } });
    expect(res.body.typeMismatch.messageZh).toContain('已按实际类型保存');
    const down = await api.request(`/api/evidence/${res.body.id}/content`);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('转账凭证.jpg.pdf')}`);
  });

  it('stores a text file renamed .pdf as text/plain and flags it', async () => {
    const res = await api.request('/api/evidence', form(Buffer.from('客户口述：因疫情停工，愿意分期还款。\n'), '情况说明.pdf', { kind: 'other' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'text/plain', claimedContentType: 'application/pdf', typeMismatch: { detected: 'text/plain' } });
  });

  it('refuses a file whose bytes are not an accepted type, whatever its name, and stores nothing', async () => {
    const [before, rows] = [filesUnder(), await rowCount()];
    const res = await api.request('/api/evidence', form(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), '合同.pdf'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'form.file', code: 'unsupported_file_type' })]);
    expect(filesUnder()).toEqual(before);
    expect(await rowCount()).toBe(rows);
  });

  it('answers 413 to an oversized upload, with nothing stored and no row', async () => {
    const [before, rows] = [filesUnder(), await rowCount()];
    const big = Buffer.concat([pdf('big'), Buffer.alloc(MAX, 0x20)]);
    const res = await api.request('/api/evidence', form(big, 'big.pdf'));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('payload_too_large');
    expect(filesUnder()).toEqual(before);
    expect(await rowCount()).toBe(rows);
  });

  it('stores nothing when the upload stream breaks half-way: no blob, no staging file, no row', async () => {
    const [before, rows] = [filesUnder(), await rowCount()];
    const head = Buffer.from('--XB\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontract\r\n--XB\r\nContent-Disposition: form-data; name="file"; filename="half.pdf"\r\n\r\n%PDF-1.7 first half ');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.enqueue(Buffer.alloc(20_000, 0x41));
        setTimeout(() => controller.error(new Error('client disconnected')), 5);
      },
    });
    const res = await api.request('/api/evidence', { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=XB' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(400);
    expect(res.body.detailZh).toContain('上传中断');
    expect(filesUnder()).toEqual(before);
    expect(await rowCount()).toBe(rows);
  });

  it('validates the form fields and requires a file', async () => {
    const noKind = await api.request('/api/evidence', form(pdf('x'), 'x.pdf', { links: 'customer' }));
    expect(noKind.status).toBe(422);
    expect(noKind.body.errors.map((e: any) => e.field).sort()).toEqual(['form.kind', 'form.links.0']);
    const f = new FormData();
    f.append('kind', 'contract');
    expect((await api.request('/api/evidence', { method: 'POST', body: f })).body.errors[0].field).toBe('form.file');
  });

  it('keeps one copy of identical content uploaded twice', async () => {
    const content = pdf('same statement');
    const a = await api.request('/api/evidence', form(content, 'a.pdf', { kind: 'bank-statement' }));
    const b = await api.request('/api/evidence', form(content, 'b.pdf', { kind: 'bank-statement' }));
    expect([a.body.alreadyStored, b.body.alreadyStored]).toEqual([false, true]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(filesUnder().filter((f) => f.endsWith(sha(content)))).toHaveLength(1);
  });

  it('verifyEvidenceStore re-hashes every file and reports one changed or deleted on disk', async () => {
    expect(await verifyEvidenceStore(deps)).toMatchObject({ missing: [], mismatched: [] });
    const edited = await api.request('/api/evidence', form(pdf('to be edited'), 'edit.pdf'));
    const deleted = await api.request('/api/evidence', form(pdf('to be deleted'), 'gone.pdf'));
    const editedPath = path.join(root, edited.body.sha256.slice(0, 2), edited.body.sha256.slice(2, 4), edited.body.sha256);
    fs.chmodSync(editedPath, 0o640);
    fs.appendFileSync(editedPath, ' forged page');
    fs.rmSync(path.join(root, deleted.body.sha256.slice(0, 2), deleted.body.sha256.slice(2, 4), deleted.body.sha256));
    const progress: number[] = [];
    const result = await verifyEvidenceStore(deps, { onProgress: (p) => progress.push(p.checked) });
    expect(result.mismatched).toEqual([expect.objectContaining({ sha256: edited.body.sha256, itemIds: [edited.body.id] })]);
    expect(result.missing).toEqual([{ sha256: deleted.body.sha256, itemIds: [deleted.body.id] }]);
    expect(result.checked).toBe(progress.length);
    // Put things back for the other tests.
    fs.rmSync(editedPath);
    await api.request('/api/evidence', form(pdf('to be edited'), 'edit.pdf'));
    await api.request('/api/evidence', form(pdf('to be deleted'), 'gone.pdf'));
  });

  it('answers 404 for unknown evidence and 403 to a role without evidence.upload', async () => {
    expect((await api.request('/api/evidence/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    actor = auditorActor;
    try {
      const rows = await rowCount();
      expect((await api.request('/api/evidence', form(pdf('x'), 'x.pdf'))).status).toBe(403);
      expect(await rowCount()).toBe(rows);
    } finally {
      actor = collectorActor;
    }
  });
});
