import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, date, boolean, jsonb, index, check } from 'drizzle-orm/pg-core';
import { loans } from '../../loans/loans.schema.ts';
import { customers } from '../../customers/customers.schema.ts';
import { collectionCases } from '../cases/cases.schema.ts';

export const AGREEMENT_KINDS = ['grace-period', 'instalment-plan', 'restructuring'] as const;
/** proposed → approved (supervisor, when required) → offered → confirmed | declined | expired. */
export const AGREEMENT_STATUSES = ['proposed', 'approved', 'offered', 'confirmed', 'declined', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/**
 * A written repayment agreement (还款协议): the arrangement calculator's result, frozen when it is
 * proposed, with its bilingual PDF in the evidence store. The borrower's confirmation in the portal
 * replaces the loan's future schedule by `newSchedule` (paid history kept).
 */
export const repaymentAgreements = pgTable(
  'repayment_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => collectionCases.id),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    kind: text('kind', { enum: AGREEMENT_KINDS }).notNull(),
    parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** The unpaid schedule the quote was computed from; confirmation refuses when the loan has moved since. */
    basisSchedule: jsonb('basis_schedule').$type<unknown[]>().notNull(),
    newSchedule: jsonb('new_schedule').$type<unknown[]>().notNull(),
    /** before / after totals, movements, concessions, approval reasons. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    requiresApproval: boolean('requires_approval').notNull(),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    /** The offer lapses after this day (Shanghai date). */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    pdfEvidenceId: uuid('pdf_evidence_id'),
    referenceNumber: text('reference_number').notNull().unique(),
  },
  (t) => [
    index('repayment_agreements_case_idx').on(t.caseId),
    index('repayment_agreements_customer_idx').on(t.customerId, t.status),
    check('repayment_agreements_status_check', sql`${t.status} IN ('proposed', 'approved', 'offered', 'confirmed', 'declined', 'expired')`),
  ],
);
