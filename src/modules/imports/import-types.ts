import type { Readable } from 'node:stream';
import type { Database } from '../../platform/db/client.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data-cipher.ts';
import { DomainError } from '../../platform/errors/domain-error.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ImportKind } from './imports.schema.ts';

export type { ImportKind };

/** One problem with one row. `line` is the physical line in the file (header = line 1). */
export type ImportRejection = {
  line: number;
  /** The CSV column at fault, or null when the row as a whole is at fault (e.g. wrong field count). */
  column: string | null;
  reason: string;
  rawValue: string | null;
};

export type ImportEncoding = 'utf-8' | 'gb18030';

export type ImportProgress = {
  bytesRead: number;
  /** Known when the caller passed it (CLI: file size) or the input was a Buffer. */
  totalBytes: number | undefined;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
};

export type ImportSummary = {
  runId: string;
  kind: ImportKind;
  fileName: string;
  encoding: ImportEncoding;
  /** Data rows read (header excluded). */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows rejected (a row with several problems counts once). */
  rejected: number;
  /** The first 1000 problems by line; import_rejections holds all of them. */
  rejections: ImportRejection[];
  /** File-level notes that did not stop the import, e.g. ignored unknown columns. */
  warnings: string[];
  durationMs: number;
};

export type RunImportOptions = {
  database: Database;
  cipher: PersonalDataCipher;
  kind: ImportKind;
  input: Readable | Buffer;
  fileName: string;
  /** Size of `input` in bytes, for progress bars; taken from the Buffer when not given. */
  totalBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Who runs it, for the audit trail; the CLI and the demo seed are system actors. */
  actor?: Actor;
  /** Rows per database batch (default 5000). Exposed for tests and tuning. */
  batchSize?: number;
};

export const MAX_SUMMARY_REJECTIONS = 1000;

/**
 * The whole file was refused (unreadable encoding, missing columns, empty file): nothing was
 * imported. Maps to HTTP 422 through DomainError; the CLI exits with code 2.
 */
export class ImportRefusedError extends DomainError {
  constructor(
    en: string,
    zh: string,
    public readonly runId: string | null,
  ) {
    super('validation', { zh, en }, [{ field: 'file', message: `${en} / ${zh}` }]);
    this.name = 'ImportRefusedError';
  }
}
