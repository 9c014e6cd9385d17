import { pgTable, text, timestamp, uuid, boolean, index, integer } from 'drizzle-orm/pg-core';

/**
 * Branches own customers and loans; the jurisdiction profile decides which contact-compliance
 * policy applies to their customers (mainland China by default).
 */
export const branches = pgTable('branches', {
  id: text('id').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  jurisdictionProfile: text('jurisdiction_profile').notNull().default('cn-mainland'),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
});

export const STAFF_ROLES = [
  'administrator',
  'supervisor',
  'collector',
  'relationship-manager',
  'complaint-handler',
  'risk-officer',
  'compliance-auditor',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff members and their console login. A null branch means head office (scope: every branch). */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeCode: text('employee_code').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    branchId: text('branch_id').references(() => branches.id),
    team: text('team'),
    email: text('email'),
    disabled: boolean('disabled').notNull().default(false),
    /** argon2id; null until an administrator sets an initial password. */
    passwordHash: text('password_hash'),
    failedLoginAttempts: integer('failed_login_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_users_branch_idx').on(t.branchId)],
);
