import { z } from '@hono/zod-openapi';
import { STAFF_EMAIL_STATUSES } from './notifications.schema.ts';

const instant = z.iso.datetime({ offset: true });

export const StaffNotification = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    bodyZh: z.string().nullable(),
    bodyEn: z.string().nullable(),
    link: z.string().nullable(),
    createdAt: instant,
    readAt: instant.nullable(),
    emailStatus: z.enum(STAFF_EMAIL_STATUSES).nullable(),
  })
  .openapi('StaffNotification');

export const StaffNotificationList = z
  .object({ items: z.array(StaffNotification), unread: z.number().int().describe('Unread notifications in total (the bell count)') })
  .openapi('StaffNotificationList');

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  unreadOnly: z.enum(['true', 'false']).optional(),
});

export const NotificationIdParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'Notification id' }),
});
