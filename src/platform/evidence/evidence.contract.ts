import { z } from '@hono/zod-openapi';
import { EVIDENCE_KINDS } from './evidence.schema.ts';

/** What evidence can be linked to. Later modules add their case types here. */
export const EVIDENCE_ENTITY_TYPES = ['customer', 'loan', 'case', 'complaint', 'escalation-report', 'fraud-case', 'visit', 'agreement'] as const;

export const EvidenceLinkInput = z.object({
  entityType: z.enum(EVIDENCE_ENTITY_TYPES),
  entityId: z.string().trim().min(1).max(100),
});

const isoDate = z.iso.date();
const formText = (max: number) => z.string().trim().max(max).optional();

/** The text fields of the multipart upload (validated by hand: the body is streamed, see evidence.routes.ts). */
export const EvidenceUploadFields = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  source: formText(200),
  capturedAt: z.union([z.iso.datetime({ offset: true }), isoDate]).optional(),
  description: formText(2000),
  retentionUntil: isoDate.optional(),
  links: z
    .array(z.string().regex(/^[a-z-]+:[^\s]{1,100}$/, 'entityType:entityId, e.g. customer:<uuid> / 格式为 entityType:entityId，如 customer:<uuid>'))
    .max(20)
    .default([])
    .transform((links) => links.map((l) => ({ entityType: l.slice(0, l.indexOf(':')), entityId: l.slice(l.indexOf(':') + 1) })))
    .pipe(z.array(EvidenceLinkInput)),
});
export type EvidenceUploadInput = z.infer<typeof EvidenceUploadFields>;

/** For the OpenAPI document only: a plain schema, so the router does not buffer the body to validate it. */
export const EvidenceUploadBodyDoc = {
  type: 'object',
  required: ['file', 'kind'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The file (PDF, image, audio, e-mail, CSV/text, DOCX/XLSX); at most the configured size (25 MiB by default)' },
    kind: { type: 'string', enum: [...EVIDENCE_KINDS] },
    source: { type: 'string', description: 'Where it came from (客户提供, 核心系统, 录音系统…)' },
    capturedAt: { type: 'string', description: 'When it was made: ISO 8601 instant or date (Asia/Shanghai)' },
    description: { type: 'string' },
    retentionUntil: { type: 'string', format: 'date', description: 'Delete the content after this date' },
    links: { type: 'array', items: { type: 'string' }, description: 'Repeatable: entityType:entityId (customer:<uuid>, loan:<uuid>, case:<id>)' },
  },
} as const;

export const EvidenceLink = z.object({ entityType: z.string(), entityId: z.string(), linkedAt: z.string(), linkedBy: z.string() }).openapi('EvidenceLink');

export const EvidenceItem = z
  .object({
    id: z.uuid(),
    sha256: z.string().describe('SHA-256 of the content, hex'),
    sizeBytes: z.number().int(),
    contentType: z.string().describe('Sniffed from the bytes'),
    claimedContentType: z.string().nullable().describe("What the file name's extension claimed, when it disagreed"),
    originalFileName: z.string(),
    kind: z.enum(EVIDENCE_KINDS),
    source: z.string().nullable(),
    capturedAt: z.string().nullable(),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
    description: z.string().nullable(),
    retentionUntil: z.string().nullable(),
    removedAt: z.string().nullable().describe('Set when retention deleted the content; the record stays'),
    removedReason: z.string().nullable(),
    links: z.array(EvidenceLink),
  })
  .openapi('EvidenceItem');

export const EvidenceUploadResult = EvidenceItem.extend({
  alreadyStored: z.boolean().describe('The same bytes were stored before (content-addressed: one copy)'),
  typeMismatch: z
    .object({ claimed: z.string().nullable(), claimedExtension: z.string().nullable(), detected: z.string(), message: z.string(), messageZh: z.string() })
    .nullable()
    .describe('The file name said one type, the bytes another: stored as what the bytes are'),
}).openapi('EvidenceUploadResult');

export const EvidenceListQuery = z.object({ entityType: z.enum(EVIDENCE_ENTITY_TYPES), entityId: z.string().trim().min(1).max(100) });
export const EvidenceList = z.object({ items: z.array(EvidenceItem) }).openapi('EvidenceList');
export const EvidenceIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'Evidence id' }) });
export const AddLinksBody = z.object({ links: z.array(EvidenceLinkInput).min(1).max(20) }).openapi('EvidenceLinksInput');
