import type { AppDeps } from '../../../platform/app-deps.ts';
import { borrowerRoute } from '../../../platform/auth/secure-route.ts';
import { getActor } from '../../../platform/auth/request-actor.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { standardProblems } from '../../../platform/http/problem-responses.ts';
import { z } from '@hono/zod-openapi';
import { recordAudit } from '../../../platform/audit/index.ts';
import { jsonResponse } from '../../../platform/http/problem-responses.ts';
import { PortalMessages } from '../communications.contract.ts';
import { insertContactAttempt, insertTimeline } from '../contact-log/record-contact.ts';

const messages = borrowerRoute({
  method: 'get', path: '/portal/messages', tags: ['Borrower portal 客户门户'], summary: 'My messages 我的消息',
  responses: { 200: { description: 'Newest first', content: { 'application/json': { schema: PortalMessages } } }, ...standardProblems },
});

const PortalReply = z
  .object({ text: z.string().trim().min(1, 'Write a message / 请输入内容').max(2000).describe('What the borrower writes to the lender') })
  .openapi('PortalReply');

const reply = borrowerRoute({
  method: 'post', path: '/portal/messages', tags: ['Borrower portal 客户门户'], summary: 'Write to the lender 给银行留言',
  description: 'An inbound message from the borrower: logged as an inbound portal contact and shown on their timeline for staff.',
  request: { body: { content: { 'application/json': { schema: PortalReply } }, required: true } },
  responses: { 201: jsonResponse(z.object({ contactId: z.uuid() }), 'Received'), ...standardProblems },
});

/** The signed-in borrower's inbox: only their own messages, keyed by the session, never by a URL id. */
export function portalMessagesRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(reply, async (c) => {
      const actor = getActor(c);
      if (actor.kind !== 'borrower') throw new Error('borrowerRoute guarantees a borrower');
      const { text } = c.req.valid('json');
      const at = deps.now();
      // The inbound message, its timeline entry and its audit event commit together.
      const contactId = await deps.database.transaction(async (exec) => {
        const id = await insertContactAttempt(exec, {
          customerId: actor.customerId, occurredAt: at, direction: 'inbound', channel: 'portal', mode: 'human', purpose: 'servicing',
          contactPointId: null, relationship: 'self', outcome: 'received', actorId: `borrower:${actor.portalUserId}`, note: text,
        });
        await insertTimeline(exec, {
          customerId: actor.customerId, at, kind: 'portal-reply', refId: id,
          summaryZh: `客户在线留言：${text.slice(0, 60)}`, summaryEn: `Portal message from the customer: ${text.slice(0, 60)}`,
        });
        await recordAudit(exec, { actor, action: 'contact.inbound', entityType: 'contact-attempt', entityId: id, after: { customerId: actor.customerId, channel: 'portal' }, requestId: c.get('requestId') }, at);
        return id;
      });
      return c.json({ contactId }, 201);
    })
    .openapi(messages, async (c) => {
    const actor = getActor(c);
    const customerId = actor.kind === 'borrower' ? actor.customerId : '00000000-0000-0000-0000-000000000000';
    const { rows } = await deps.database.sql.query<{ id: string; subject: string | null; body: string; language: 'zh-CN' | 'en'; created_at: Date; read_at: Date | null }>(
      `SELECT id, subject, body, language, created_at, read_at FROM portal_messages WHERE customer_id = $1 ORDER BY created_at DESC, id LIMIT 200`,
      [customerId],
    );
    return c.json({
      items: rows.map((r) => ({
        id: r.id, subject: r.subject, body: r.body, language: r.language, receivedAt: new Date(r.created_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      })),
    }, 200);
  });
}
