import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRoute, z } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from '../platform/app-deps.ts';
import { createRouter } from '../platform/http/openapi-router.ts';
import { renderApiDocsPage } from './api-docs-page.ts';
import { DomainError } from '../platform/errors/domain-error.ts';
import { problemResponse, toProblem } from '../platform/errors/problem-details.ts';
import { configureBilingualZodMessages } from '../platform/errors/zod-messages.ts';
import { sessionMiddleware } from '../platform/auth/auth-middleware.ts';
import { authRoutes } from '../platform/auth/auth.routes.ts';
import { usersRoutes } from '../platform/auth/users.routes.ts';
import { customersRoutes } from '../modules/customers/index.ts';
import { loansRoutes } from '../modules/loans/index.ts';
import { portalRoutes } from '../modules/portal/index.ts';
import { importsRoutes } from '../modules/imports/index.ts';
import { entityVisibility } from '../modules/customers/entity-visibility.ts';
import { auditRoutes } from '../platform/audit/index.ts';
import { evidenceRoutes } from '../platform/evidence/index.ts';
import { notificationsRoutes } from '../platform/notifications/index.ts';
import { principalResolvers } from './principal-resolvers.ts';
import { communicationsRoutes } from '../modules/communications/index.ts';
import { complaintsRoutes, enableComplaintEmailIntake } from '../modules/complaints/index.ts';
import { collectionsWorkbenchRoutes } from '../modules/collections/workbench/index.ts';
import { publicOpinionRoutes } from '../modules/public-opinion/index.ts';
import { strategyStoreRoutes } from '../modules/collections/strategy-store/strategy-store.routes.ts';
import { analyticsRoutes } from '../modules/analytics/index.ts';
import { jobsRoutes } from '../platform/jobs/index.ts';
import { collectionRunsRoutes } from '../modules/collections/daily-run/collection-runs.routes.ts';
import { appJobs } from './app-jobs.ts';
import { jsonBodyFromNodeStream } from '../platform/http/json-body.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System 系统'],
  summary: 'Liveness and database check',
  responses: {
    200: {
      description: 'Up',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() }).openapi('Health'),
        },
      },
    },
  },
});

export function createApp(deps: AppDeps) {
  configureBilingualZodMessages();
  const api = createRouter();
  api.use('*', sessionMiddleware(deps.database, principalResolvers(deps.database), deps.now));
  api.openapi(health, async (c) => {
    await deps.database.sql.query('select 1');
    return c.json({ status: 'ok' as const, database: deps.database.kind, time: deps.now().toISOString() }, 200);
  });
  api.route('/', authRoutes(deps));
  api.route('/', usersRoutes(deps));
  api.route('/', customersRoutes(deps));
  api.route('/', loansRoutes(deps));
  api.route('/', portalRoutes(deps));
  api.route('/', importsRoutes(deps));
  api.route('/', auditRoutes(deps));
  api.route('/', evidenceRoutes(deps, { maxUploadBytes: deps.config.evidenceMaxUploadBytes, canSeeEntity: entityVisibility(deps.database.db) }));
  api.route('/', communicationsRoutes(deps));
  api.route('/', complaintsRoutes(deps));
  api.route('/', notificationsRoutes(deps));
  api.route('/', collectionsWorkbenchRoutes(deps));
  api.route('/', publicOpinionRoutes(deps));
  api.route('/', strategyStoreRoutes(deps));
  api.route('/', analyticsRoutes(deps));
  api.route('/', jobsRoutes(deps, appJobs(deps)));
  api.route('/', collectionRunsRoutes(deps, appJobs(deps)));
  enableComplaintEmailIntake(deps);

  api.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', { type: 'apiKey', in: 'cookie', name: 'ld_session', description: 'Console session from POST /api/auth/login; state-changing requests also need the x-csrf-token header' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'portalSession', { type: 'apiKey', in: 'cookie', name: 'ld_portal', description: 'Borrower portal session from POST /api/portal/auth/login' });

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'LoanDesk API 贷后工作台接口',
      version: '0.1.0',
      description:
        'Post-loan management. Money is always integer fen (1 yuan = 100 fen) in JSON. Dates are YYYY-MM-DD; instants are ISO 8601. Errors are RFC 9457 problem+json with field-level `errors`.',
    },
  });
  api.get('/docs', async (c) => {
    const res = await api.request('/openapi.json');
    return c.html(renderApiDocsPage(await res.json()));
  });

  const app = createRouter();
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) ?? crypto.randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    await next();
  });
  app.use('/api/*', jsonBodyFromNodeStream());
  app.route('/api', api);
  app.all('/api/*', () => {
    throw new DomainError('not_found', { zh: '接口不存在', en: 'No such API endpoint' });
  });

  if (fs.existsSync(WEB_DIST)) {
    app.use('/*', serveStatic({ root: path.relative(process.cwd(), WEB_DIST) }));
    // Client-side routes (/customers/…) get the single-page app.
    const indexHtml = () => fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    app.get('*', (c) => c.html(indexHtml()));
  } else {
    app.get('/', (c) => c.text('LoanDesk API is running. The web console is not built: run `npm run build:web`. API docs: /api/docs', 200));
  }

  app.onError((err, c) => {
    if (err instanceof HTTPException && !(err instanceof DomainError)) {
      const code = err.status === 400 ? 'bad_request' : err.status === 413 ? 'payload_too_large' : 'internal';
      return problemResponse(c, toProblem(new DomainError(code, { zh: '请求无效', en: err.message || 'Bad request' }), c.req.path));
    }
    const problem = toProblem(err, c.req.path);
    if (problem.status >= 500) deps.log.error('unhandled error', { path: c.req.path, error: err instanceof Error ? err.stack : String(err) });
    return problemResponse(c, problem);
  });
  return app;
}
