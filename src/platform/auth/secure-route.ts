import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { requireBorrower, requirePermission } from './auth-middleware.ts';
import type { Permission } from './permissions.ts';
import { authProblems } from '../http/problem-responses.ts';

type RouteConfig = Parameters<typeof createRoute>[0];

/**
 * A staff route that needs `permission`. The permission is part of the route's OpenAPI operation
 * (`x-permission`), which is how the docs page shows it and how the role × route test finds every
 * protected route without a hand-kept list.
 */
export function staffRoute<R extends RouteConfig>(permission: Permission, route: R) {
  return createRoute({
    ...route,
    'x-permission': permission,
    security: [{ staffSession: [] }],
    responses: { ...authProblems, ...route.responses },
    middleware: [requirePermission(permission) as MiddlewareHandler<AppEnv>],
  } as R & { middleware: MiddlewareHandler[] });
}

/** A borrower-portal route: the signed-in borrower only ever sees their own records. */
export function borrowerRoute<R extends RouteConfig>(route: R) {
  return createRoute({
    ...route,
    'x-permission': 'borrower',
    security: [{ portalSession: [] }],
    responses: { ...authProblems, ...route.responses },
    middleware: [requireBorrower as MiddlewareHandler<AppEnv>],
  } as R & { middleware: MiddlewareHandler[] });
}
