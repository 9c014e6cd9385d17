/**
 * The schema barrel: every table, from every module, in one place for drizzle-kit and the client.
 * This is the only file in platform/ that imports from modules/ (by design: the schema is one source).
 */
export * from '../auth/staff.schema.ts';
export * from '../../modules/customers/customers.schema.ts';
export * from '../../modules/loans/loans.schema.ts';
export * from '../../modules/imports/imports.schema.ts';
export * from '../auth/sessions.schema.ts';
export * from '../../modules/portal/portal-users.schema.ts';
export * from '../../modules/collections/assignments.schema.ts';
export * from '../audit/audit.schema.ts';
export * from '../evidence/evidence.schema.ts';
export * from '../../modules/compliance/context/context.schema.ts';
export * from '../../modules/communications/contact-log/contact-log.schema.ts';
export * from '../../modules/communications/templates/templates.schema.ts';
export * from '../../modules/communications/outbox/outbox.schema.ts';
export * from '../../modules/complaints/complaints.schema.ts';
export * from '../../modules/collections/daily-run/daily-run.schema.ts';
export * from '../../modules/collections/cases/cases.schema.ts';
export * from '../../modules/collections/agreements/agreements.schema.ts';
export * from '../../modules/collections/workbench/workbench.schema.ts';
export * from '../../modules/public-opinion/public-opinion.schema.ts';
export * from '../notifications/notifications.schema.ts';
export * from '../../modules/collections/strategy-store/strategy-store.schema.ts';
export * from '../../modules/collections/legal-referral/legal-referral.schema.ts';
