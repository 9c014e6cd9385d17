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
  CreateStaffUserRequest as CreateStaffUserRequestSchema,
  PasswordChangeRequest as PasswordChangeRequestSchema,
  SessionInfo as SessionInfoSchema,
  StaffLoginRequest as StaffLoginRequestSchema,
  StaffUser as StaffUserSchema,
} from '../../platform/auth/auth.contract.ts';
import type { ImportKind as ImportKindType, ImportRejection as ImportRejectionType, ImportSummary as ImportSummaryType } from '../../modules/imports/import-types.ts';
import type { importRuns } from '../../modules/imports/imports.schema.ts';
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
import type {
  Contactability as ContactabilitySchema,
  ContactCheckRequest as ContactCheckRequestSchema,
  ContactCheckResult as ContactCheckResultSchema,
  ContactFlagChange as ContactFlagChangeSchema,
  ContactHoldList as ContactHoldListSchema,
  ManualContactHold as ManualContactHoldSchema,
  Denial as DenialSchema,
  DenialList as DenialListSchema,
} from '../../modules/compliance/context/context.contract.ts';
import type {
  ContactLog as ContactLogSchema,
  ContactRefusal as ContactRefusalSchema,
  LogContactRequest as LogContactRequestSchema,
  MessageList as MessageListSchema,
  MessageQueued as MessageQueuedSchema,
  PortalMessages as PortalMessagesSchema,
  SendMessageRequest as SendMessageRequestSchema,
} from '../../modules/communications/communications.contract.ts';
import type {
  CreateTemplate as CreateTemplateSchema,
  PreviewRequest as PreviewRequestSchema,
  PreviewResult as PreviewResultSchema,
  StatusResult as StatusResultSchema,
  Template as TemplateSchema,
  TemplateList as TemplateListSchema,
  TemplateVersion as TemplateVersionSchema,
  VersionContent as VersionContentSchema,
} from '../../modules/communications/templates/templates.contract.ts';

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

// ---- Communications and contact compliance ----
export type ComplianceDenial = z.infer<typeof DenialSchema>;
export type Contactability = z.infer<typeof ContactabilitySchema>;
export type ContactabilityRow = Contactability['channels'][number];
export type ContactCheckRequest = z.input<typeof ContactCheckRequestSchema>;
export type ContactCheckResult = z.infer<typeof ContactCheckResultSchema>;
export type ContactFlagChange = z.input<typeof ContactFlagChangeSchema>;
export type ContactFlag = ContactFlagChange['flag'];
export type ContactHoldList = z.infer<typeof ContactHoldListSchema>;
export type ContactHold = ContactHoldList['items'][number];
export type ManualContactHold = z.input<typeof ManualContactHoldSchema>;
export type ManualHoldType = ManualContactHold['type'];
export type DenialList = z.infer<typeof DenialListSchema>;
export type DenialRecord = DenialList['items'][number];
export type MessageList = z.infer<typeof MessageListSchema>;
export type OutboundMessage = MessageList['items'][number];
export type MessageStatus = OutboundMessage['status'];
export type MessageChannel = OutboundMessage['channel'];
export type SendMessageRequest = z.input<typeof SendMessageRequestSchema>;
export type MessageQueued = z.infer<typeof MessageQueuedSchema>;
/** The 409 problem+json of a refused contact (code contact_refused). */
export type ContactRefusal = z.infer<typeof ContactRefusalSchema>;
export type LogContactRequest = z.input<typeof LogContactRequestSchema>;
export type LoggedChannel = LogContactRequest['channel'];
export type LoggedOutcome = LogContactRequest['outcome'];
export type ContactLog = z.infer<typeof ContactLogSchema>;
export type ContactLogEntry = ContactLog['items'][number];
export type ContactOutcome = ContactLogEntry['outcome'];
export type PortalMessages = z.infer<typeof PortalMessagesSchema>;
export type PortalMessage = PortalMessages['items'][number];

export type TemplateList = z.infer<typeof TemplateListSchema>;
export type TemplateSummary = TemplateList['items'][number];
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateVersion = z.infer<typeof TemplateVersionSchema>;
export type TemplateStatus = TemplateVersion['status'];
export type TemplateVariable = TemplateVersion['variables'][number];
export type VariableType = TemplateVariable['type'];
export type TemplateAudience = Template['audience'];
export type VersionContent = z.input<typeof VersionContentSchema>;
export type CreateTemplateRequest = z.input<typeof CreateTemplateSchema>;
export type TemplatePreviewRequest = z.input<typeof PreviewRequestSchema>;
export type TemplatePreview = z.infer<typeof PreviewResultSchema>;
export type TemplateStatusResult = z.infer<typeof StatusResultSchema>;
export type TemplateCreated = { templateId: string; versionId: string; version: number };

// ---- Administration: staff accounts ----
export type StaffUser = z.infer<typeof StaffUserSchema>;
export type CreateStaffUserRequest = z.input<typeof CreateStaffUserRequestSchema>;

// ---- Imports ----
/**
 * The import routes' zod schemas (ImportSummary, ImportRun) are not exported from
 * imports.routes.ts; the summary is the pipeline's own type, and a run is the import_runs row with
 * its timestamps as ISO strings, exactly as GET /api/imports serialises it.
 */
export type ImportKind = ImportKindType;
export type ImportRejection = ImportRejectionType;
export type ImportSummary = ImportSummaryType;
type ImportRunRow = typeof importRuns.$inferSelect;
export type ImportRun = Omit<ImportRunRow, 'startedAt' | 'finishedAt'> & { startedAt: string; finishedAt: string | null };
export type ImportRunStatus = ImportRun['status'];
export type ImportRunList = { items: ImportRun[] };

// ---- Complaints (投诉) ----
import type {
  ComplaintDetail as ComplaintDetailSchema,
  ComplaintList as ComplaintListSchema,
  ComplaintListQuery as ComplaintListQuerySchema,
  DecideBody as DecideBodySchema,
  ExtendBody as ExtendBodySchema,
  OpenComplaintBody as OpenComplaintBodySchema,
  OpenComplaintResult as OpenComplaintResultSchema,
  PortalComplaintList as PortalComplaintListSchema,
  PortalComplaintCreated as PortalComplaintCreatedSchema,
  SurveyView as SurveyViewSchema,
} from '../../modules/complaints/complaints.contract.ts';

export type ComplaintList = z.infer<typeof ComplaintListSchema>;
export type ComplaintSummary = ComplaintList['items'][number];
export type ComplaintDetail = z.infer<typeof ComplaintDetailSchema>;
export type ComplaintStatus = ComplaintSummary['status'];
export type ComplaintChannel = ComplaintSummary['channel'];
export type ComplaintListQuery = Partial<z.input<typeof ComplaintListQuerySchema>>;
export type OpenComplaintRequest = z.input<typeof OpenComplaintBodySchema>;
export type OpenComplaintResult = z.infer<typeof OpenComplaintResultSchema>;
export type ComplaintCategory = NonNullable<OpenComplaintRequest['category']>;
export type ComplaintSeverity = NonNullable<OpenComplaintRequest['severity']>;
export type DecideRequest = z.input<typeof DecideBodySchema>;
export type DecisionOutcome = DecideRequest['outcome'];
export type ComplaintRemedy = NonNullable<DecideRequest['remedies']>[number];
export type ExtendRequest = z.input<typeof ExtendBodySchema>;
export type PortalComplaintList = z.infer<typeof PortalComplaintListSchema>;
export type PortalComplaint = PortalComplaintList['items'][number];
export type PortalComplaintCreated = z.infer<typeof PortalComplaintCreatedSchema>;
export type SatisfactionSurvey = z.infer<typeof SurveyViewSchema>;

// ---- Public opinion (舆情) ----
export type MentionSource = 'weibo' | 'wechat' | 'news' | 'forum' | 'heimao' | 'app-store' | 'other';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type MentionStatus = 'new' | 'reviewed' | 'complaint-opened' | 'dismissed';
export type PublicMention = {
  id: string;
  source: MentionSource;
  externalId: string;
  publishedAt: string;
  text: string;
  link: string | null;
  author: string | null;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  customer: { id: string; name: string } | null;
  loanId: string | null;
  matchReason: string | null;
  status: MentionStatus;
  complaint: { id: string; referenceNumber: string } | null;
  reviewedAt: string | null;
};
export type PublicMentionList = { items: PublicMention[]; total: number };
export type PublicMentionQuery = { label?: SentimentLabel; status?: MentionStatus; matched?: 'true' | 'false'; from?: string; to?: string; limit?: number; offset?: number };
export type PublicOpinionAlert = {
  id: string;
  windowStart: string;
  windowEnd: string;
  negativeCount: number;
  baseline: number;
  createdAt: string;
  acknowledged: boolean;
  acknowledgedAt: string | null;
};
export type PublicOpinionAlertList = { items: PublicOpinionAlert[] };
export type PublicOpinionDailyStats = { items: Array<{ date: string; negative: number; neutral: number; positive: number }> };
export type OpenComplaintFromMentionResult = { complaintId: string; referenceNumber: string; mention: PublicMention };
