export { notifyStaff, notifyStaffAtCommit, type StaffNotificationInput } from './notify-staff.ts';
export { deliverStaffEmails, deliverStaffEmailsSoon, type StaffEmailResult } from './staff-email.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export { staffNotifications } from './notifications.schema.ts';
