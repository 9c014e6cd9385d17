import { timingSafeEqual } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../platform/auth/request-actor.ts';
import { DomainError } from '../../platform/errors/domain-error.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { authProblems, badRequestProblem, conflictProblem, jsonResponse, notFoundProblem, standardProblems } from '../../platform/http/problem-responses.ts';
import {
  AlertIdParam, AlertList, AlertListQuery, DailyStats, DailyStatsQuery, ImportResult, Mention, MentionIdParam, MentionJsonRow, MentionList,
  MentionListQuery, OpenComplaintFromMentionBody, OpenComplaintFromMentionResult, StatusBody,
} from './public-opinion.contract.ts';
import { dailyStats, getMention, listAlerts, listMentions } from './public-opinion.queries.ts';
import { importMentions } from './use-cases/import-mentions.ts';
import { acknowledgeAlert, openComplaintFromMention, setMentionStatus } from './use-cases/mention-actions.ts';
import { parseCsvMentions, parseJsonMentions, validateMentionRow } from './use-cases/parse-mentions.ts';

export const PUBLIC_OPINION_SECRET_HEADER = 'x-loandesk-public-opinion-secret';
const tags = ['Public opinion 舆情'];
const json = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const list = staffRoute('public-opinion.read', {
  method: 'get', path: '/public-opinion/mentions', tags, summary: 'List public mentions 舆情列表',
  description: 'Newest first; filter by sentiment label, status, source, matched or not, and a publication date range.',
  request: { query: MentionListQuery },
  responses: { 200: jsonResponse(MentionList, 'Mentions'), ...standardProblems },
});
const importRoute = staffRoute('public-opinion.manage', {
  method: 'post', path: '/public-opinion/mentions/import', tags, summary: 'Import mentions (CSV or JSON array) 导入舆情',
  description:
    'CSV with a header (source, external_id, published_at, text, link, author; UTF-8 or GB18030) or a JSON array of the same fields. ' +
    'Each row is validated; rejected rows are listed with their CSV line or JSON index and the reason. Idempotent on (source, external_id). ' +
    'New mentions are scored and matched; a spike of negative mentions raises an alert.',
  request: {
    body: {
      content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) }, 'application/json': { schema: z.array(z.unknown()).openapi({ description: 'PublicOpinionMentionInput[]' }) } },
      required: false,
    },
  },
  responses: { 200: jsonResponse(ImportResult, 'Imported, duplicates skipped, rejected rows listed'), ...badRequestProblem, ...standardProblems },
});
const webhook = createRoute({
  method: 'post', path: '/public-opinion/webhook', tags, 'x-auth': `shared secret in the ${PUBLIC_OPINION_SECRET_HEADER} header (PUBLIC_OPINION_WEBHOOK_SECRET)`,
  summary: "A monitoring vendor pushes one mention (shared-secret header) 舆情推送",
  request: { body: { content: { 'application/json': { schema: MentionJsonRow } }, required: true } },
  responses: { 200: jsonResponse(ImportResult, 'Stored (or already present)'), ...authProblems, ...standardProblems },
});
const review = staffRoute('public-opinion.manage', {
  method: 'post', path: '/public-opinion/mentions/{mentionId}/review', tags, summary: 'Mark a mention reviewed 标记已查看',
  request: { params: MentionIdParam, ...json(StatusBody) },
  responses: { 200: jsonResponse(Mention, 'The mention'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const dismiss = staffRoute('public-opinion.manage', {
  method: 'post', path: '/public-opinion/mentions/{mentionId}/dismiss', tags, summary: 'Dismiss a mention 忽略',
  request: { params: MentionIdParam, ...json(StatusBody) },
  responses: { 200: jsonResponse(Mention, 'The mention'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const openComplaintRoute = staffRoute('public-opinion.manage', {
  method: 'post', path: '/public-opinion/mentions/{mentionId}/open-complaint', tags, summary: 'Open a complaint from a mention 据舆情登记投诉',
  description: 'Channel api; the customer is the matched one, or `customerId` for an unmatched mention. A retry returns the same complaint.',
  request: { params: MentionIdParam, ...json(OpenComplaintFromMentionBody) },
  responses: { 201: jsonResponse(OpenComplaintFromMentionResult, 'Complaint registered and linked'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const alerts = staffRoute('public-opinion.read', {
  method: 'get', path: '/public-opinion/alerts', tags, summary: 'Negative-mention spike alerts 舆情预警',
  request: { query: AlertListQuery },
  responses: { 200: jsonResponse(AlertList, 'Alerts, newest first'), ...standardProblems },
});
const ack = staffRoute('public-opinion.manage', {
  method: 'post', path: '/public-opinion/alerts/{alertId}/acknowledge', tags, summary: 'Acknowledge an alert 确认预警',
  request: { params: AlertIdParam },
  responses: { 200: jsonResponse(AlertList, 'Alerts after the change'), ...notFoundProblem, ...standardProblems },
});
const stats = staffRoute('public-opinion.read', {
  method: 'get', path: '/public-opinion/stats/daily', tags, summary: 'Mentions per day and sentiment 每日舆情统计',
  request: { query: DailyStatsQuery },
  responses: { 200: jsonResponse(DailyStats, 'One entry per local day, oldest first'), ...standardProblems },
});

function secretMatches(expected: string | undefined, given: string | undefined): boolean {
  if (expected === undefined || given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function publicOpinionRoutes(deps: AppDeps) {
  const router = createRouter();
  // Checked before the body is read: a caller without the secret learns nothing.
  router.use('/public-opinion/webhook', async (c, next) => {
    if (!secretMatches(deps.config.publicOpinion.webhookSecret, c.req.header(PUBLIC_OPINION_SECRET_HEADER))) {
      throw new DomainError('unauthenticated', { zh: '推送密钥无效', en: 'Missing or wrong webhook secret' });
    }
    await next();
  });
  return router
    .openapi(list, async (c) => c.json(await listMentions(deps, getActor(c), c.req.valid('query')), 200))
    .openapi(importRoute, async (c) => {
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      let parsed;
      if (type.includes('json')) {
        parsed = parseJsonMentions(c.req.valid('json'));
      } else if (type.includes('csv') || type.startsWith('text/plain')) {
        parsed = await parseCsvMentions(new Uint8Array(await c.req.arrayBuffer()));
      } else {
        throw new DomainError('bad_request', { zh: '请上传 CSV（text/csv）或 JSON 数组（application/json）', en: 'Send text/csv or an application/json array' });
      }
      const outcome = await importMentions(deps, getActor(c), parsed.rows.map((r) => r.value), { origin: 'file', requestId: getRequestId(c) });
      return c.json({ received: outcome.received, imported: outcome.imported, duplicates: outcome.duplicates, rejected: parsed.problems, alert: outcome.alert }, 200);
    })
    .openapi(webhook, async (c) => {
      const r = validateMentionRow(c.req.valid('json'));
      if (!r.ok) throw new DomainError('validation', { zh: '舆情数据无效', en: 'Invalid mention' }, [{ field: r.field ?? '', message: r.reason }]);
      const outcome = await importMentions(deps, systemActor('public-opinion-webhook'), [r.value], { origin: 'webhook', requestId: getRequestId(c) });
      return c.json({ received: 1, imported: outcome.imported, duplicates: outcome.duplicates, rejected: [], alert: outcome.alert }, 200);
    })
    .openapi(review, async (c) => {
      const { mentionId } = c.req.valid('param');
      await setMentionStatus(deps, getActor(c), { mentionId, status: 'reviewed', note: c.req.valid('json').note, requestId: getRequestId(c) });
      return c.json(await getMention(deps, getActor(c), mentionId), 200);
    })
    .openapi(dismiss, async (c) => {
      const { mentionId } = c.req.valid('param');
      await setMentionStatus(deps, getActor(c), { mentionId, status: 'dismissed', note: c.req.valid('json').note, requestId: getRequestId(c) });
      return c.json(await getMention(deps, getActor(c), mentionId), 200);
    })
    .openapi(openComplaintRoute, async (c) => {
      const { mentionId } = c.req.valid('param');
      const b = c.req.valid('json');
      const r = await openComplaintFromMention(deps, getActor(c), { mentionId, customerId: b.customerId, description: b.description, requestId: getRequestId(c) });
      return c.json({ complaintId: r.complaintId, referenceNumber: r.referenceNumber, mention: await getMention(deps, getActor(c), mentionId) }, 201);
    })
    .openapi(alerts, async (c) => c.json(await listAlerts(deps, c.req.valid('query').acknowledged), 200))
    .openapi(ack, async (c) => {
      await acknowledgeAlert(deps, getActor(c), { alertId: c.req.valid('param').alertId, requestId: getRequestId(c) });
      return c.json(await listAlerts(deps), 200);
    })
    .openapi(stats, async (c) => c.json(await dailyStats(deps, c.req.valid('query').days), 200));
}
