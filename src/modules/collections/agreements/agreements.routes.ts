import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, jsonResponse, notFoundProblem, standardProblems } from '../../../platform/http/problem-responses.ts';
import { borrowerRoute, staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { Readable } from 'node:stream';
import { openEvidenceContent, evidenceStoreFor } from '../../../platform/evidence/evidence-service.ts';
import { contentDisposition } from '../../../platform/evidence/evidence.routes.ts';
import { notFound } from '../../../platform/errors/domain-error.ts';
import { approveAgreement, ArrangementRequest, confirmAgreement, listBorrowerAgreements, proposeAgreement, quoteArrangement, quoteView } from './agreement-service.ts';

const tags = ['Collections 催收'];
const portalTags = ['Borrower portal 客户门户'];
const Instalment = z.object({ sequence: z.number().int(), dueDate: z.string(), principalFen: z.number().int(), interestFen: z.number().int(), feeFen: z.number().int() });
export const Quote = z.object({
  kind: z.string(), asOf: z.string(), schedule: z.array(Instalment),
  before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()), movements: z.record(z.string(), z.unknown()),
  concessions: z.record(z.string(), z.unknown()), requiresSupervisorApproval: z.boolean(), approvalReasons: z.array(z.record(z.string(), z.unknown())),
}).openapi('ArrangementQuote');
export const Agreement = z.object({
  id: z.uuid(), referenceNumber: z.string(), caseId: z.uuid(), loanId: z.uuid(), customerId: z.uuid(), kind: z.string(),
  parameters: z.record(z.string(), z.unknown()), asOf: z.string(), status: z.string(), requiresSupervisorApproval: z.boolean(),
  newSchedule: z.array(z.unknown()), summary: z.record(z.string(), z.unknown()), expiresOn: z.string(), pdfEvidenceId: z.uuid().nullable(),
  proposedBy: z.string(), approvedBy: z.string().nullable(), proposedAt: z.string(), offeredAt: z.string().nullable(), resolvedAt: z.string().nullable(),
}).openapi('RepaymentAgreement');
const CaseParam = z.object({ caseId: z.string() });
const IdParam = z.object({ id: z.string() });
const body = { body: { content: { 'application/json': { schema: ArrangementRequest } }, required: true } };

const quote = staffRoute('collections.work', {
  method: 'post', path: '/collections/cases/{caseId}/arrangements/quote', tags, summary: 'Quote a grace period, instalment plan or restructuring 方案试算',
  request: { params: CaseParam, ...body },
  responses: { 200: jsonResponse(Quote, 'The new schedule, totals and whether a supervisor must approve'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const propose = staffRoute('collections.work', {
  method: 'post', path: '/collections/cases/{caseId}/arrangements', tags, summary: 'Propose a written repayment agreement (PDF stored as evidence) 提出还款协议',
  request: { params: CaseParam, ...body },
  responses: { 201: jsonResponse(z.object({ agreement: Agreement, quote: Quote }), 'Proposed (or offered, when no approval is needed)'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const approve = staffRoute('collections.approve', {
  method: 'post', path: '/collections/agreements/{id}/approve', tags, summary: 'Approve a repayment agreement (supervisor; not your own) 审批还款协议',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Agreement, 'Approved and offered to the borrower'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const portalList = borrowerRoute({
  method: 'get', path: '/portal/agreements', tags: portalTags, summary: 'My repayment agreements 我的还款协议',
  responses: { 200: jsonResponse(z.object({ items: z.array(Agreement) }), 'Agreements offered to me and their outcome') },
});
const portalConfirm = borrowerRoute({
  method: 'post', path: '/portal/agreements/{id}/confirm', tags: portalTags, summary: 'Confirm a repayment agreement 确认还款协议',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Agreement, 'Confirmed; the repayment schedule is replaced'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const portalDecline = borrowerRoute({
  method: 'post', path: '/portal/agreements/{id}/decline', tags: portalTags, summary: 'Decline a repayment agreement 拒绝还款协议',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Agreement, 'Declined'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

const portalPdf = borrowerRoute({
  method: 'get', path: '/portal/agreements/{id}/pdf', tags: portalTags, summary: 'The written agreement (PDF) 协议文本下载',
  description: 'The bilingual PDF stored as evidence when the agreement was proposed; the download is a custody event (evidence.downloaded).',
  request: { params: IdParam },
  responses: { 200: { description: 'application/pdf', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...notFoundProblem, ...standardProblems },
});

const customerIdOf = (actor: ReturnType<typeof getActor>) => (actor.kind === 'borrower' ? actor.customerId : '');

export function agreementsRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(quote, async (c) => {
      const { result } = await quoteArrangement(deps, getActor(c), c.req.valid('param').caseId, c.req.valid('json'));
      return c.json(quoteView(result), 200);
    })
    .openapi(propose, async (c) => c.json(await proposeAgreement(deps, getActor(c), c.req.valid('param').caseId, c.req.valid('json'), getRequestId(c) ?? null), 201))
    .openapi(approve, async (c) => c.json(await approveAgreement(deps, getActor(c), c.req.valid('param').id, getRequestId(c) ?? null), 200))
    .openapi(portalList, async (c) => c.json({ items: await listBorrowerAgreements(deps, customerIdOf(getActor(c))) }, 200))
    .openapi(portalConfirm, async (c) => {
      const actor = getActor(c);
      return c.json(await confirmAgreement(deps, actor, customerIdOf(actor), c.req.valid('param').id, 'confirm', getRequestId(c) ?? null), 200);
    })
    .openapi(portalPdf, async (c) => {
      const actor = getActor(c);
      const id = c.req.valid('param').id;
      const mine = (await listBorrowerAgreements(deps, customerIdOf(actor))).find((a) => a.id === id);
      if (!mine?.pdfEvidenceId) throw notFound({ zh: '协议文本', en: 'Agreement document' });
      const { item, content } = await openEvidenceContent(deps, evidenceStoreFor(deps), {}, actor, mine.pdfEvidenceId, getRequestId(c) ?? null);
      return c.body(Readable.toWeb(content) as ReadableStream, 200, {
        'content-type': 'application/pdf', 'content-length': String(item.sizeBytes), 'content-disposition': contentDisposition(`${mine.referenceNumber}.pdf`).replace('attachment', 'inline'),
        'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
      }) as never;
    })
    .openapi(portalDecline, async (c) => {
      const actor = getActor(c);
      return c.json(await confirmAgreement(deps, actor, customerIdOf(actor), c.req.valid('param').id, 'decline', getRequestId(c) ?? null), 200);
    });
}
