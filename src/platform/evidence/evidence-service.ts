import path from 'node:path';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { AppDeps } from '../app-deps.ts';
import { actorId, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { executorFor } from '../db/drizzle-executor.ts';
import type { Tx } from '../db/client.ts';
import { DomainError, notFound } from '../errors/domain-error.ts';
import type { EvidenceBlobStore, StagedBlob } from './blob-store.ts';
import { createFileBlobStore } from './file-blob-store.ts';
import { evidenceItems, evidenceLinks } from './evidence.schema.ts';
import type { EvidenceUploadInput } from './evidence.contract.ts';
import type { TypeVerdict } from './evidence-upload.ts';

/** The store under the data directory; routes, jobs and the CLI all build it the same way. */
export const evidenceStoreFor = (deps: Pick<AppDeps, 'config'>): EvidenceBlobStore => createFileBlobStore(path.join(deps.config.dataDir, 'evidence'));

/**
 * Data scope for evidence: an item is visible when its uploader asks, or when the caller may see
 * one of the entities it is linked to. The customers / cases modules supply the rule (their
 * tables are theirs); without one, every item is visible to anyone holding evidence.read.
 */
export type EvidenceAccess = { canSeeEntity?: (actor: Actor, entityType: string, entityId: string) => Promise<boolean> };

type ItemRow = typeof evidenceItems.$inferSelect;
type LinkRow = typeof evidenceLinks.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toItem(row: ItemRow, links: LinkRow[]) {
  return {
    id: row.id, sha256: row.sha256, sizeBytes: row.sizeBytes, contentType: row.contentType, claimedContentType: row.claimedContentType,
    originalFileName: row.originalFileName, kind: row.kind, source: row.source, capturedAt: iso(row.capturedAt), uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(), description: row.description, retentionUntil: row.retentionUntil, removedAt: iso(row.removedAt),
    removedReason: row.removedReason,
    links: links.map((l) => ({ entityType: l.entityType, entityId: l.entityId, linkedAt: l.linkedAt.toISOString(), linkedBy: l.linkedBy })),
  };
}
export type EvidenceItemView = ReturnType<typeof toItem>;

/** Capture dates without a time are Shanghai calendar dates (ADR 0002). */
const capturedInstant = (value: string | undefined) => (value ? new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value) : null);

async function assertCanLink(access: EvidenceAccess, actor: Actor, links: Array<{ entityType: string; entityId: string }>) {
  for (const l of links) {
    if (access.canSeeEntity && !(await access.canSeeEntity(actor, l.entityType, l.entityId))) {
      throw new DomainError('forbidden', { zh: '无权将证据关联到该对象', en: `You may not link evidence to ${l.entityType} ${l.entityId}` });
    }
  }
}

async function insertLinks(tx: Tx, actor: Actor, evidenceId: string, links: Array<{ entityType: string; entityId: string }>, at: Date, requestId: string | null) {
  if (links.length === 0) return [];
  const added = await tx
    .insert(evidenceLinks)
    .values(links.map((l) => ({ evidenceId, entityType: l.entityType, entityId: l.entityId, linkedAt: at, linkedBy: actorId(actor) })))
    .onConflictDoNothing()
    .returning();
  for (const l of added) {
    await recordAudit(executorFor(tx), { actor, action: 'evidence.linked', entityType: 'evidence', entityId: evidenceId, after: { entityType: l.entityType, entityId: l.entityId }, requestId }, at);
  }
  return added;
}

/**
 * Records a staged upload: row, links, publication of the blob and the custody events, in one
 * transaction. The blob is published inside it, so a failed insert never leaves a row without a
 * file; if the commit itself fails after publication, an unreferenced blob remains — harmless
 * (content-addressed) and reused by the next upload of the same bytes.
 */
export async function createEvidence(
  deps: AppDeps,
  access: EvidenceAccess,
  actor: Actor,
  upload: { staged: StagedBlob; fileName: string; input: EvidenceUploadInput; verdict: TypeVerdict; requestId: string | null },
) {
  const { staged, input, verdict } = upload;
  await assertCanLink(access, actor, input.links);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evidenceItems)
      .values({
        sha256: staged.sha256, sizeBytes: staged.size, contentType: verdict.detected, claimedContentType: verdict.mismatch ? (verdict.claimed ?? 'application/octet-stream') : null,
        originalFileName: upload.fileName, kind: input.kind, source: input.source ?? null, capturedAt: capturedInstant(input.capturedAt),
        uploadedBy: actorId(actor), uploadedAt: now, description: input.description ?? null, retentionUntil: input.retentionUntil ?? null,
      })
      .returning();
    const { created } = await staged.commit();
    await recordAudit(executorFor(tx), {
      actor, action: 'evidence.uploaded', entityType: 'evidence', entityId: row!.id, requestId: upload.requestId,
      after: {
        sha256: staged.sha256, sizeBytes: staged.size, contentType: verdict.detected, claimedContentType: row!.claimedContentType,
        originalFileName: upload.fileName, kind: input.kind, source: row!.source, capturedAt: row!.capturedAt, retentionUntil: row!.retentionUntil,
        alreadyStored: !created,
      },
    }, now);
    const links = await insertLinks(tx, actor, row!.id, input.links, now, upload.requestId);
    return { ...toItem(row!, links), alreadyStored: !created };
  });
}

export async function loadEvidence(deps: AppDeps, access: EvidenceAccess, actor: Actor, id: string): Promise<EvidenceItemView> {
  const { db } = deps.database;
  const [row] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
  if (!row) throw notFound({ zh: '证据', en: 'Evidence' });
  const links = await db.select().from(evidenceLinks).where(eq(evidenceLinks.evidenceId, id)).orderBy(asc(evidenceLinks.linkedAt));
  if (access.canSeeEntity && row.uploadedBy !== actorId(actor)) {
    let visible = false;
    for (const l of links) if (!visible) visible = await access.canSeeEntity(actor, l.entityType, l.entityId);
    if (!visible) throw notFound({ zh: '证据', en: 'Evidence' }); // no hint that it exists
  }
  return toItem(row, links);
}

/** Opening an item's metadata is a custody event (evidence.viewed). */
export async function viewEvidence(deps: AppDeps, access: EvidenceAccess, actor: Actor, id: string, requestId: string | null) {
  const item = await loadEvidence(deps, access, actor, id);
  await deps.database.transaction((exec) => recordAudit(exec, { actor, action: 'evidence.viewed', entityType: 'evidence', entityId: id, requestId }, deps.now()));
  return item;
}

export async function listEvidence(deps: AppDeps, access: EvidenceAccess, actor: Actor, entityType: string, entityId: string) {
  if (access.canSeeEntity && !(await access.canSeeEntity(actor, entityType, entityId))) throw notFound({ zh: '对象', en: `${entityType}` });
  const { db } = deps.database;
  const ids = db.select({ id: evidenceLinks.evidenceId }).from(evidenceLinks).where(and(eq(evidenceLinks.entityType, entityType), eq(evidenceLinks.entityId, entityId)));
  const rows = await db.select().from(evidenceItems).where(inArray(evidenceItems.id, ids)).orderBy(desc(evidenceItems.uploadedAt)).limit(500);
  if (rows.length === 0) return [];
  const links = await db.select().from(evidenceLinks).where(inArray(evidenceLinks.evidenceId, rows.map((r) => r.id))).orderBy(asc(evidenceLinks.linkedAt));
  return rows.map((r) => toItem(r, links.filter((l) => l.evidenceId === r.id)));
}

export async function addEvidenceLinks(deps: AppDeps, access: EvidenceAccess, actor: Actor, id: string, links: Array<{ entityType: string; entityId: string }>, requestId: string | null) {
  const item = await loadEvidence(deps, access, actor, id);
  if (item.removedAt) throw new DomainError('conflict', { zh: '该证据内容已按保存期限删除，不能再关联', en: 'This evidence was removed by retention and cannot be linked' });
  await assertCanLink(access, actor, links);
  await deps.database.db.transaction((tx) => insertLinks(tx, actor, id, links, deps.now(), requestId));
  return loadEvidence(deps, access, actor, id);
}

/** The content for download; the evidence.downloaded event commits before a byte is sent. */
export async function openEvidenceContent(
  deps: AppDeps, store: EvidenceBlobStore, access: EvidenceAccess, actor: Actor, id: string, requestId: string | null,
): Promise<{ item: EvidenceItemView; content: Readable }> {
  const item = await loadEvidence(deps, access, actor, id);
  if (item.removedAt) {
    throw new DomainError('not_found', { zh: `该证据文件已于 ${item.removedAt.slice(0, 10)} 按保存期限删除`, en: `The file was deleted by retention on ${item.removedAt.slice(0, 10)}` });
  }
  const content = await store.get(item.sha256);
  if (!content) {
    deps.log.error('evidence blob missing', { evidenceId: id, sha256: item.sha256 });
    throw new DomainError('internal', { zh: '证据文件缺失，请联系管理员运行证据校验', en: 'The stored file is missing; ask an administrator to run `loandesk evidence verify`' });
  }
  try {
    await deps.database.transaction((exec) =>
      recordAudit(exec, { actor, action: 'evidence.downloaded', entityType: 'evidence', entityId: id, after: { sha256: item.sha256, sizeBytes: item.sizeBytes }, requestId }, deps.now()),
    );
  } catch (err) {
    content.destroy();
    throw err;
  }
  return { item, content };
}
