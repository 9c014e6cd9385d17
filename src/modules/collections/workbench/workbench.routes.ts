import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { jsonResponse, notFoundProblem, standardProblems } from '../../../platform/http/problem-responses.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { refusalProblem, refusedResponse } from '../../communications/communications.contract.ts';
import { loadQueue, logOutcome, OutcomeRequest } from './workbench-service.ts';

const tags = ['Collections 催收'];

const CallCheck = z.object({
  allowed: z.boolean(),
  denials: z.array(z.object({ rule: z.string(), messageZh: z.string(), messageEn: z.string() })),
  earliestAllowedAt: z.string().nullable(),
});
const QueueItem = z.object({
  rank: z.number().int(), caseId: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string(), riskTier: z.string() }),
  loan: z.object({ id: z.uuid(), loanNumber: z.string() }),
  dpd: z.number().int(), bucket: z.string(), overdueFen: z.number().int(), willingness: z.string(),
  lastContact: z.object({ at: z.string(), outcome: z.string().nullable() }).nullable(),
  nextAction: z.string(), promiseDueToday: z.boolean(), callbackDue: z.boolean(), callbackAt: z.string().nullable(),
  priority: z.object({ tier: z.number().int(), score: z.number().int(), expectedRecoveryFen: z.number().int(), cureLikelihood: z.number(), reasons: z.array(z.string()) }),
  callNow: CallCheck.describe('The compliance engine: may the agent phone the borrower now?'),
}).openapi('CollectionQueueItem');

const queue = staffRoute('collections.work', {
  method: 'get', path: '/collections/queue', tags, summary: 'My prioritised collections queue 我的催收队列',
  description: 'Open cases of the customers in my data scope. Order: a promise due today, then a callback due, then expected recovery (overdue × cure likelihood of the bucket) weighted by risk.',
  responses: { 200: jsonResponse(z.object({ asOf: z.string(), items: z.array(QueueItem) }), 'The queue') },
});
const outcome = staffRoute('collections.work', {
  method: 'post', path: '/collections/cases/{caseId}/outcomes', tags, summary: 'Log a call outcome on a case 记录催收结果',
  description: 'The call is compliance-checked first; a refused call is 409 contact_refused and nothing is logged.',
  request: { params: z.object({ caseId: z.string() }), body: { content: { 'application/json': { schema: OutcomeRequest } }, required: true } },
  responses: {
    201: jsonResponse(z.object({ outcomeId: z.uuid(), contactId: z.uuid(), promiseId: z.uuid().nullable(), holdId: z.uuid().nullable(), hardshipFlagSet: z.boolean() }), 'Logged'),
    ...refusedResponse, ...notFoundProblem, ...standardProblems,
  },
});

export function workbenchRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(queue, async (c) => c.json(await loadQueue(deps, getActor(c)), 200))
    .openapi(outcome, async (c) => {
      const r = await logOutcome(deps, getActor(c), c.req.valid('param').caseId, c.req.valid('json'), getRequestId(c) ?? null);
      if (!r.logged) return refusalProblem(c, r);
      return c.json({ outcomeId: r.outcomeId, contactId: r.contactId, promiseId: r.promiseId, holdId: r.holdId, hardshipFlagSet: r.hardshipFlagSet }, 201);
    });
}
