import { sql } from 'drizzle-orm';
import {
  pgTable, text, timestamp, uuid, boolean, date, integer, bigint, index, uniqueIndex, check,
} from 'drizzle-orm/pg-core';
import { branches, staffUsers } from '../../platform/auth/staff.schema.ts';
import { customers } from '../customers/customers.schema.ts';

/** Money columns are integer fen in bigint; JS numbers stay exact up to 2^53 fen (≈ 90 trillion yuan). */
const fen = (name: string) => bigint(name, { mode: 'number' });

export const LOAN_PRODUCTS = [
  'project-finance', // 项目融资
  'working-capital', // 流动资金贷款
  'fixed-asset', // 固定资产贷款
  'personal-consumer', // 个人消费贷款
] as const;
export type LoanProduct = (typeof LOAN_PRODUCTS)[number];

export const LOAN_STATUSES = ['active', 'settled', 'written-off', 'recalled'] as const;

export const creditLines = pgTable(
  'credit_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalId: text('external_id').notNull().unique(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    limitFen: fen('limit_fen').notNull(),
    suspended: boolean('suspended').notNull().default(false),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedReason: text('suspended_reason'),
    expiresOn: date('expires_on', { mode: 'string' }),
  },
  (t) => [index('credit_lines_customer_idx').on(t.customerId), check('credit_lines_limit_nonneg', sql`${t.limitFen} >= 0`)],
);

export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The lender's loan number from the core banking system; imports are idempotent on it. */
    loanNumber: text('loan_number').notNull().unique(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    product: text('product', { enum: LOAN_PRODUCTS }).notNull(),
    principalFen: fen('principal_fen').notNull(),
    /** Annual interest rate in basis points: 435 = 4.35 %. */
    annualRateBps: integer('annual_rate_bps').notNull(),
    termMonths: integer('term_months').notNull(),
    disbursementDate: date('disbursement_date', { mode: 'string' }).notNull(),
    branchId: text('branch_id').notNull().references(() => branches.id),
    officerId: uuid('officer_id').references(() => staffUsers.id),
    status: text('status', { enum: LOAN_STATUSES }).notNull().default('active'),
    creditLineId: uuid('credit_line_id').references(() => creditLines.id),
    /** Money received beyond everything owed; held as a credit, never lost. */
    creditBalanceFen: fen('credit_balance_fen').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('loans_customer_idx').on(t.customerId),
    // The target of foreign keys that name a loan together with its customer (collection cases):
    // they then cannot disagree, and the check locks one referenced row instead of two.
    uniqueIndex('loans_id_customer_idx').on(t.id, t.customerId),
    index('loans_branch_idx').on(t.branchId),
    check('loans_principal_positive', sql`${t.principalFen} > 0`),
    check('loans_rate_range', sql`${t.annualRateBps} >= 0 AND ${t.annualRateBps} <= 10000`),
    check('loans_term_range', sql`${t.termMonths} BETWEEN 1 AND 600`),
  ],
);

/**
 * One scheduled instalment. paid* columns are a cache of repayment_allocations, rewritten
 * whenever the loan's payments are re-allocated, so days past due can be read without a join.
 */
export const instalments = pgTable(
  'instalments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    sequence: integer('sequence').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    principalFen: fen('principal_fen').notNull(),
    interestFen: fen('interest_fen').notNull(),
    feeFen: fen('fee_fen').notNull().default(0),
    paidPrincipalFen: fen('paid_principal_fen').notNull().default(0),
    paidInterestFen: fen('paid_interest_fen').notNull().default(0),
    paidFeeFen: fen('paid_fee_fen').notNull().default(0),
    fullyPaidOn: date('fully_paid_on', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('instalments_loan_sequence_idx').on(t.loanId, t.sequence),
    check('instalments_amounts_nonneg', sql`${t.principalFen} >= 0 AND ${t.interestFen} >= 0 AND ${t.feeFen} >= 0`),
  ],
);

export const repayments = pgTable(
  'repayments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The core banking transaction id; a repayment is immutable once recorded (reverse, never edit). */
    externalId: text('external_id').notNull().unique(),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    amountFen: fen('amount_fen').notNull(),
    channel: text('channel'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repayments_loan_idx').on(t.loanId, t.valueDate), check('repayments_amount_positive', sql`${t.amountFen} > 0`)],
);

export const ALLOCATION_COMPONENTS = ['fee', 'interest', 'principal'] as const;

export const repaymentAllocations = pgTable(
  'repayment_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    repaymentId: uuid('repayment_id').notNull().references(() => repayments.id),
    instalmentId: uuid('instalment_id').notNull().references(() => instalments.id),
    component: text('component', { enum: ALLOCATION_COMPONENTS }).notNull(),
    amountFen: fen('amount_fen').notNull(),
  },
  (t) => [index('repayment_allocations_repayment_idx').on(t.repaymentId), index('repayment_allocations_instalment_idx').on(t.instalmentId)],
);
