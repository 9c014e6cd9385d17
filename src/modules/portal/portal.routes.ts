import { createRoute, z } from '@hono/zod-openapi';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { AppDeps } from '../../platform/app-deps.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { authProblems, conflictProblem, rateLimitedProblem, standardProblems, jsonResponse } from '../../platform/http/problem-responses.ts';
import { borrowerRoute } from '../../platform/auth/secure-route.ts';
import { cookieOptions, PORTAL_COOKIE } from '../../platform/auth/auth-middleware.ts';
import { AddressRateLimiter } from '../../platform/auth/login-throttle.ts';
import { clientAddress, throttleByAddress } from '../../platform/auth/auth.routes.ts';
import { getActor, getRequestId } from '../../platform/auth/request-actor.ts';
import { revokeSession, SESSION_MAX_HOURS } from '../../platform/auth/session-store.ts';
import { sessionCacheOf } from '../../platform/auth/session-cache.ts';
import { ConsentChange, CustomerProfile } from '../customers/customers.contract.ts';
import { getCustomerProfile } from '../customers/customers.queries.ts';
import { changeConsent } from '../customers/use-cases/change-consent.ts';
import { LoanList, AsOfQuery } from '../loans/loans.contract.ts';
import { loadCustomerLoans, resolveAsOf } from '../loans/loan-view.ts';
import { portalLogin } from './portal-login.ts';

const tags = ['Borrower portal 客户门户'];

export const PortalSession = z
  .object({ customerId: z.uuid(), displayName: z.string(), csrfToken: z.string() })
  .openapi('PortalSession');

const login = createRoute({
  method: 'post', path: '/portal/auth/login', tags, summary: 'Borrower sign-in 客户登录',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            login: z.string().trim().min(1, 'Enter your customer number or mobile / 请输入客户号或手机号').max(50),
            password: z.string().min(1).max(200),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 200: jsonResponse(PortalSession, 'Signed in'), ...authProblems, ...rateLimitedProblem, ...standardProblems },
});
const session = borrowerRoute({
  method: 'get', path: '/portal/auth/session', tags, summary: 'The current portal session and its CSRF token 当前会话',
  responses: { 200: jsonResponse(PortalSession, 'Signed in') },
});
const me = borrowerRoute({ method: 'get', path: '/portal/me', tags, summary: 'My profile 我的信息', responses: { 200: jsonResponse(CustomerProfile, 'Profile') } });
const logout = borrowerRoute({ method: 'post', path: '/portal/auth/logout', tags, summary: 'Sign out', responses: { 204: { description: 'Signed out' } } });
const loans = borrowerRoute({
  method: 'get', path: '/portal/loans', tags, summary: 'My loans and repayment schedules 我的贷款',
  request: { query: AsOfQuery },
  responses: { 200: jsonResponse(LoanList, 'Loans'), ...standardProblems },
});
const consent = borrowerRoute({
  method: 'post', path: '/portal/consents', tags, summary: 'Grant or withdraw a consent 授权/撤回同意',
  request: { body: { content: { 'application/json': { schema: ConsentChange } }, required: true } },
  responses: { 201: jsonResponse(z.object({ consentId: z.uuid() }), 'Recorded'), ...conflictProblem, ...standardProblems },
});

/** The borrower portal: everything is keyed by the signed-in borrower, never by an id in the URL. */
export function portalRoutes(deps: AppDeps) {
  const limiter = new AddressRateLimiter();
  const customerIdOf = (actor: ReturnType<typeof getActor>) => (actor.kind === 'borrower' ? actor.customerId : '');
  return createRouter()
    .openapi(login, async (c) => {
      throttleByAddress(limiter, c);
      const r = await portalLogin(deps, { ...c.req.valid('json'), ip: clientAddress(c), userAgent: c.req.header('user-agent'), requestId: getRequestId(c) });
      setCookie(c, PORTAL_COOKIE, r.token, cookieOptions(c, SESSION_MAX_HOURS * 3600));
      return c.json({ customerId: r.customerId, displayName: r.displayName, csrfToken: r.session.csrfToken }, 200);
    })
    .openapi(session, async (c) => {
      const actor = getActor(c);
      return c.json({ customerId: customerIdOf(actor), displayName: actor.kind === 'borrower' ? actor.displayName : '', csrfToken: c.get('session')!.csrfToken }, 200);
    })
    .openapi(me, async (c) => {
      const actor = getActor(c);
      return c.json(await getCustomerProfile(deps, actor, customerIdOf(actor)), 200);
    })
    .openapi(logout, async (c) => {
      await revokeSession(deps.database.sql, sessionCacheOf(deps.database), c.get('session')!.id, deps.now());
      deleteCookie(c, PORTAL_COOKIE, cookieOptions(c));
      return c.body(null, 204);
    })
    .openapi(loans, async (c) => {
      const actor = getActor(c);
      return c.json({ items: await loadCustomerLoans(deps, actor, customerIdOf(actor), resolveAsOf(deps, c.req.valid('query').asOf)) }, 200);
    })
    .openapi(consent, async (c) => {
      const actor = getActor(c);
      return c.json(await changeConsent(deps, actor, { ...c.req.valid('json'), customerId: customerIdOf(actor), requestId: getRequestId(c) }), 201);
    });
}
