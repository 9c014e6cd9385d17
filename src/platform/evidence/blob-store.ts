import type { Readable } from 'node:stream';

/**
 * Content-addressed storage for evidence files: a blob's name is the SHA-256 of its bytes, so a
 * stored file can be re-verified at any time and can never be silently replaced — the same name
 * always means the same content. Deliberately small so an S3-compatible object store (MinIO, a
 * bank's private cloud OSS) can implement it: stage = upload to a staging key while hashing,
 * commit = conditional copy to `<sha256>` (If-None-Match: *) and drop the staging key.
 */
export interface EvidenceBlobStore {
  /**
   * Streams `content` to a private staging area while hashing it. Nothing is visible under the hash
   * until commit(); on any error (source stream failure, size limit) the staging copy is removed
   * before the error is rethrown.
   */
  stage(content: AsyncIterable<Uint8Array>, options?: { maxBytes?: number }): Promise<StagedBlob>;
  /** stage + commit in one call. */
  put(content: AsyncIterable<Uint8Array>, options?: { maxBytes?: number }): Promise<{ sha256: string; size: number; created: boolean }>;
  /** The content, or null when no blob has that hash. */
  get(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number | null>;
  /** Retention only (applyEvidenceRetention): no other code path removes evidence. */
  delete(sha256: string): Promise<boolean>;
}

export interface StagedBlob {
  readonly sha256: string;
  readonly size: number;
  /** The first bytes (up to 8 KiB), for sniffing the real file type. */
  readonly head: Uint8Array;
  /** Random access to the staged bytes (a ZIP's central directory is at its end). */
  read(position: number, length: number): Promise<Uint8Array>;
  /** Publishes under the hash; never overwrites: `created` is false when that content was already stored. */
  commit(): Promise<{ created: boolean }>;
  /** Drops the staging copy; safe to call twice or after commit. */
  discard(): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`content exceeds ${maxBytes} bytes`);
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const HEAD_BYTES = 8192;
