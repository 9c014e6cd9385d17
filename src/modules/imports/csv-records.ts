import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';

/** A parsed record with the physical line it starts on, or a record csv-parse could not read. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; unreadable: string };

/** Longest record accepted; guards memory against a runaway quoted field. */
const MAX_RECORD_CHARS = 256 * 1024;

/**
 * Streams records (in arrays, as parsed) out of decoded CSV text with csv-parse (RFC 4180: quotes, doubled quotes,
 * CRLF/LF, multi-line quoted fields). Field-count mismatches are passed through for the caller
 * to reject (relax_column_count); malformed quoting is skipped by csv-parse and surfaced here as an
 * `unreadable` record so it ends up in the rejection report instead of aborting the file.
 */
export async function* readCsvRecords(text: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let previousEndLine = 0;
  const skipped: CsvRecord[] = [];
  const options: Options<unknown, string[]> = {
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // A quote inside an unquoted field (=HYPERLINK("x")) is kept as text, so the cell can be judged.
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
    // on_record sees the parser's line counter without the cost of `info: true` (a copy per record).
    on_record: (fields, context) => {
      const record = fields as string[];
      const endLine = context.lines;
      let line = endLine;
      // Only a record spanning several lines (or after skipped empty lines) needs the exact start.
      if (endLine - previousEndLine > 1) {
        let newlines = 0;
        for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) newlines++;
        line = endLine - newlines;
      }
      previousEndLine = endLine;
      return { line, fields: record };
    },
  };
  const parser = parse(options as Options);
  parser.on('skip', (err: Error & { lines?: number; code?: string }) => {
    // The failing record starts right after the last good one (err.lines is where it was noticed).
    skipped.push({ line: previousEndLine + 1, unreadable: describeCsvError(err) });
    if (err.lines) previousEndLine = err.lines;
  });
  const source = Readable.from(text, { objectMode: false });
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  for await (const records of readAvailable<{ line: number; fields: string[] }>(parser)) {
    const out: CsvRecord[] = [];
    for (const record of records) {
      // 'skip' fires while the parser runs ahead of the consumer: release skips in line order.
      while (skipped.length > 0 && skipped[0]!.line < record.line) out.push(skipped.shift()!);
      out.push(record);
    }
    yield out;
  }
  if (skipped.length > 0) yield skipped.splice(0);
}

/**
 * Everything a readable stream has buffered, as one array per wake-up. One await per chunk
 * instead of one per record keeps the async overhead off the per-row path (1M-row files).
 */
async function* readAvailable<T>(stream: Readable): AsyncGenerator<T[]> {
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('readable', notify);
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (err) => {
    failure = err;
    notify();
  });
  for (;;) {
    if (failure) throw failure;
    const batch: T[] = [];
    for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) batch.push(item);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (ended || stream.readableEnded) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

function describeCsvError(err: Error & { code?: string }): string {
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'malformed quotes: a quoted field must be followed by a comma or the end of the line / 引号格式错误：带引号的字段后面必须是逗号或行尾';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'malformed quotes: a quoted field starting on this row is never closed; the rest of the file was not read / 引号格式错误：从本行开始的带引号字段没有闭合，文件其余部分未读取';
    case 'CSV_MAX_RECORD_SIZE':
      return `row longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?); the rest of the file was not read / 该行超过 ${MAX_RECORD_CHARS} 个字符（引号未闭合？），文件其余部分未读取`;
    default:
      return `unreadable CSV row (${err.code ?? err.message}) / 无法解析的 CSV 行（${err.code ?? err.message}）`;
  }
}
