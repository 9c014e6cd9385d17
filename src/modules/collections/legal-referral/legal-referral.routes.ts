import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, jsonResponse, notFoundProblem, standardProblems } from '../../../platform/http/problem-responses.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { decideReferral, DecideReferralRequest, listCaseReferrals, proposeReferral, ProposeReferralRequest } from './legal-referral-service.ts';

const tags = ['Collections 催收'];
const ChecklistItem = z.object({ item: z.string(), ok: z.boolean(), required: z.boolean(), messageZh: z.string(), messageEn: z.string() });
export const ReferralPackage = z.object({
  id: z.uuid(), referenceNumber: z.string(), caseId: z.uuid(), loanId: z.uuid(), customerId: z.uuid(), actionId: z.uuid().nullable(),
  kind: z.enum(['legal', 'external-agency']), status: z.enum(['proposed', 'approved', 'rejected']), note: z.string().nullable(), pdfEvidenceId: z.uuid().nullable(),
  proposedBy: z.string(), proposedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
  contents: z.object({
    kind: z.string(), asOf: z.string(), complete: z.boolean(), checklist: z.array(ChecklistItem),
    contracts: z.array(z.record(z.string(), z.unknown())), agreementDocuments: z.array(z.record(z.string(), z.unknown())),
    otherEvidence: z.array(z.record(z.string(), z.unknown())), removedEvidence: z.array(z.record(z.string(), z.unknown())),
    statement: z.object({ instalments: z.array(z.record(z.string(), z.unknown())), payments: z.array(z.record(z.string(), z.unknown())), totals: z.record(z.string(), z.unknown()) }),
    contactHistory: z.object({ contacts: z.array(z.record(z.string(), z.unknown())), messages: z.array(z.record(z.string(), z.unknown())), actions: z.array(z.record(z.string(), z.unknown())), byChannel: z.record(z.string(), z.number()), reached: z.number(), total: z.number() }),
    broken: z.object({ promises: z.array(z.record(z.string(), z.unknown())), agreements: z.array(z.record(z.string(), z.unknown())) }),
    agreements: z.array(z.record(z.string(), z.unknown())),
  }).describe('The evidence chain, frozen when proposed'),
}).openapi('ReferralPackage');

const CaseParam = z.object({ caseId: z.string() });
const IdParam = z.object({ id: z.string() });

const propose = staffRoute('collections.work', {
  method: 'post', path: '/collections/cases/{caseId}/legal-referrals', tags, summary: 'Assemble and propose a legal / external-agency referral package 提出移交申请',
  description: 'Assembles the evidence chain (contracts, statements, contact history, broken promises and agreements) with a bilingual PDF index stored as evidence; attaches to the daily run\'s proposal action of that kind when there is one. One package awaiting approval per case (409).',
  request: { params: CaseParam, body: { content: { 'application/json': { schema: ProposeReferralRequest } }, required: true } },
  responses: { 201: jsonResponse(ReferralPackage, 'Proposed for supervisor approval'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const list = staffRoute('collections.work', {
  method: 'get', path: '/collections/cases/{caseId}/legal-referrals', tags, summary: 'Referral packages of a case 案件移交申请',
  request: { params: CaseParam },
  responses: { 200: jsonResponse(z.object({ items: z.array(ReferralPackage) }), 'Newest first'), ...notFoundProblem, ...standardProblems },
});
const decision = (verb: 'approve' | 'reject', summary: string) =>
  staffRoute('collections.approve', {
    method: 'post', path: `/collections/legal-referrals/{id}/${verb}`, tags, summary,
    request: { params: IdParam, body: { content: { 'application/json': { schema: DecideReferralRequest } }, required: true } },
    responses: { 200: jsonResponse(ReferralPackage, verb === 'approve' ? 'Approved' : 'Rejected'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
  });
const approve = decision('approve', 'Approve a referral package (supervisor; never your own) 批准移交');
const reject = decision('reject', 'Reject a referral package, with a reason (supervisor; never your own) 驳回移交');

type Pkg = z.infer<typeof ReferralPackage>;

export function legalReferralRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(propose, async (c) => c.json((await proposeReferral(deps, getActor(c), c.req.valid('param').caseId, c.req.valid('json'), getRequestId(c) ?? null)) as Pkg, 201))
    .openapi(list, async (c) => c.json({ items: (await listCaseReferrals(deps, getActor(c), c.req.valid('param').caseId)) as Pkg[] }, 200))
    .openapi(approve, async (c) => c.json((await decideReferral(deps, getActor(c), c.req.valid('param').id, 'approve', c.req.valid('json').reason, getRequestId(c) ?? null)) as Pkg, 200))
    .openapi(reject, async (c) => c.json((await decideReferral(deps, getActor(c), c.req.valid('param').id, 'reject', c.req.valid('json').reason, getRequestId(c) ?? null)) as Pkg, 200));
}
