import type { z } from 'zod';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { PersonalDataCipher } from '../../../platform/crypto/personal-data-cipher.ts';
import type { ImportKind, ImportRejection } from '../import-types.ts';
import type { ReferenceCache } from '../reference-cache.ts';

/** A row that passed its schema, with the physical line it came from. */
export type ValidRow<Row> = { line: number; row: Row };

export type BatchOutcome = {
  inserted: number;
  updated: number;
  /** Rows refused at write time (unknown reference, immutable repayment changed…). One per row. */
  rejections: ImportRejection[];
};

export type WriteContext = {
  cipher: PersonalDataCipher;
  refs: ReferenceCache;
  /** CSV columns present in this file's header: absent optional columns are left alone on update. */
  present: ReadonlySet<string>;
};

/**
 * Everything that differs between import kinds. The pipeline (run-import.ts) owns reading,
 * encoding, header checks, duplicate detection, batching, transactions and reporting.
 */
export type ImportKindDefinition<Row = any> = {
  kind: ImportKind;
  requiredColumns: readonly string[];
  optionalColumns: readonly string[];
  /** Input: the trimmed cells by column name (undefined = column absent). */
  schema: z.ZodType<Row, Record<string, string | undefined>>;
  /** Identity of a row within the file; a second row with the same key is rejected. */
  key: { columns: readonly string[]; of(row: Row): string };
  /** Further values that must be unique within a file (e.g. a credit code). */
  alsoUnique?: ReadonlyArray<{ column: string; of(row: Row): string | null | undefined }>;
  /**
   * Batches allowed in flight at once. 1 for kinds that re-allocate payments per loan: two
   * transactions rewriting the same loan's allocations concurrently could double-count.
   */
  maxConcurrency: number;
  writeBatch(sql: SqlExecutor, rows: ValidRow<Row>[], ctx: WriteContext): Promise<BatchOutcome>;
};

export const reject = (line: number, column: string | null, reason: string, rawValue: unknown): ImportRejection => ({
  line,
  column,
  reason,
  rawValue: rawValue == null ? null : String(rawValue),
});
