import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { BatchWriter, type BatchReport } from './batch-writer.ts';
import { readCsvRecords, type CsvRecord } from './csv-records.ts';
import { EncodingRefusal, openDecodedText } from './encoding.ts';
import {
  ImportRefusedError, MAX_SUMMARY_REJECTIONS, type ImportEncoding, type ImportProgress, type ImportRejection,
  type ImportSummary, type RunImportOptions,
} from './import-types.ts';
import { IMPORT_KIND_DEFINITIONS } from './kinds/index.ts';
import type { ValidRow } from './kinds/kind.ts';
import { loadReferenceCache } from './reference-cache.ts';
import { planHeader, validateRecord } from './row-validation.ts';
import { ImportRunStore } from './run-store.ts';
import { systemActor } from '../../platform/auth/actor.ts';

const DEFAULT_BATCH_SIZE = 5000;
const CHUNK_BYTES = 64 * 1024;

/**
 * Imports one CSV file of one kind: streams it (constant memory apart from the set of keys seen,
 * needed to reject in-file duplicates), validates every row, writes valid rows in batches and
 * records the run. Returns the summary; throws ImportRefusedError when the file as a whole cannot
 * be imported (encoding, header), having recorded the run as failed.
 */
export async function runImport(options: RunImportOptions): Promise<ImportSummary> {
  const { database, cipher, kind, input, fileName, onProgress } = options;
  const def = IMPORT_KIND_DEFINITIONS[kind];
  if (!def) throw new ImportRefusedError(`unknown import kind "${kind}"`, `未知的导入类型"${kind}"`, null);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const startedAt = performance.now();
  const store = await ImportRunStore.start(database, kind, fileName);

  const hash = crypto.createHash('sha256');
  const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  let bytesRead = 0;
  let encoding: ImportEncoding | undefined;
  const firstRejections: ImportRejection[] = [];
  const keepForSummary = (list: readonly ImportRejection[]) => {
    firstRejections.push(...list);
    // Write-time rejections arrive out of line order: keep the lowest lines, trimming in bulk.
    if (firstRejections.length >= 2 * MAX_SUMMARY_REJECTIONS) trimByLine(firstRejections);
  };
  // Validation rejections are collected synchronously per parsed chunk and stored after it.
  let chunkRejections: ImportRejection[] = [];
  const rejectRow = (list: readonly ImportRejection[]) => {
    totals.rejected++;
    keepForSummary(list);
    for (const r of list) chunkRejections.push(r);
  };
  const progress = (): ImportProgress => ({
    bytesRead,
    totalBytes: options.totalBytes ?? (Buffer.isBuffer(input) ? input.length : undefined),
    ...totals,
  });

  async function* countedChunks(): AsyncGenerator<Buffer> {
    for await (const chunk of toChunks(input)) {
      bytesRead += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
  }

  try {
    let decoded;
    try {
      decoded = await openDecodedText(countedChunks());
    } catch (err) {
      if (err instanceof EncodingRefusal) throw refusal(`cannot read the file: ${err.message}`, `无法读取文件编码：请另存为 UTF-8 或 GB18030 的 CSV`);
      throw err;
    }
    encoding = decoded.encoding;
    const chunks = readCsvRecords(decoded.text)[Symbol.asyncIterator]();
    const firstChunk = await chunks.next();
    if (firstChunk.done || firstChunk.value.length === 0) throw refusal('the file is empty: a header row is required', '文件为空：需要表头行');
    const [header, ...firstRecords] = firstChunk.value;
    if ('unreadable' in header!) {
      // The CSV reader's reason is already 'English / 中文'; a refusal keeps the halves apart.
      const [unreadableEn, unreadableZh] = header.unreadable.split(' / ');
      throw refusal(`the header row is unreadable: ${unreadableEn}`, `表头行无法解析：${unreadableZh}`);
    }
    const plan = planHeader(def, header!.fields);
    if ('en' in plan) throw refusal(plan.en, plan.zh);

    const refs = await loadReferenceCache(database.sql);
    const concurrency = database.kind === 'pglite' ? 1 : def.maxConcurrency;
    const writer = new BatchWriter(database, def, { cipher, refs, present: plan.present }, concurrency, async (report: BatchReport) => {
      totals.inserted += report.inserted;
      totals.updated += report.updated;
      totals.unchanged += report.sent - report.inserted - report.updated - report.rejections.length;
      totals.rejected += report.rejections.length;
      keepForSummary(report.rejections);
      await store.add(report.rejections);
      onProgress?.(progress());
    });

    const seenKeys = new Map<string, number>();
    const seenUnique = (def.alsoUnique ?? []).map(() => new Map<string, number>());
    const keyColumns = def.key.columns.join('+');
    let batch: ValidRow<unknown>[] = [];

    /** Synchronous on purpose: the per-row path allocates no promises. Returns a valid row or null. */
    const accept = (record: CsvRecord): ValidRow<unknown> | null => {
      totals.read++;
      if ('unreadable' in record) {
        rejectRow([{ line: record.line, column: null, reason: record.unreadable, rawValue: null }]);
        return null;
      }
      const result = validateRecord(def, plan, record.fields, record.line);
      if (!result.ok) {
        rejectRow(result.rejections);
        return null;
      }
      const key = def.key.of(result.row);
      const firstLine = seenKeys.get(key);
      if (firstLine !== undefined) {
        const raw = def.key.columns.map((c) => record.fields[plan.indexOf.get(c)!]?.trim()).join(', ');
        rejectRow([{ line: record.line, column: keyColumns, reason: `duplicate of line ${firstLine} in this file / 与本文件第 ${firstLine} 行重复`, rawValue: raw }]);
        return null;
      }
      const clash = findUniqueClash(def.alsoUnique ?? [], seenUnique, result.row, record.line);
      if (clash) {
        rejectRow([clash]);
        return null;
      }
      seenKeys.set(key, record.line);
      return { line: record.line, row: result.row };
    };

    for (let records: CsvRecord[] | null = firstRecords; records; ) {
      for (const record of records) {
        const valid = accept(record);
        if (!valid) continue;
        batch.push(valid);
        if (batch.length >= batchSize) {
          await writer.submit(batch);
          batch = [];
        }
      }
      if (chunkRejections.length > 0) {
        const list = chunkRejections;
        chunkRejections = [];
        await store.add(list);
      }
      const next = await chunks.next();
      records = next.done ? null : next.value;
    }
    if (batch.length > 0) await writer.submit(batch);
    await writer.drain();

    const summary: ImportSummary = {
      runId: store.runId,
      kind,
      fileName,
      encoding,
      ...totals,
      rejections: trimByLine(firstRejections),
      warnings: plan.warnings,
      durationMs: Math.round(performance.now() - startedAt),
    };
    await store.complete(options.actor ?? systemActor('import'), { encoding, sha256: hash.digest('hex'), ...totals });
    onProgress?.(progress());
    return summary;
  } catch (err) {
    await store.fail(err instanceof Error ? err.message : String(err), { encoding, ...totals });
    throw err;
  }

  function refusal(en: string, zh: string): ImportRefusedError {
    return new ImportRefusedError(en, zh, store.runId);
  }
}

function findUniqueClash(
  rules: ReadonlyArray<{ column: string; of(row: unknown): string | null | undefined }>,
  seen: Map<string, number>[],
  row: unknown,
  line: number,
): ImportRejection | null {
  for (const [i, rule] of rules.entries()) {
    const value = rule.of(row);
    if (!value) continue;
    const firstLine = seen[i]!.get(value);
    if (firstLine !== undefined) {
      return { line, column: rule.column, reason: `same ${rule.column} as line ${firstLine} in this file / ${rule.column} 与本文件第 ${firstLine} 行相同`, rawValue: value };
    }
  }
  // Record only once the row is accepted, so a rejected row never shadows a later valid one.
  for (const [i, rule] of rules.entries()) {
    const value = rule.of(row);
    if (value) seen[i]!.set(value, line);
  }
  return null;
}

/** Sorts by line (stable) and keeps the first MAX_SUMMARY_REJECTIONS, in place. */
function trimByLine(list: ImportRejection[]): ImportRejection[] {
  list.sort((a, b) => a.line - b.line);
  if (list.length > MAX_SUMMARY_REJECTIONS) list.length = MAX_SUMMARY_REJECTIONS;
  return list;
}

/** Buffers are cut into chunks so a large in-memory file streams like one read from disk. */
async function* toChunks(input: Readable | Buffer): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(input)) {
    for (let offset = 0; offset < input.length; offset += CHUNK_BYTES) yield input.subarray(offset, offset + CHUNK_BYTES);
    return;
  }
  for await (const chunk of input) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}
