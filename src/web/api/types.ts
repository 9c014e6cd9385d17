/**
 * Response types come from the server's zod contracts, the one source of truth. Type-only imports:
 * nothing from the server is bundled into the browser.
 */
import type { z } from 'zod';
import type {
  CustomerSearchResult as CustomerSearchResultSchema,
  CustomerSummary as CustomerSummarySchema,
  CustomerProfile as CustomerProfileSchema,
  ContactPoint as ContactPointSchema,
  Consent as ConsentSchema,
  ContactPreferences as ContactPreferencesSchema,
  Timeline as TimelineSchema,
  TimelineEntry as TimelineEntrySchema,
  UnmaskRequest as UnmaskRequestSchema,
  UnmaskResult as UnmaskResultSchema,
} from '../../modules/customers/customers.contract.ts';
import type { SessionInfo as SessionInfoSchema, StaffLoginRequest as StaffLoginRequestSchema } from '../../platform/auth/auth.contract.ts';
import type {
  LoanList as LoanListSchema,
  LoanView as LoanViewSchema,
  InstalmentView as InstalmentViewSchema,
  RepaymentView as RepaymentViewSchema,
  Delinquency as DelinquencySchema,
} from '../../modules/loans/loans.contract.ts';
import type { ProblemDetails } from '../../platform/errors/problem-details.ts';

export type CustomerSearchResult = z.infer<typeof CustomerSearchResultSchema>;
export type CustomerSummary = z.infer<typeof CustomerSummarySchema>;
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;
export type ContactPoint = z.infer<typeof ContactPointSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type ContactPreferences = z.infer<typeof ContactPreferencesSchema>;
export type Timeline = z.infer<typeof TimelineSchema>;
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type LoanList = z.infer<typeof LoanListSchema>;
export type Loan = z.infer<typeof LoanViewSchema>;
export type Instalment = z.infer<typeof InstalmentViewSchema>;
export type Repayment = z.infer<typeof RepaymentViewSchema>;
export type Delinquency = z.infer<typeof DelinquencySchema>;
export type UnmaskRequest = z.input<typeof UnmaskRequestSchema>;
export type UnmaskResult = z.infer<typeof UnmaskResultSchema>;
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export type StaffLoginRequest = z.input<typeof StaffLoginRequestSchema>;
export type StaffRole = SessionInfo['user']['role'];
export type Problem = ProblemDetails;
