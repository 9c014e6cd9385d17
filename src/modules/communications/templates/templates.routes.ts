import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, notFoundProblem, standardProblems, jsonResponse } from '../../../platform/http/problem-responses.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import {
  CreateTemplate, PreviewRequest, PreviewResult, StatusResult, Template, TemplateIdParam, TemplateList, VersionContent, VersionParams,
} from './templates.contract.ts';
import { getTemplate, listTemplates, previewVersion } from './template-queries.ts';
import { approveVersion, createTemplate, createVersion, retireVersion, submitVersion } from './template-store.ts';

const tags = ['Message templates 消息模板'];
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const Created = z.object({ templateId: z.uuid(), versionId: z.uuid(), version: z.number().int() });

const list = staffRoute('templates.read', {
  method: 'get', path: '/templates', tags, summary: 'Message templates 消息模板列表',
  responses: { 200: jsonResponse(TemplateList, 'All templates'), ...standardProblems },
});
const get = staffRoute('templates.read', {
  method: 'get', path: '/templates/{templateId}', tags, summary: 'A template with every version 模板详情',
  request: { params: TemplateIdParam },
  responses: { 200: jsonResponse(Template, 'The template'), ...notFoundProblem, ...standardProblems },
});
const create = staffRoute('templates.manage', {
  method: 'post', path: '/templates', tags, summary: 'Create a template with its first draft version 新建模板',
  request: { body: body(CreateTemplate) },
  responses: { 201: jsonResponse(Created, 'Created (version 1, draft)'), ...conflictProblem, ...standardProblems },
});
const newVersion = staffRoute('templates.manage', {
  method: 'post', path: '/templates/{templateId}/versions', tags, summary: 'Write a new draft version (earlier versions never change) 新建版本',
  request: { params: TemplateIdParam, body: body(VersionContent) },
  responses: { 201: jsonResponse(Created, 'Created'), ...notFoundProblem, ...standardProblems },
});
const transition = (permission: 'templates.manage' | 'templates.approve', verb: string, summary: string, description: string) =>
  staffRoute(permission, {
    method: 'post', path: `/templates/{templateId}/versions/{version}/${verb}`, tags, summary, description,
    request: { params: VersionParams },
    responses: { 200: jsonResponse(StatusResult, 'New status'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
  });
const submit = transition('templates.manage', 'submit', 'Submit a draft for approval (wording check) 提交审批',
  'Runs the prohibited-wording check on both languages; refused with 422 listing the offending phrases.');
const approve = transition('templates.approve', 'approve', 'Approve a submitted version (compliance; not its author) 审批通过',
  'Four-eyes: the author or submitter of a version cannot approve it (403). The previously approved version is retired.');
const retire = transition('templates.manage', 'retire', 'Retire a version; it can no longer be sent 停用', 'Messages already queued keep their rendered text.');
const preview = staffRoute('communications.read', {
  method: 'post', path: '/templates/{templateId}/versions/{version}/preview', tags, summary: 'Preview a version for a real customer 预览',
  request: { params: VersionParams, body: body(PreviewRequest) },
  responses: { 200: jsonResponse(PreviewResult, 'Rendered text and wording findings'), ...notFoundProblem, ...standardProblems },
});

export function templatesRoutes(deps: AppDeps) {
  const tx = <T>(fn: (exec: SqlExecutor) => Promise<T>) => deps.database.transaction(fn);
  return createRouter()
    .openapi(list, async (c) => c.json({ items: await listTemplates(deps.database.sql) }, 200))
    .openapi(get, async (c) => c.json(await getTemplate(deps.database.sql, c.req.valid('param').templateId), 200))
    .openapi(create, async (c) => {
      const input = c.req.valid('json');
      const result = await tx((exec) => createTemplate(exec, { ...input, actor: getActor(c), at: deps.now(), requestId: getRequestId(c) }));
      return c.json(result, 201);
    })
    .openapi(newVersion, async (c) => {
      const { templateId } = c.req.valid('param');
      const result = await tx((exec) => createVersion(exec, templateId, c.req.valid('json'), getActor(c), deps.now(), getRequestId(c)));
      return c.json({ templateId, ...result }, 201);
    })
    .openapi(submit, async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(await tx((exec) => submitVersion(exec, templateId, version, getActor(c), deps.now(), getRequestId(c))), 200);
    })
    .openapi(approve, async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(await tx((exec) => approveVersion(exec, templateId, version, getActor(c), deps.now(), getRequestId(c))), 200);
    })
    .openapi(retire, async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(await tx((exec) => retireVersion(exec, templateId, version, getActor(c), deps.now(), getRequestId(c))), 200);
    })
    .openapi(preview, async (c) => {
      const { templateId, version } = c.req.valid('param');
      const input = c.req.valid('json');
      await assertCustomerVisible(deps.database.db, getActor(c), input.customerId);
      return c.json(await previewVersion(deps.database.sql, { ...input, templateId, version }), 200);
    });
}
