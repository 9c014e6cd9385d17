/** Staff notification types, derived from the server's zod contracts (type-only). */
import type { z } from 'zod';
import type { StaffNotificationList as StaffNotificationListSchema } from '../../platform/notifications/notifications.contract.ts';

export type StaffNotificationList = z.infer<typeof StaffNotificationListSchema>;
export type StaffNotification = StaffNotificationList['items'][number];
