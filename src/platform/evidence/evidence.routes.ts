import { Readable } from 'node:stream';
import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { staffRoute } from '../auth/secure-route.ts';
import { getActor, getRequestId } from '../auth/request-actor.ts';
import { DomainError } from '../errors/domain-error.ts';
import { createRouter } from '../http/openapi-router.ts';
import { badRequestProblem, conflictProblem, notFoundProblem, standardProblems, jsonResponse } from '../http/problem-responses.ts';
import type { EvidenceBlobStore } from './blob-store.ts';
import { extensionFor } from './content-sniffer.ts';
import { boundaryOf } from './multipart-stream.ts';
import { AddLinksBody, EvidenceIdParam, EvidenceItem, EvidenceList, EvidenceListQuery, EvidenceUploadBodyDoc, EvidenceUploadResult } from './evidence.contract.ts';
import { classifyUpload, DEFAULT_MAX_UPLOAD_BYTES, receiveUpload, tooLarge } from './evidence-upload.ts';
import { addEvidenceLinks, createEvidence, evidenceStoreFor, listEvidence, openEvidenceContent, viewEvidence, type EvidenceAccess } from './evidence-service.ts';

const tags = ['Evidence 证据'];
const payloadTooLarge = { 413: { ...standardProblems[422], description: 'File over the upload limit; nothing stored' } };

const upload = staffRoute('evidence.upload', {
  method: 'post',
  path: '/evidence',
  tags,
  summary: 'Upload evidence (hashed on arrival, type sniffed) 上传证据',
  description:
    'multipart/form-data, streamed: the file is hashed while it is written and never held in memory. The type is taken from the bytes; a file whose name claims another type is stored as what it really is and `typeMismatch` says so; types outside the accepted list are refused (422).',
  request: { body: { required: true, content: { 'multipart/form-data': { schema: EvidenceUploadBodyDoc as never } } } },
  responses: { 201: jsonResponse(EvidenceUploadResult, 'Stored'), ...payloadTooLarge, ...badRequestProblem, ...standardProblems },
});

const list = staffRoute('evidence.read', {
  method: 'get', path: '/evidence', tags, summary: 'Evidence linked to a customer, loan or case 证据列表',
  request: { query: EvidenceListQuery },
  responses: { 200: jsonResponse(EvidenceList, 'Newest first'), ...notFoundProblem, ...standardProblems },
});

const one = staffRoute('evidence.read', {
  method: 'get', path: '/evidence/{id}', tags, summary: 'Evidence metadata (audited: evidence.viewed) 证据详情',
  request: { params: EvidenceIdParam },
  responses: { 200: jsonResponse(EvidenceItem, 'The item'), ...notFoundProblem, ...standardProblems },
});

const content = staffRoute('evidence.read', {
  method: 'get', path: '/evidence/{id}/content', tags, summary: 'Download the file (audited: evidence.downloaded) 下载证据文件',
  request: { params: EvidenceIdParam },
  responses: { 200: { description: 'The bytes, with Repr-Digest (RFC 9530) so the receiver can check them' }, ...notFoundProblem, ...standardProblems },
});

const link = staffRoute('evidence.upload', {
  method: 'post', path: '/evidence/{id}/links', tags, summary: 'Link evidence to a customer, loan or case 关联证据',
  request: { params: EvidenceIdParam, body: { required: true, content: { 'application/json': { schema: AddLinksBody } } } },
  responses: { 201: jsonResponse(EvidenceItem, 'The item with its links'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

export type EvidenceRouteOptions = EvidenceAccess & {
  /** Upload limit in bytes (default 25 MiB); enforced while streaming. */
  maxUploadBytes?: number;
  /** Defaults to the filesystem store under config.dataDir/evidence. */
  store?: EvidenceBlobStore;
};

export function evidenceRoutes(deps: AppDeps, options: EvidenceRouteOptions = {}) {
  const store = options.store ?? evidenceStoreFor(deps);
  const maxBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const access: EvidenceAccess = { canSeeEntity: options.canSeeEntity };
  return createRouter()
    .openapi(upload, async (c) => {
      const actor = getActor(c);
      // Refuse a declared oversize body before reading a byte (64 KiB allowance for the other fields).
      const declared = Number(c.req.header('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
      const boundary = boundaryOf(c.req.header('content-type'));
      const body = c.req.raw.body;
      if (!boundary || !body) throw new DomainError('bad_request', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
      const received = await receiveUpload(store, readableStreamIterable(body), boundary, maxBytes);
      try {
        const verdict = await classifyUpload(received.staged, received.fileName);
        const item = await createEvidence(deps, access, actor, { ...received, verdict, requestId: getRequestId(c) ?? null });
        const typeMismatch = verdict.mismatch
          ? {
              claimed: verdict.claimed, claimedExtension: verdict.claimedExtension, detected: verdict.detected,
              message: `The file is named .${verdict.claimedExtension} but its content is ${verdict.detected}; it was stored as ${verdict.detected}.`,
              messageZh: `文件扩展名为 .${verdict.claimedExtension}，但实际内容为 ${verdict.detected}，已按实际类型保存。`,
            }
          : null;
        return c.json({ ...item, typeMismatch }, 201);
      } finally {
        await received.staged.discard(); // no-op once committed
      }
    })
    .openapi(list, async (c) => {
      const { entityType, entityId } = c.req.valid('query');
      return c.json({ items: await listEvidence(deps, access, getActor(c), entityType, entityId) }, 200);
    })
    .openapi(one, async (c) => c.json(await viewEvidence(deps, access, getActor(c), c.req.valid('param').id, getRequestId(c) ?? null), 200))
    .openapi(content, async (c) => {
      const { item, content: stream } = await openEvidenceContent(deps, store, access, getActor(c), c.req.valid('param').id, getRequestId(c) ?? null);
      return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
        'content-type': item.contentType,
        'content-length': String(item.sizeBytes),
        'content-disposition': contentDisposition(downloadName(item)),
        'repr-digest': `sha-256=:${Buffer.from(item.sha256, 'hex').toString('base64')}:`,
        // Evidence is personal data: never cached; never rendered by the browser as something else.
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      }) as never;
    })
    .openapi(link, async (c) => {
      const item = await addEvidenceLinks(deps, access, getActor(c), c.req.valid('param').id, c.req.valid('json').links, getRequestId(c) ?? null);
      return c.json(item, 201);
    });
}

/** A renamed file downloads with its real extension appended (合同.jpg → 合同.jpg.pdf), so it opens in the right program. */
function downloadName(item: { originalFileName: string; contentType: string; claimedContentType: string | null }): string {
  if (!item.claimedContentType) return item.originalFileName;
  return `${item.originalFileName}.${extensionFor(item.contentType as never)}`;
}

/** RFC 6266 + RFC 5987: an ASCII fallback for old clients and the exact UTF-8 name in filename*. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

async function* readableStreamIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
