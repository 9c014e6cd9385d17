import { Readable } from 'node:stream';
import { createRoute, type z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/app-deps.ts';
import { borrowerRoute, staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../platform/auth/request-actor.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { conflictProblem, jsonResponse, notFoundProblem, standardProblems } from '../../platform/http/problem-responses.ts';
import type { PauseReason } from './rules/index.ts';
import {
  AssignableHandlerList, ClassifyBody, ComplaintDetail, ComplaintIdParam, ComplaintList, ComplaintListQuery, DecideBody, ExtendBody, MergeBody, NewFactsBody, NoteBody,
  OpenComplaintBody, OpenComplaintResult, OptionalNoteBody, PauseBody, PortalComplaintBody, PortalComplaintCreated, PortalComplaintIdParam, PortalComplaintList, ReassignBody, ReasonBody,
  SurveyAnswerBody, SurveyTokenParam, SurveyView,
} from './complaints.contract.ts';
import { getComplaint, listComplaints, listOwnComplaints } from './complaints.queries.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { executorFor } from '../../platform/db/drizzle-executor.ts';
import { notFound } from '../../platform/errors/domain-error.ts';
import { contentDisposition } from '../../platform/evidence/index.ts';
import { deliverStaffEmailsSoon } from '../../platform/notifications/index.ts';
import { complaintScope } from './complaint-support.ts';
import { complaints } from './complaints.schema.ts';
import { openResponseLetter } from './letters/issue-response-letter.ts';
import { loadAssignableHandlers } from './routing/assign-handler.ts';
import { answerSurvey, getOwnSurvey, getSurveyByToken } from './use-cases/answer-survey.ts';
import { classifyComplaint } from './use-cases/classify-complaint.ts';
import { closeComplaint } from './use-cases/close-complaint.ts';
import { decideComplaint } from './use-cases/decide-complaint.ts';
import { extendComplaint } from './use-cases/extend-complaint.ts';
import { mergeRepeat } from './use-cases/merge-repeat.ts';
import { openComplaint } from './use-cases/open-complaint.ts';
import { pauseComplaint } from './use-cases/pause-complaint.ts';
import { reassignComplaint } from './use-cases/reassign-complaint.ts';
import { recordFirstHandling } from './use-cases/record-first-handling.ts';
import { recordNewFacts } from './use-cases/record-new-facts.ts';
import { reopenComplaint } from './use-cases/reopen-complaint.ts';
import { requestReview } from './use-cases/request-review.ts';
import { resumeComplaint } from './use-cases/resume-complaint.ts';

const tags = ['Complaints 投诉'];
const json = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const list = staffRoute('complaints.read', {
  method: 'get', path: '/complaints', tags, summary: 'List complaints 投诉列表',
  description: 'Within your data scope, newest first. `overdue=true` lists complaints with a time limit passed and not met.',
  request: { query: ComplaintListQuery },
  responses: { 200: jsonResponse(ComplaintList, 'Complaints'), ...standardProblems },
});
const one = staffRoute('complaints.read', {
  method: 'get', path: '/complaints/{complaintId}', tags, summary: 'One complaint with its time-limit clock 投诉详情与处理时限',
  request: { params: ComplaintIdParam },
  responses: { 200: jsonResponse(ComplaintDetail, 'The complaint'), ...notFoundProblem, ...standardProblems },
});
const open = staffRoute('complaints.intake', {
  method: 'post', path: '/complaints', tags, summary: 'Register a complaint (phone, counter, letter, regulator, API) 登记投诉',
  description: 'Gives the reference number, stores the classifier suggestion, lists possible duplicates, queues the acknowledgement; a collection-conduct complaint pauses collection contact.',
  request: { ...json(OpenComplaintBody) },
  responses: { 201: jsonResponse(OpenComplaintResult, 'Registered'), ...notFoundProblem, ...standardProblems },
});


type Action = { path: string; summary: string; schema: z.ZodType; // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body was validated against `schema`
  run: (deps: AppDeps, actor: ReturnType<typeof getActor>, input: any) => Promise<unknown> };

const ACTIONS: Action[] = [
  { path: 'classify', summary: 'Confirm or correct category and severity 确认分类', schema: ClassifyBody, run: classifyComplaint },
  { path: 'first-handling', summary: 'Record first handling 记录初步处理', schema: NoteBody, run: recordFirstHandling },
  { path: 'extend', summary: 'Extend the decision period (beyond 30 days needs approvedBy) 延长处理期限', schema: ExtendBody, run: extendComplaint },
  { path: 'pause', summary: 'Pause the clock for an external appraisal 因外部鉴定暂停计时', schema: PauseBody, run: (d, a, i: { complaintId: string; reason: string; note?: string }) => pauseComplaint(d, a, { ...i, reason: i.reason as PauseReason }) },
  { path: 'resume', summary: 'Resume the clock 恢复计时', schema: OptionalNoteBody, run: resumeComplaint },
  { path: 'merge', summary: 'Merge this repeat (no new facts) into the original 合并重复投诉', schema: MergeBody, run: mergeRepeat },
  { path: 'new-facts', summary: 'Record new facts (the decision clock restarts) 记录新事实', schema: NewFactsBody, run: recordNewFacts },
  { path: 'decide', summary: 'Decide: outcome and remedies 作出处理决定', schema: DecideBody, run: decideComplaint },
  { path: 'close', summary: 'Close (ends the contact hold, leaves a survey pending) 结案', schema: OptionalNoteBody, run: closeComplaint },
  { path: 'reopen', summary: 'Reopen a closed complaint 重新打开', schema: ReasonBody, run: reopenComplaint },
  { path: 'review-request', summary: 'Record a review request (within 30 days of the decision) 申请复核', schema: ReasonBody, run: requestReview },
  { path: 'reassign', summary: 'Give to another handler 转派', schema: ReassignBody, run: reassignComplaint },
];

const portalList = borrowerRoute({
  method: 'get', path: '/portal/complaints', tags: ['Portal 客户门户'], summary: 'My complaints and their progress 我的投诉',
  responses: { 200: jsonResponse(PortalComplaintList, 'Own complaints, newest first') },
});
const portalFile = borrowerRoute({
  method: 'post', path: '/portal/complaints', tags: ['Portal 客户门户'], summary: 'File a complaint 提交投诉',
  request: { ...json(PortalComplaintBody) },
  responses: { 201: jsonResponse(PortalComplaintCreated, 'Received'), ...standardProblems },
});

const surveyTags = ['Portal 客户门户'];
const portalSurvey = borrowerRoute({
  method: 'get', path: '/portal/complaints/{id}/survey', tags: surveyTags, summary: 'The satisfaction survey of my closed complaint 满意度调查',
  request: { params: PortalComplaintIdParam },
  responses: { 200: jsonResponse(SurveyView, 'The survey'), ...notFoundProblem, ...standardProblems },
});
const portalSurveyAnswer = borrowerRoute({
  method: 'post', path: '/portal/complaints/{id}/survey', tags: surveyTags, summary: 'Answer the satisfaction survey (once) 提交满意度评价',
  request: { params: PortalComplaintIdParam, ...json(SurveyAnswerBody) },
  responses: { 200: jsonResponse(SurveyView, 'Answered'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
// The SMS link: no sign-in; the token is the credential, single-use and valid for 30 days.
const tokenSurvey = createRoute({
  method: 'get', path: '/surveys/{token}', tags: surveyTags, summary: 'A satisfaction survey by its link token 满意度调查（短信链接）',
  request: { params: SurveyTokenParam },
  responses: { 200: jsonResponse(SurveyView, 'The survey'), ...notFoundProblem, ...standardProblems },
});
const tokenSurveyAnswer = createRoute({
  method: 'post', path: '/surveys/{token}', tags: surveyTags, summary: 'Answer a satisfaction survey by its link token (once) 提交满意度评价',
  request: { params: SurveyTokenParam, ...json(SurveyAnswerBody) },
  responses: { 200: jsonResponse(SurveyView, 'Answered'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

const handlers = staffRoute('complaints.handle', {
  method: 'get', path: '/complaints/{complaintId}/handlers', tags, summary: 'Who the complaint can be given to, with their open workload 可转派人员',
  description: "Complaint handlers and supervisors of the complaint's branch and of head office, least loaded first.",
  request: { params: ComplaintIdParam },
  responses: { 200: jsonResponse(AssignableHandlerList, 'Assignable handlers'), ...notFoundProblem, ...standardProblems },
});
const pdfResponse = { description: 'The final response letter (PDF, Chinese and English); its download is a custody event (evidence.downloaded)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } as const;
const letter = staffRoute('complaints.read', {
  method: 'get', path: '/complaints/{complaintId}/response-letter', tags, summary: 'Download the final response letter 下载投诉处理决定书',
  request: { params: ComplaintIdParam },
  responses: { 200: pdfResponse as never, ...notFoundProblem, ...conflictProblem, ...standardProblems },
});
const portalLetter = borrowerRoute({
  method: 'get', path: '/portal/complaints/{id}/response-letter', tags: ['Portal 客户门户'], summary: 'Download the decision letter of my complaint 下载投诉处理决定书',
  request: { params: PortalComplaintIdParam },
  responses: { 200: pdfResponse as never, ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

async function visibleComplaint(deps: AppDeps, actor: Actor, id: string) {
  const where = actor.kind === 'borrower' ? eq(complaints.customerId, actor.customerId) : complaintScope(actor);
  const [row] = await deps.database.db.select().from(complaints).where(and(eq(complaints.id, id), where));
  if (!row) throw notFound({ zh: '投诉', en: 'Complaint' });
  return row;
}

async function letterResponse(deps: AppDeps, actor: Actor, id: string, requestId: string | null) {
  const { fileName, content } = await openResponseLetter(deps, actor, await visibleComplaint(deps, actor, id), requestId);
  return new Response(Readable.toWeb(content) as ReadableStream, {
    status: 200,
    headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition(fileName), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}

export function complaintsRoutes(deps: AppDeps) {
  const router = createRouter()
    .openapi(list, async (c) => c.json(await listComplaints(deps, getActor(c), c.req.valid('query')), 200))
    .openapi(one, async (c) => c.json(await getComplaint(deps, getActor(c), c.req.valid('param').complaintId), 200))
    .openapi(open, async (c) => {
      const b = c.req.valid('json');
      const r = await openComplaint(deps, getActor(c), { ...b, receivedAt: b.receivedAt ? new Date(b.receivedAt) : undefined, requestId: getRequestId(c) });
      deliverStaffEmailsSoon(deps);
      return c.json(
        { complaintId: r.complaintId, referenceNumber: r.referenceNumber, acknowledgement: r.acknowledgement, possibleDuplicates: r.possibleDuplicates, contactHoldId: r.contactHoldId, fraudFlagged: r.fraudFlagged },
        201,
      );
    })
    .openapi(portalList, async (c) => {
      const actor = getActor(c);
      return c.json({ items: actor.kind === 'borrower' ? await listOwnComplaints(deps, actor.customerId) : [] }, 200);
    })
    .openapi(portalFile, async (c) => {
      const actor = getActor(c);
      const b = c.req.valid('json');
      const customerId = actor.kind === 'borrower' ? actor.customerId : null;
      const r = await openComplaint(deps, actor, { customerId, channel: 'portal', description: b.description, loanIds: b.loanIds, complainantCategory: b.category, requestId: getRequestId(c) });
      deliverStaffEmailsSoon(deps);
      return c.json({ id: r.complaintId, referenceNumber: r.referenceNumber }, 201);
    })
    .openapi(portalSurvey, async (c) => {
      const actor = getActor(c);
      return c.json(await getOwnSurvey(deps, actor.kind === 'borrower' ? actor.customerId : '', c.req.valid('param').id), 200);
    })
    .openapi(portalSurveyAnswer, async (c) => {
      const actor = getActor(c);
      const customerId = actor.kind === 'borrower' ? actor.customerId : '';
      return c.json(await answerSurvey(deps, actor, { customerId, complaintId: c.req.valid('param').id }, { ...c.req.valid('json'), requestId: getRequestId(c) }), 200);
    })
    .openapi(handlers, async (c) => {
      const complaint = await visibleComplaint(deps, getActor(c), c.req.valid('param').complaintId);
      const { rows: [cust] } = complaint.customerId
        ? await deps.database.sql.query<{ branch_id: string }>(`SELECT branch_id FROM customers WHERE id = $1`, [complaint.customerId])
        : { rows: [] };
      return c.json({ items: await loadAssignableHandlers(executorFor(deps.database.db), cust?.branch_id ?? null) }, 200);
    })
    .openapi(letter, async (c) => letterResponse(deps, getActor(c), c.req.valid('param').complaintId, getRequestId(c) ?? null) as never)
    .openapi(portalLetter, async (c) => letterResponse(deps, getActor(c), c.req.valid('param').id, getRequestId(c) ?? null) as never)
    .openapi(tokenSurvey, async (c) => c.json(await getSurveyByToken(deps, c.req.valid('param').token), 200))
    .openapi(tokenSurveyAnswer, async (c) =>
      c.json(await answerSurvey(deps, systemActor('survey-link'), { token: c.req.valid('param').token }, { ...c.req.valid('json'), requestId: getRequestId(c) }), 200));
  for (const action of ACTIONS) {
    const route = staffRoute('complaints.handle', {
      method: 'post', path: `/complaints/{complaintId}/${action.path}`, tags, summary: action.summary,
      request: { params: ComplaintIdParam, ...json(action.schema) },
      responses: { 200: jsonResponse(ComplaintDetail, 'The complaint after the change'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
    });
    router.openapi(route, async (c) => {
      const complaintId = c.req.valid('param').complaintId;
      const body = c.req.valid('json') as Record<string, unknown>;
      await action.run(deps, getActor(c), { ...body, complaintId, requestId: getRequestId(c) });
      if (action.path === 'reassign') deliverStaffEmailsSoon(deps);
      return c.json(await getComplaint(deps, getActor(c), complaintId), 200);
    });
  }
  return router;
}
