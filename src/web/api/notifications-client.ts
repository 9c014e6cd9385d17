/** The staff member's own notifications (the bell in the top bar). */
import { request } from './client.ts';
import type { StaffNotification, StaffNotificationList } from './notifications-types.ts';

/** GET /api/notifications — mine, unread first, with the unread count. */
export function listNotifications(signal?: AbortSignal) {
  return request<StaffNotificationList>('GET', '/api/notifications?limit=30', { signal });
}

/** POST /api/notifications/{id}/read */
export function markNotificationRead(id: string, signal?: AbortSignal) {
  return request<StaffNotification>('POST', `/api/notifications/${encodeURIComponent(id)}/read`, { signal });
}
