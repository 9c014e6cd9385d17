export { evidenceRoutes, contentDisposition, type EvidenceRouteOptions } from './evidence.routes.ts';
export { evidenceItems, evidenceLinks, EVIDENCE_KINDS, type EvidenceKind } from './evidence.schema.ts';
export type { EvidenceBlobStore, StagedBlob } from './blob-store.ts';
export { createFileBlobStore, type FileBlobStore } from './file-blob-store.ts';
export { evidenceStoreFor, type EvidenceAccess } from './evidence-service.ts';
export { applyEvidenceRetention, type RetentionResult } from './evidence-retention.ts';
export { verifyEvidenceStore, type EvidenceVerification } from './verify-evidence-store.ts';
export { DEFAULT_MAX_UPLOAD_BYTES } from './evidence-upload.ts';
export { ACCEPTED_TYPES, sniffContentType } from './content-sniffer.ts';
