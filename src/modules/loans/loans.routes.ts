import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../server/app-deps.ts';
import { createRouter } from '../../server/openapi-router.ts';
import { standardProblems, notFoundProblem } from '../../server/problem-responses.ts';
import { CustomerIdParam } from '../customers/customers.contract.ts';
import { AsOfQuery, LoanIdParam, LoanList, LoanView } from './loans.contract.ts';
import { loadCustomerLoans, loadLoan, resolveAsOf } from './loan-view.ts';

const tags = ['Loans 贷款'];

const customerLoans = createRoute({
  method: 'get',
  path: '/customers/{customerId}/loans',
  tags,
  summary: "A customer's loans with schedule, payments and days past due 客户贷款",
  request: { params: CustomerIdParam, query: AsOfQuery },
  responses: {
    200: { description: 'Loans, oldest first', content: { 'application/json': { schema: LoanList } } },
    ...notFoundProblem,
    ...standardProblems,
  },
});

const oneLoan = createRoute({
  method: 'get',
  path: '/loans/{loanId}',
  tags,
  summary: 'One loan with schedule, payments and days past due 贷款详情',
  request: { params: LoanIdParam, query: AsOfQuery },
  responses: {
    200: { description: 'The loan', content: { 'application/json': { schema: LoanView } } },
    ...notFoundProblem,
    ...standardProblems,
  },
});

export function loansRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(customerLoans, async (c) => {
      const asOf = resolveAsOf(deps, c.req.valid('query').asOf);
      return c.json({ items: await loadCustomerLoans(deps, c.req.valid('param').customerId, asOf) }, 200);
    })
    .openapi(oneLoan, async (c) => {
      const asOf = resolveAsOf(deps, c.req.valid('query').asOf);
      return c.json(await loadLoan(deps, c.req.valid('param').loanId, asOf), 200);
    });
}
