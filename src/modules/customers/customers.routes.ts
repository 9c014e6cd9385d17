import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import { staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../platform/auth/request-actor.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { standardProblems, notFoundProblem, conflictProblem, jsonResponse } from '../../platform/http/problem-responses.ts';
import {
  ConsentChange, CustomerIdParam, CustomerProfile, CustomerSearchQuery, CustomerSearchResult, Timeline, UnmaskRequest, UnmaskResult,
} from './customers.contract.ts';
import { getCustomerProfile, getCustomerTimeline, searchCustomers } from './customers.queries.ts';
import { unmaskPersonalData } from './use-cases/unmask-personal-data.ts';
import { changeConsent } from './use-cases/change-consent.ts';
import { contactPointsRoutes } from './contact-points/contact-points.routes.ts';

const tags = ['Customers 客户'];

const search = staffRoute('customers.read', {
  method: 'get',
  path: '/customers',
  tags,
  summary: 'Search customers 客户查询',
  description: 'Matches a partial name, or exactly an ID number, credit code, phone, loan number or customer number — within your data scope.',
  request: { query: CustomerSearchQuery },
  responses: { 200: jsonResponse(CustomerSearchResult, 'Matching customers'), ...standardProblems },
});

const profile = staffRoute('customers.read', {
  method: 'get',
  path: '/customers/{customerId}',
  tags,
  summary: 'Customer profile with contact points, consents and preferences 客户详情',
  request: { params: CustomerIdParam },
  responses: { 200: jsonResponse(CustomerProfile, 'The customer'), ...notFoundProblem, ...standardProblems },
});

const timeline = staffRoute('customers.read', {
  method: 'get',
  path: '/customers/{customerId}/timeline',
  tags,
  summary: 'The unified customer timeline 客户时间线',
  request: { params: CustomerIdParam },
  responses: { 200: jsonResponse(Timeline, 'Newest first'), ...notFoundProblem, ...standardProblems },
});

const unmask = staffRoute('personal-data.unmask', {
  method: 'post',
  path: '/customers/{customerId}/unmask',
  tags,
  summary: 'Reveal one masked field, with a reason (audited) 查看完整个人信息',
  request: { params: CustomerIdParam, body: { content: { 'application/json': { schema: UnmaskRequest } }, required: true } },
  responses: { 200: jsonResponse(UnmaskResult, 'The clear value'), ...notFoundProblem, ...standardProblems },
});

const consent = staffRoute('customers.consents.manage', {
  method: 'post',
  path: '/customers/{customerId}/consents',
  tags,
  summary: 'Record a consent grant or withdrawal 记录授权同意/撤回',
  request: { params: CustomerIdParam, body: { content: { 'application/json': { schema: ConsentChange } }, required: true } },
  responses: { 201: jsonResponse(z.object({ consentId: z.uuid() }), 'Recorded'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

export function customersRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(search, async (c) => {
      const { q, limit, offset } = c.req.valid('query');
      return c.json(await searchCustomers(deps, getActor(c), q, limit, offset), 200);
    })
    .openapi(profile, async (c) => c.json(await getCustomerProfile(deps, getActor(c), c.req.valid('param').customerId), 200))
    .openapi(timeline, async (c) => c.json({ items: await getCustomerTimeline(deps, getActor(c), c.req.valid('param').customerId) }, 200))
    .openapi(unmask, async (c) => {
      const body = c.req.valid('json');
      const result = await unmaskPersonalData(deps, getActor(c), { ...body, customerId: c.req.valid('param').customerId, requestId: getRequestId(c) });
      return c.json(result, 200);
    })
    .openapi(consent, async (c) => {
      const body = c.req.valid('json');
      const result = await changeConsent(deps, getActor(c), { ...body, customerId: c.req.valid('param').customerId, requestId: getRequestId(c) });
      return c.json(result, 201);
    })
    .route('/', contactPointsRoutes(deps));
}
