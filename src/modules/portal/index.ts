/** The borrower portal: borrower accounts, sign-in, own loans and schedules, consents. */
export { portalRoutes } from './portal.routes.ts';
export { portalUsers } from './portal-users.schema.ts';
