import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { loans } from '../../loans/loans.schema.ts';
import { customers } from '../../customers/customers.schema.ts';
import { collectionCases, collectionActions } from '../cases/cases.schema.ts';

export const REFERRAL_KINDS = ['legal', 'external-agency'] as const;
export const REFERRAL_STATUSES = ['proposed', 'approved', 'rejected'] as const;

/**
 * A legal (诉讼) or external-agency (委外) referral package: the evidence chain assembled for a case
 * — contracts and other evidence, repayment statements, contact history, promises and agreements
 * broken — frozen when proposed, with its bilingual PDF index in the evidence store. A supervisor
 * other than the proposer approves or rejects it. `actionId` is the daily run's proposal action
 * it answers, when there is one.
 */
export const legalReferralPackages = pgTable(
  'legal_referral_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referenceNumber: text('reference_number').notNull().unique(),
    caseId: uuid('case_id').notNull().references(() => collectionCases.id),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    actionId: uuid('action_id').references(() => collectionActions.id),
    kind: text('kind', { enum: REFERRAL_KINDS }).notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    /** The assembled evidence chain (see referral-package.ts), frozen at proposal. */
    contents: jsonb('contents').$type<Record<string, unknown>>().notNull(),
    note: text('note'),
    pdfEvidenceId: uuid('pdf_evidence_id'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('legal_referral_packages_case_idx').on(t.caseId),
    index('legal_referral_packages_status_idx').on(t.status, t.proposedAt),
    // One package awaiting a decision per case: a second proposal would split the supervisor's review.
    uniqueIndex('legal_referral_packages_one_proposed_idx').on(t.caseId).where(sql`status = 'proposed'`),
    check('legal_referral_packages_status_check', sql`${t.status} IN ('proposed', 'approved', 'rejected')`),
    check('legal_referral_packages_kind_check', sql`${t.kind} IN ('legal', 'external-agency')`),
  ],
);
