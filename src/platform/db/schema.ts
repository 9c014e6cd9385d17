/**
 * The schema barrel: every table, from every module, in one place for drizzle-kit and the client.
 * This is the only file in platform/ that imports from modules/ (by design: the schema is one source).
 */
export * from '../auth/staff.schema.ts';
export * from '../../modules/customers/customers.schema.ts';
export * from '../../modules/loans/loans.schema.ts';
export * from '../../modules/imports/imports.schema.ts';
