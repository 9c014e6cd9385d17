import { pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { staffUsers } from '../../platform/auth/staff.schema.ts';
import { customers } from '../customers/customers.schema.ts';

/**
 * Who works a delinquent account. A collector's data scope is the customers assigned to them or
 * to their team; an assignment ends (endedAt) rather than being deleted, so history stays.
 */
export const accountAssignments = pgTable(
  'account_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    assigneeId: uuid('assignee_id').references(() => staffUsers.id),
    team: text('team'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('account_assignments_assignee_idx').on(t.assigneeId), index('account_assignments_team_idx').on(t.team), index('account_assignments_customer_idx').on(t.customerId)],
);
