/** Customers: borrowers, contact points, consents and preferences, and the shared customer timeline. */
export { customersRoutes } from './customers.routes.ts';
export { customers, contactPoints, consents, contactPreferences, timelineEvents } from './customers.schema.ts';
export { getCustomerTimeline } from './customers.queries.ts';
