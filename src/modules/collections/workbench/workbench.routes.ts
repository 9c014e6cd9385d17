import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { jsonResponse, notFoundProblem, standardProblems } from '../../../platform/http/problem-responses.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { refusalProblem, refusedResponse } from '../../communications/communications.contract.ts';
import { loadQueue, logOutcome, OutcomeRequest } from './workbench-service.ts';
import { getCaseView, listApprovals } from './case-view.ts';
import { ReferralPackage } from '../legal-referral/legal-referral.routes.ts';

const tags = ['Collections 催收'];

const CallCheck = z.object({
  allowed: z.boolean(),
  denials: z.array(z.object({ rule: z.string(), messageZh: z.string(), messageEn: z.string() })),
  earliestAllowedAt: z.string().nullable(),
});
export const QueueItem = z.object({
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

const Loose = z.record(z.string(), z.unknown());
export const CaseView = z.object({
  asOf: z.string().describe('Today in the lender\'s zone (the server\'s clock)'),
  id: z.uuid(), status: z.string(), openedOn: z.string(), closedOn: z.string().nullable(), closeReason: z.string().nullable(), arm: z.string(), segmentId: z.string().nullable(),
  dpd: z.number().int(), bucket: z.string(), willingness: z.string(),
  customer: z.object({ id: z.uuid(), name: z.string(), riskTier: z.string() }),
  loan: z.object({ id: z.uuid(), loanNumber: z.string(), annualRateBps: z.number().int() }),
  callNow: CallCheck.nullable().describe('Null once the case is closed'),
  actions: z.array(z.object({ id: z.uuid(), asOf: z.string(), kind: z.string(), channel: z.string().nullable(), templateKey: z.string().nullable(), status: z.string(), statusReason: z.string().nullable(), outcome: z.string(), reason: z.string(), requiresApproval: z.boolean() })),
  promises: z.array(z.object({ id: z.uuid(), promisedOn: z.string(), dueOn: z.string(), amountFen: z.number().int(), status: z.string(), resolvedOn: z.string().nullable() })),
  outcomes: z.array(z.object({ id: z.uuid(), outcome: z.string(), willingness: z.string().nullable(), hardshipReason: z.string().nullable(), note: z.string().nullable(), callbackAt: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string() })),
  agreements: z.array(Loose), referrals: z.array(ReferralPackage),
  otherOpenCases: z.array(z.object({ caseId: z.uuid(), loanNumber: z.string(), dpd: z.number().int(), bucket: z.string() })).describe('The customer\'s other open collection cases'),
  openComplaints: z.array(z.object({ id: z.uuid(), referenceNumber: z.string(), status: z.string(), receivedAt: z.string() })).describe('Complaints not yet closed (reference and status only)'),
}).openapi('CollectionCaseView');
export const Approvals = z.object({
  agreements: z.array(Loose).describe('Repayment agreements above the approval limits, awaiting a supervisor'),
  referrals: z.array(ReferralPackage.extend({ customerName: z.string(), loanNumber: z.string() })),
  pendingProposals: z.array(z.object({ actionId: z.uuid(), caseId: z.uuid(), asOf: z.string(), kind: z.string(), reason: z.string(), dpd: z.number().int(), customerId: z.uuid(), customerName: z.string(), loanNumber: z.string() }))
    .describe('Referral proposals of the daily run with no package assembled yet'),
}).openapi('CollectionApprovals');

const caseView = staffRoute('collections.work', {
  method: 'get', path: '/collections/cases/{caseId}', tags, summary: 'The account view of a case 案件详情',
  description: 'The case, the call-now compliance answer, the strategy\'s actions, promises, logged outcomes, agreements and referral packages.',
  request: { params: z.object({ caseId: z.string() }) },
  responses: { 200: jsonResponse(CaseView, 'The case'), ...notFoundProblem, ...standardProblems },
});
const approvals = staffRoute('collections.approve', {
  method: 'get', path: '/collections/approvals', tags, summary: 'What awaits supervisor approval 待审批',
  responses: { 200: jsonResponse(Approvals, 'Agreements and referral packages awaiting a decision, in my data scope') },
});

export function workbenchRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(queue, async (c) => c.json(await loadQueue(deps, getActor(c)), 200))
    .openapi(approvals, async (c) => c.json((await listApprovals(deps, getActor(c))) as z.infer<typeof Approvals>, 200))
    .openapi(caseView, async (c) => c.json((await getCaseView(deps, getActor(c), c.req.valid('param').caseId)) as z.infer<typeof CaseView>, 200))
    .openapi(outcome, async (c) => {
      const r = await logOutcome(deps, getActor(c), c.req.valid('param').caseId, c.req.valid('json'), getRequestId(c) ?? null);
      if (!r.logged) return refusalProblem(c, r);
      return c.json({ outcomeId: r.outcomeId, contactId: r.contactId, promiseId: r.promiseId, holdId: r.holdId, hardshipFlagSet: r.hardshipFlagSet }, 201);
    });
}
