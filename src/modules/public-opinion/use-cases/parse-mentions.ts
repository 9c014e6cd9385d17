import { z } from '@hono/zod-openapi';
import { openDecodedText, EncodingRefusal } from '../../imports/encoding.ts';
import { readCsvRecords } from '../../imports/csv-records.ts';
import { MENTION_SOURCES, type MentionSource } from '../public-opinion.schema.ts';

export type MentionInput = {
  source: MentionSource;
  externalId: string;
  publishedAt: Date;
  text: string;
  link: string | null;
  author: string | null;
};

/** Where a rejected row was: a CSV line (1 = the header) or a JSON array index (0-based). */
export type RowProblem = { line?: number; index?: number; externalId?: string; field?: string; reason: string };

export const MAX_IMPORT_ROWS = 10_000;
export const CSV_COLUMNS = ['source', 'external_id', 'published_at', 'text', 'link', 'author'] as const;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const MentionRow = z.object({
  source: z.enum(MENTION_SOURCES),
  external_id: z.string().trim().min(1).max(200),
  published_at: z.iso.datetime({ offset: true }),
  text: z.string().trim().min(1).max(5000),
  link: z.preprocess(blankToNull, z.url().max(2000).nullable().optional()),
  author: z.preprocess(blankToNull, z.string().trim().max(200).nullable().optional()),
});

/** Validates one row; on failure the first issue names the field and the reason. */
export function validateMentionRow(raw: unknown): { ok: true; value: MentionInput } | { ok: false; field?: string; reason: string; externalId?: string } {
  const parsed = MentionRow.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const externalId = raw && typeof raw === 'object' && typeof (raw as Record<string, unknown>).external_id === 'string' ? String((raw as Record<string, unknown>).external_id) : undefined;
    return { ok: false, field: issue.path.join('.') || undefined, reason: issue.message, externalId };
  }
  const r = parsed.data;
  return {
    ok: true,
    value: { source: r.source, externalId: r.external_id, publishedAt: new Date(r.published_at), text: r.text, link: r.link ?? null, author: r.author ?? null },
  };
}

export type ParsedBatch = { rows: Array<{ at: { line: number } | { index: number }; value: MentionInput }>; problems: RowProblem[] };

/** A JSON array of mention objects (snake_case, like the CSV header). */
export function parseJsonMentions(body: unknown): ParsedBatch {
  if (!Array.isArray(body)) return { rows: [], problems: [{ reason: 'The JSON body must be an array of mentions / JSON 请求体必须是舆情数组' }] };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], problems: [{ reason: `At most ${MAX_IMPORT_ROWS} mentions per request / 每次请求最多 ${MAX_IMPORT_ROWS} 条舆情` }] };
  const out: ParsedBatch = { rows: [], problems: [] };
  body.forEach((raw, index) => {
    const r = validateMentionRow(raw);
    if (r.ok) out.rows.push({ at: { index }, value: r.value });
    else out.problems.push({ index, externalId: r.externalId, field: r.field, reason: r.reason });
  });
  return out;
}

/** CSV with a header naming the columns (any order; link and author optional), UTF-8 or GB18030. */
export async function parseCsvMentions(bytes: Uint8Array): Promise<ParsedBatch> {
  const out: ParsedBatch = { rows: [], problems: [] };
  let text: AsyncGenerator<string>;
  try {
    text = (await openDecodedText((async function* () { yield Buffer.from(bytes); })())).text;
  } catch (err) {
    if (err instanceof EncodingRefusal) return { rows: [], problems: [{ reason: `${err.message} / 无法读取文件：请另存为 UTF-8 或 GB18030 编码的 CSV` }] };
    throw err;
  }
  let header: string[] | null = null;
  let count = 0;
  for await (const batch of readCsvRecords(text)) {
    for (const record of batch) {
      if ('unreadable' in record) {
        out.problems.push({ line: record.line, reason: record.unreadable });
        continue;
      }
      if (!header) {
        header = record.fields.map((f) => f.trim().toLowerCase().replace(/^\uFEFF/, ''));
        const missing = CSV_COLUMNS.slice(0, 4).filter((c) => !header!.includes(c));
        if (missing.length > 0) return { rows: [], problems: [{ line: record.line, reason: `Missing column(s): ${missing.join(', ')} / 缺少列：${missing.join(', ')}` }] };
        continue;
      }
      if (++count > MAX_IMPORT_ROWS) {
        out.problems.push({ line: record.line, reason: `At most ${MAX_IMPORT_ROWS} mentions per file / 每个文件最多 ${MAX_IMPORT_ROWS} 条舆情` });
        return out;
      }
      if (record.fields.length !== header.length) {
        out.problems.push({ line: record.line, reason: `Expected ${header.length} fields, found ${record.fields.length} / 应有 ${header.length} 个字段，实际为 ${record.fields.length} 个` });
        continue;
      }
      const raw = Object.fromEntries(header.map((h, i) => [h, record.fields[i]]));
      const r = validateMentionRow(raw);
      if (r.ok) out.rows.push({ at: { line: record.line }, value: r.value });
      else out.problems.push({ line: record.line, externalId: r.externalId, field: r.field, reason: r.reason });
    }
  }
  if (!header) out.problems.push({ reason: 'The file is empty / 文件为空' });
  return out;
}
