import type { AppDeps } from '../../../platform/app-deps.ts';
import { borrowerRoute } from '../../../platform/auth/secure-route.ts';
import { getActor } from '../../../platform/auth/request-actor.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { standardProblems } from '../../../platform/http/problem-responses.ts';
import { PortalMessages } from '../communications.contract.ts';

const messages = borrowerRoute({
  method: 'get', path: '/portal/messages', tags: ['Borrower portal 客户门户'], summary: 'My messages 我的消息',
  responses: { 200: { description: 'Newest first', content: { 'application/json': { schema: PortalMessages } } }, ...standardProblems },
});

/** The signed-in borrower's inbox: only their own messages, keyed by the session, never by a URL id. */
export function portalMessagesRoutes(deps: AppDeps) {
  return createRouter().openapi(messages, async (c) => {
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
