/**
 * Analytics API: GET /analytics/collections and /analytics/complaints (analytics.read), and the
 * period's statistics as CSV (reports.export, audited as analytics.exported). Aggregates only: no
 * route here returns a customer, a loan number or a name, so no data-scope filter applies — every
 * reader sees the portfolio-wide figures.
 */
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../platform/auth/request-actor.ts';
import { DomainError } from '../../platform/errors/domain-error.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { jsonResponse, standardProblems } from '../../platform/http/problem-responses.ts';
import { todayInZone } from '../../platform/time/calendar-date.ts';
import { analyticsCsv, analyticsCsvLines } from './analytics-csv.ts';
import { AnalyticsPeriodQuery, CollectionsAnalytics, ComplaintAnalytics, type AnalyticsPeriodInput } from './analytics.contract.ts';
import { collectionsAnalytics } from './collections-analytics.queries.ts';
import { complaintAnalytics } from './complaint-analytics.queries.ts';
import { parseUnitCosts } from './rules/contact-cost.ts';
import { resolvePeriod } from './rules/period.ts';

const tags = ['Analytics 数据分析'];

const collections = staffRoute('analytics.read', {
  method: 'get', path: '/analytics/collections', tags, summary: 'Collections analytics for a period 催收数据分析',
  description: 'Bucket distribution over time, month-over-month roll rates, cure rate by bucket, promise-kept rate, contacts per account by channel, compliance refusals by rule, amount recovered per unit of contact cost, champion vs challenger. Aggregates only.',
  request: { query: AnalyticsPeriodQuery },
  responses: { 200: jsonResponse(CollectionsAnalytics, 'The figures'), ...standardProblems },
});
const complaintsRoute = staffRoute('analytics.read', {
  method: 'get', path: '/analytics/complaints', tags, summary: 'Complaint analytics for a period 投诉数据分析',
  description: 'Complaints per 1,000 accounts by category, product, branch and month; root causes (derived from upheld decisions); first-handling and decision time-limit attainment against the 90 % target; time to resolve; satisfaction.',
  request: { query: AnalyticsPeriodQuery },
  responses: { 200: jsonResponse(ComplaintAnalytics, 'The figures'), ...standardProblems },
});
const exportCsv = staffRoute('reports.export', {
  method: 'get', path: '/analytics/report.csv', tags, summary: "Export the period's statistics as CSV (UTF-8 with BOM) 导出监管报送统计",
  description: 'Long format: section, section_zh, dimension, key, metric, value — every figure of both analytics pages, one per line. The export is audited (analytics.exported).',
  request: { query: AnalyticsPeriodQuery },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...standardProblems },
});

function inputs(deps: AppDeps, q: AnalyticsPeriodInput) {
  try {
    return { period: resolvePeriod(q, todayInZone(deps.now(), deps.config.defaultTimeZone)), unitCosts: parseUnitCosts(q.unitCosts) };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const field = /unit cost|channel/.test(err.message) ? 'unitCosts' : 'from';
    throw new DomainError('validation', { zh: '统计期间或参数有误', en: 'The period or a parameter is not valid' }, [{ field, message: `${err.message} / ${field === 'unitCosts' ? '渠道单位成本有误' : '统计期间有误'}` }]);
  }
}

async function figures(deps: AppDeps, q: AnalyticsPeriodInput) {
  const { period, unitCosts } = inputs(deps, q);
  const timeZone = deps.config.defaultTimeZone;
  const sql = deps.database.sql;
  return {
    period,
    collections: () => collectionsAnalytics(sql, period, { timeZone, unitCosts }),
    complaints: () => complaintAnalytics(sql, period, { timeZone, now: deps.now() }),
  };
}

export function analyticsRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(collections, async (c) => c.json(await (await figures(deps, c.req.valid('query'))).collections(), 200))
    .openapi(complaintsRoute, async (c) => c.json(await (await figures(deps, c.req.valid('query'))).complaints(), 200))
    .openapi(exportCsv, async (c) => {
      const query = c.req.valid('query');
      const f = await figures(deps, query);
      const body = analyticsCsv(analyticsCsvLines(await f.collections(), await f.complaints()));
      // A regulatory copy of the figures leaving the system is a fact the trail must show (who, which period).
      await deps.database.transaction((exec) =>
        recordAudit(exec, {
          actor: getActor(c), action: 'analytics.exported', entityType: 'analytics-report', entityId: `${f.period.from}..${f.period.to}`,
          after: { from: f.period.from, to: f.period.to, format: 'csv-long', lines: body.split('\r\n').length - 2 }, requestId: getRequestId(c) ?? null,
        }, deps.now()),
      );
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="loandesk-statistics-${f.period.from}-${f.period.to}.csv"`,
        'cache-control': 'no-store',
      }) as never;
    });
}
