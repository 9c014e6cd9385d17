import { randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import { staffRoute } from '../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../platform/auth/request-actor.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { conflictProblem, notFoundProblem, standardProblems, jsonResponse } from '../../platform/http/problem-responses.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { CustomerIdParam } from '../customers/customers.contract.ts';
import { serialiseDenials } from '../compliance/context/denials.ts';
import {
  ContactLog, LogContactRequest, MessageList, MessageQueued, SendMessageRequest, refusalProblem, refusedResponse,
} from './communications.contract.ts';
import { listContactLog, listCustomerMessages } from './communications.queries.ts';
import { logContact } from './contact-log/log-contact.ts';
import { queueMessage } from './outbox/queue-message.ts';

const tags = ['Communications 沟通'];
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const send = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/messages', tags,
  summary: 'Send a message from an approved template (rendered, wording- and compliance-checked, queued) 发送消息',
  description: 'Queued messages are sent by the outbox dispatcher. A message delayed only by contact hours or caps is queued with a later notBefore; any other refusal is 409 contact_refused and nothing is queued.',
  request: { params: CustomerIdParam, body: body(SendMessageRequest) },
  responses: { 202: jsonResponse(MessageQueued, 'Queued'), ...refusedResponse, ...notFoundProblem, ...standardProblems },
});

const messages = staffRoute('communications.read', {
  method: 'get', path: '/customers/{customerId}/messages', tags,
  summary: "A customer's messages and their delivery state 消息记录",
  request: { params: CustomerIdParam },
  responses: { 200: jsonResponse(MessageList, 'Newest first'), ...notFoundProblem, ...standardProblems },
});

const contactLog = staffRoute('communications.read', {
  method: 'get', path: '/customers/{customerId}/contacts', tags,
  summary: 'The contact log: messages sent, calls, visits, replies 联系记录',
  request: { params: CustomerIdParam },
  responses: { 200: jsonResponse(ContactLog, 'Newest first'), ...notFoundProblem, ...standardProblems },
});

const logCall = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/contacts', tags,
  summary: 'Log a call, video call or field visit (compliance-checked first) 登记电话/上门联系',
  request: { params: CustomerIdParam, body: body(LogContactRequest) },
  responses: {
    201: jsonResponse(z.object({ contactId: z.uuid(), overridden: z.array(z.string()) }), 'Logged'),
    ...refusedResponse, ...notFoundProblem, ...conflictProblem, ...standardProblems,
  },
});

export function messagesRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(send, async (c) => {
      const { customerId } = c.req.valid('param');
      const actor = getActor(c);
      await assertCustomerVisible(deps.database.db, actor, customerId);
      const { idempotencyKey, ...input } = c.req.valid('json');
      const key = idempotencyKey ?? c.req.header('idempotency-key')?.slice(0, 200) ?? `api:${randomUUID()}`;
      const result = await deps.database.transaction((exec) =>
        queueMessage(exec, { ...input, customerId, idempotencyKey: key, actor, requestId: getRequestId(c), at: deps.now() }),
      );
      if (result.status === 'blocked') return refusalProblem(c, result);
      return c.json({
        status: 'queued' as const, messageId: result.messageId, notBefore: result.notBefore.toISOString(), duplicate: result.duplicate,
        delayedBy: serialiseDenials(result.delayedBy),
      }, 202);
    })
    .openapi(messages, async (c) => {
      const { customerId } = c.req.valid('param');
      const actor = getActor(c);
      await assertCustomerVisible(deps.database.db, actor, customerId);
      return c.json({ items: await listCustomerMessages(deps.database.sql, actor, customerId) }, 200);
    })
    .openapi(contactLog, async (c) => {
      const { customerId } = c.req.valid('param');
      await assertCustomerVisible(deps.database.db, getActor(c), customerId);
      return c.json({ items: await listContactLog(deps.database.sql, customerId) }, 200);
    })
    .openapi(logCall, async (c) => {
      const result = await logContact(deps, getActor(c), c.req.valid('param').customerId, { ...c.req.valid('json'), requestId: getRequestId(c) });
      if (!result.logged) return refusalProblem(c, result);
      return c.json({ contactId: result.contactId, overridden: result.overridden }, 201);
    });
}
