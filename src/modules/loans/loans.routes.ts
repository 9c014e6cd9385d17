import type { AppDeps } from '../../platform/app-deps.ts';
import { staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor } from '../../platform/auth/request-actor.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { standardProblems, notFoundProblem } from '../../platform/http/problem-responses.ts';
import { CustomerIdParam } from '../customers/customers.contract.ts';
import { AsOfQuery, LoanIdParam, LoanList, LoanView } from './loans.contract.ts';
import { loadCustomerLoans, loadLoan, resolveAsOf } from './loan-view.ts';

const tags = ['Loans 贷款'];

const customerLoans = staffRoute('loans.read', {
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

const oneLoan = staffRoute('loans.read', {
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
      return c.json({ items: await loadCustomerLoans(deps, getActor(c), c.req.valid('param').customerId, asOf) }, 200);
    })
    .openapi(oneLoan, async (c) => {
      const asOf = resolveAsOf(deps, c.req.valid('query').asOf);
      return c.json(await loadLoan(deps, getActor(c), c.req.valid('param').loanId, asOf), 200);
    });
}
