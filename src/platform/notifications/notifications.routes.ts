import { createRoute, type z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { requireSignedIn } from '../auth/auth-middleware.ts';
import { getStaffActor } from '../auth/request-actor.ts';
import { notFound } from '../errors/domain-error.ts';
import { createRouter } from '../http/openapi-router.ts';
import { authProblems, jsonResponse, notFoundProblem, standardProblems } from '../http/problem-responses.ts';
import { NotificationIdParam, NotificationListQuery, StaffNotification, StaffNotificationList } from './notifications.contract.ts';

const tags = ['Notifications 通知'];

// Every staff member has their own notifications, whatever the role: so these routes need a staff
// session (like /auth/me), not a permission, and only ever touch the caller's own rows.
const list = createRoute({
  method: 'get', path: '/notifications', tags, summary: 'My notifications, unread first 我的通知', middleware: [requireSignedIn],
  security: [{ staffSession: [] }],
  request: { query: NotificationListQuery },
  responses: { 200: jsonResponse(StaffNotificationList, 'Own notifications: unread first, newest first'), ...authProblems, ...standardProblems },
});
const markRead = createRoute({
  method: 'post', path: '/notifications/{id}/read', tags, summary: 'Mark one notification read 标记已读', middleware: [requireSignedIn],
  security: [{ staffSession: [] }],
  request: { params: NotificationIdParam },
  responses: { 200: jsonResponse(StaffNotification, 'The notification, read'), ...authProblems, ...notFoundProblem, ...standardProblems },
});

type Row = {
  id: string; kind: string; entity_type: string; entity_id: string; title_zh: string; title_en: string; body_zh: string | null; body_en: string | null;
  link: string | null; created_at: Date; read_at: Date | null; email_status: z.infer<typeof StaffNotification>['emailStatus'];
};
const view = (r: Row): z.infer<typeof StaffNotification> => ({
  id: r.id, kind: r.kind, entityType: r.entity_type, entityId: r.entity_id, titleZh: r.title_zh, titleEn: r.title_en, bodyZh: r.body_zh, bodyEn: r.body_en,
  link: r.link, createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null, emailStatus: r.email_status,
});

export function notificationsRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      const actor = getStaffActor(c);
      const q = c.req.valid('query');
      const { sql } = deps.database;
      const { rows } = await sql.query<Row>(
        `SELECT * FROM staff_notifications WHERE recipient_id = $1 ${q.unreadOnly === 'true' ? 'AND read_at IS NULL' : ''}
          ORDER BY (read_at IS NULL) DESC, created_at DESC LIMIT $2`,
        [actor.userId, q.limit],
      );
      const { rows: [count] } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM staff_notifications WHERE recipient_id = $1 AND read_at IS NULL`, [actor.userId]);
      return c.json({ items: rows.map(view), unread: Number(count!.n) }, 200);
    })
    .openapi(markRead, async (c) => {
      const actor = getStaffActor(c);
      const { rows: [row] } = await deps.database.sql.query<Row>(
        `UPDATE staff_notifications SET read_at = COALESCE(read_at, $3::timestamptz) WHERE id = $1 AND recipient_id = $2 RETURNING *`,
        [c.req.valid('param').id, actor.userId, deps.now().toISOString()],
      );
      if (!row) throw notFound({ zh: '通知', en: 'Notification' });
      return c.json(view(row), 200);
    });
}
