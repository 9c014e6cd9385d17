import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, jsonResponse, notFoundProblem, standardProblems } from '../../../platform/http/problem-responses.ts';
import { ContactPoint, CustomerIdParam } from '../customers.contract.ts';
import { AddContactPointRequest, ContactPointParams, MarkContactPointWrongRequest } from './contact-points.contract.ts';
import { addContactPoint, markContactPointWrong, verifyContactPoint } from './manage-contact-points.ts';

const tags = ['Customers 客户'];

// communications.send: the people who call and visit borrowers are the ones who learn a number is wrong or new.
const add = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/contact-points', tags, summary: 'Add a contact point with its source (audited) 新增联系方式',
  description: 'Phones are stored in E.164; the response is masked unless the role may view personal data. The audit row records the source and a masked value.',
  request: { params: CustomerIdParam, body: { content: { 'application/json': { schema: AddContactPointRequest } }, required: true } },
  responses: { 201: jsonResponse(ContactPoint, 'Added'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const markWrong = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/contact-points/{contactPointId}/mark-wrong', tags, summary: 'Mark a contact point wrong (audited) 标记号码错误',
  description: 'The compliance engine stops using it at once (no call, no message); it stays on file, struck through, for the record.',
  request: { params: ContactPointParams, body: { content: { 'application/json': { schema: MarkContactPointWrongRequest } }, required: true } },
  responses: { 200: jsonResponse(ContactPoint, 'Marked wrong'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const verify = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/contact-points/{contactPointId}/verify', tags, summary: 'Record that the borrower confirmed a contact point 核实联系方式',
  request: { params: ContactPointParams },
  responses: { 200: jsonResponse(ContactPoint, 'Verified'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

export function contactPointsRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(add, async (c) => c.json(await addContactPoint(deps, getActor(c), c.req.valid('param').customerId, c.req.valid('json'), getRequestId(c) ?? null) as z.infer<typeof ContactPoint>, 201))
    .openapi(markWrong, async (c) => {
      const { customerId, contactPointId } = c.req.valid('param');
      return c.json(await markContactPointWrong(deps, getActor(c), customerId, contactPointId, c.req.valid('json').reason, getRequestId(c) ?? null) as z.infer<typeof ContactPoint>, 200);
    })
    .openapi(verify, async (c) => {
      const { customerId, contactPointId } = c.req.valid('param');
      return c.json(await verifyContactPoint(deps, getActor(c), customerId, contactPointId, getRequestId(c) ?? null) as z.infer<typeof ContactPoint>, 200);
    });
}
