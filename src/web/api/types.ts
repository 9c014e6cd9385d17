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
  ConsentChange as ConsentChangeSchema,
  ContactPreferences as ContactPreferencesSchema,
  Timeline as TimelineSchema,
  TimelineEntry as TimelineEntrySchema,
  UnmaskRequest as UnmaskRequestSchema,
  UnmaskResult as UnmaskResultSchema,
} from '../../modules/customers/customers.contract.ts';
import type {
  PasswordChangeRequest as PasswordChangeRequestSchema,
  SessionInfo as SessionInfoSchema,
  StaffLoginRequest as StaffLoginRequestSchema,
} from '../../platform/auth/auth.contract.ts';
import type {
  LoanList as LoanListSchema,
  LoanView as LoanViewSchema,
  InstalmentView as InstalmentViewSchema,
  RepaymentView as RepaymentViewSchema,
  Delinquency as DelinquencySchema,
} from '../../modules/loans/loans.contract.ts';
import type {
  AuditEventPage as AuditEventPageSchema,
  AuditEventSchema,
  AuditFilter as AuditFilterType,
  AuditVerificationSchema,
} from '../../platform/audit/audit.contract.ts';
import type {
  EvidenceItem as EvidenceItemSchema,
  EvidenceList as EvidenceListSchema,
  EvidenceUploadResult as EvidenceUploadResultSchema,
  EVIDENCE_ENTITY_TYPES,
} from '../../platform/evidence/evidence.contract.ts';
import type { ProblemDetails } from '../../platform/errors/problem-details.ts';
import type { PortalSession as PortalSessionSchema } from '../../modules/portal/portal.routes.ts';

export type CustomerSearchResult = z.infer<typeof CustomerSearchResultSchema>;
export type CustomerSummary = z.infer<typeof CustomerSummarySchema>;
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;
export type ContactPoint = z.infer<typeof ContactPointSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type ConsentChange = z.input<typeof ConsentChangeSchema>;
export type ConsentPurpose = Consent['purpose'];
export type ContactChannel = Consent['channel'];
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
export type PasswordChangeRequest = z.input<typeof PasswordChangeRequestSchema>;
export type StaffRole = SessionInfo['user']['role'];
export type Problem = ProblemDetails;

export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditEventPage = z.infer<typeof AuditEventPageSchema>;
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
/** The filters shared by GET /api/audit/events and /api/audit/events.csv. */
export type AuditFilter = AuditFilterType;

export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type EvidenceList = z.infer<typeof EvidenceListSchema>;
export type EvidenceUploadResult = z.infer<typeof EvidenceUploadResultSchema>;
export type EvidenceKind = EvidenceItem['kind'];
export type EvidenceEntityType = (typeof EVIDENCE_ENTITY_TYPES)[number];

/**
 * POST /api/portal/auth/login answers with this (the contract's PortalSession schema is not
 * exported from portal.routes.ts, so it is restated here; keep the two in step).
 */
export type PortalSession = z.infer<typeof PortalSessionSchema>;
export type PortalLoginRequest = { login: string; password: string };
