import { Readable } from 'node:stream';
import { z } from '@hono/zod-openapi';
import { desc, eq, asc } from 'drizzle-orm';
import type { AppDeps } from '../../platform/app-deps.ts';
import { staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor } from '../../platform/auth/request-actor.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { notFoundProblem, standardProblems, jsonResponse } from '../../platform/http/problem-responses.ts';
import { DomainError, notFound } from '../../platform/errors/domain-error.ts';
import { IMPORT_KINDS, importRejections, importRuns } from './imports.schema.ts';
import { runImport } from './run-import.ts';

const tags = ['Imports 数据导入'];

const Rejection = z.object({ line: z.number().int(), column: z.string().nullable(), reason: z.string(), rawValue: z.string().nullable() }).openapi('ImportRejection');
const Summary = z
  .object({
    runId: z.uuid(), kind: z.enum(IMPORT_KINDS), fileName: z.string(), encoding: z.string(),
    read: z.number().int(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int(),
    rejections: z.array(Rejection).describe('The first 1,000 rejected rows by line; all are in /imports/{runId}/rejections.csv'),
    warnings: z.array(z.string()), durationMs: z.number().int(),
  })
  .openapi('ImportSummary');
const Run = z
  .object({
    id: z.uuid(), kind: z.enum(IMPORT_KINDS), fileName: z.string(), status: z.string(), encoding: z.string().nullable(), fileSha256: z.string().nullable(),
    readRows: z.number().int(), insertedRows: z.number().int(), updatedRows: z.number().int(), unchangedRows: z.number().int(), rejectedRows: z.number().int(),
    failureMessage: z.string().nullable(), startedAt: z.string(), finishedAt: z.string().nullable(),
  })
  .openapi('ImportRun');
const RunIdParam = z.object({ runId: z.uuid().openapi({ param: { name: 'runId', in: 'path' } }) });

const upload = staffRoute('imports.run', {
  method: 'post',
  path: '/imports/{kind}',
  tags,
  summary: 'Import a CSV file from the core banking system 导入核心系统数据',
  description:
    'Send the CSV file as the request body (UTF-8 with or without BOM, or GB18030). Valid rows are imported, rejected rows are reported with line, column and reason; re-sending the same file changes nothing. Column formats: docs/import-formats.md.',
  request: {
    params: z.object({ kind: z.enum(IMPORT_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }),
    query: z.object({ fileName: z.string().trim().min(1).max(200).default('upload.csv').describe('Original file name, for the run record') }),
    body: { content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
  },
  responses: { 200: jsonResponse(Summary, 'The file was processed (possibly with rejected rows)'), ...standardProblems },
});
const list = staffRoute('imports.read', {
  method: 'get', path: '/imports', tags, summary: 'Recent import runs 导入记录',
  responses: { 200: jsonResponse(z.object({ items: z.array(Run) }), 'Newest first'), ...standardProblems },
});
const rejectionsCsv = staffRoute('imports.read', {
  method: 'get', path: '/imports/{runId}/rejections.csv', tags, summary: 'Every rejected row of a run, as CSV 导入错误报告',
  request: { params: RunIdParam },
  responses: { 200: { description: 'CSV with line, column, reason, raw_value', content: { 'text/csv': { schema: z.string() } } }, ...notFoundProblem, ...standardProblems },
});

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Prefix formula-looking cells so a spreadsheet shows them instead of running them.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function importsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(upload, async (c) => {
      const { kind } = c.req.valid('param');
      const { fileName } = c.req.valid('query');
      const body = c.req.raw.body;
      if (!body) throw new DomainError('validation', { zh: '请求体为空，请上传 CSV 文件', en: 'Empty body; send the CSV file as the request body' }, [{ field: 'body', message: 'required / 必填' }]);
      const summary = await runImport({
        database: deps.database, cipher: deps.cipher, kind, fileName, actor: getActor(c),
        input: Readable.fromWeb(body as never),
      });
      return c.json(summary, 200);
    })
    .openapi(list, async (c) => {
      const rows = await db.select().from(importRuns).orderBy(desc(importRuns.startedAt)).limit(100);
      return c.json({ items: rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null })) }, 200);
    })
    .openapi(rejectionsCsv, async (c) => {
      const { runId } = c.req.valid('param');
      const [run] = await db.select({ id: importRuns.id, fileName: importRuns.fileName }).from(importRuns).where(eq(importRuns.id, runId));
      if (!run) throw notFound({ zh: '导入记录', en: 'Import run' });
      const rows = await db.select().from(importRejections).where(eq(importRejections.runId, runId)).orderBy(asc(importRejections.line));
      const lines = ['line,column,reason,raw_value', ...rows.map((r) => [r.line, r.column, r.reason, r.rawValue].map(csvCell).join(','))];
      return c.body(`\uFEFF${lines.join('\r\n')}\r\n`, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="rejections-${runId}.csv"` });
    });
}
