import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../server/app-deps.ts';
import { createRouter } from '../../server/openapi-router.ts';
import { standardProblems, notFoundProblem } from '../../server/problem-responses.ts';
import { CustomerIdParam, CustomerProfile, CustomerSearchQuery, CustomerSearchResult, Timeline } from './customers.contract.ts';
import { getCustomerProfile, getCustomerTimeline, searchCustomers } from './customers.queries.ts';

const tags = ['Customers 客户'];

const search = createRoute({
  method: 'get',
  path: '/customers',
  tags,
  summary: 'Search customers 客户查询',
  description: 'Matches a partial name, or exactly an ID number, credit code, phone, loan number or customer number.',
  request: { query: CustomerSearchQuery },
  responses: { 200: { description: 'Matching customers', content: { 'application/json': { schema: CustomerSearchResult } } }, ...standardProblems },
});

const profile = createRoute({
  method: 'get',
  path: '/customers/{customerId}',
  tags,
  summary: 'Customer profile with contact points, consents and preferences 客户详情',
  request: { params: CustomerIdParam },
  responses: {
    200: { description: 'The customer', content: { 'application/json': { schema: CustomerProfile } } },
    ...notFoundProblem,
    ...standardProblems,
  },
});

const timeline = createRoute({
  method: 'get',
  path: '/customers/{customerId}/timeline',
  tags,
  summary: 'The unified customer timeline 客户时间线',
  request: { params: CustomerIdParam },
  responses: {
    200: { description: 'Newest first', content: { 'application/json': { schema: Timeline } } },
    ...notFoundProblem,
    ...standardProblems,
  },
});

export function customersRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(search, async (c) => {
      const { q, limit, offset } = c.req.valid('query');
      return c.json(await searchCustomers(deps, q, limit, offset), 200);
    })
    .openapi(profile, async (c) => c.json(await getCustomerProfile(deps, c.req.valid('param').customerId), 200))
    .openapi(timeline, async (c) => c.json({ items: await getCustomerTimeline(deps, c.req.valid('param').customerId) }, 200));
}
