import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { staffRoute } from '../auth/secure-route.ts';
import { getActor, getRequestId } from '../auth/request-actor.ts';
import { createRouter } from '../http/openapi-router.ts';
import { standardProblems } from '../http/problem-responses.ts';
import { AuditEventPage, AuditEventsQuery, AuditVerificationSchema } from './audit.contract.ts';
import { listAuditEvents, streamAuditEvents } from './audit-queries.ts';
import { auditCsvStream } from './audit-csv.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

const tags = ['Audit 审计'];

const list = staffRoute('audit.read', {
  method: 'get',
  path: '/audit/events',
  tags,
  summary: 'Search the audit trail, newest first 审计日志查询',
  request: { query: AuditEventsQuery },
  responses: {
    200: { description: 'One page of events', content: { 'application/json': { schema: AuditEventPage } } },
    ...standardProblems,
  },
});

const exportCsv = staffRoute('audit.read', {
  method: 'get',
  path: '/audit/events.csv',
  tags,
  summary: 'Export matching events as CSV (UTF-8 with BOM, opens in Excel) 导出审计日志',
  description: 'Same filters as /audit/events (limit and cursor are ignored: every match is exported). The export itself is audited (audit.exported).',
  request: { query: AuditEventsQuery },
  responses: {
    200: { description: 'CSV, newest first', content: { 'text/csv': { schema: z.string() } } },
    ...standardProblems,
  },
});

const verify = staffRoute('audit.read', {
  method: 'get',
  path: '/audit/verify',
  tags,
  summary: 'Verify the hash chain of the whole trail 审计链校验',
  description: 'Re-computes every hash and link; names the first broken link. On millions of events prefer `loandesk audit verify`.',
  responses: {
    200: { description: 'The verification result', content: { 'application/json': { schema: AuditVerificationSchema } } },
    ...standardProblems,
  },
});

export function auditRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      return c.json(await listAuditEvents(deps.database.sql, filter, { limit, cursor }), 200);
    })
    .openapi(exportCsv, async (c) => {
      const { limit: _limit, cursor: _cursor, ...filter } = c.req.valid('query');
      const actor = getActor(c);
      // Who took a copy of the trail, and of what, is itself a custody fact (PIPL art. 55 records).
      await deps.database.transaction((exec) =>
        recordAudit(exec, { actor, action: 'audit.exported', entityType: 'audit-trail', entityId: 'audit_events', after: { filter }, requestId: getRequestId(c) ?? null }, deps.now()),
      );
      const stamp = deps.now().toISOString().slice(0, 10);
      return c.body(auditCsvStream(streamAuditEvents(deps.database.sql, filter)), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-events-${stamp}.csv"`,
        'cache-control': 'no-store',
      }) as never;
    })
    .openapi(verify, async (c) => c.json(await verifyAuditChain(deps.database.sql), 200));
}
