import { z } from '@hono/zod-openapi';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES } from './classifier/index.ts';
import { PAUSE_REASONS } from './rules/index.ts';
import { COMPLAINT_CHANNELS, COMPLAINT_EVENT_TYPES, COMPLAINT_PRODUCTS, COMPLAINT_STATUSES, DECISION_OUTCOMES, REMEDIES } from './complaints.schema.ts';

export const ComplaintIdParam = z.object({
  complaintId: z.uuid().openapi({ param: { name: 'complaintId', in: 'path' }, description: 'Complaint id (UUID)' }),
});

export const ComplaintListQuery = z.object({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  ownerId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only complaints with a time limit passed and not met'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const instant = z.string().describe('ISO 8601 instant');

export const ComplaintClockView = z
  .object({
    profile: z.string(),
    status: z.string().describe('open | paused | decided | under-review | closed, as the clock sees it'),
    firstHandlingDue: instant,
    decisionDue: instant.describe('The governing deadline: the earlier of our own and a regulator deadline'),
    decisionDueDate: z.string().describe('Last local day of our own period (YYYY-MM-DD)'),
    decisionGovernedBy: z.enum(['rule', 'regulator']),
    decisionPeriodDays: z.number().int(),
    paused: z.boolean(),
    pausedDays: z.number().int(),
    extensionDays: z.number().int(),
    reviewRequestDeadline: instant.nullable(),
    reviewDue: instant.nullable(),
    warnings: z.array(z.object({ code: z.string(), clock: z.string().nullable(), due: instant.nullable(), zh: z.string(), en: z.string() })),
    breaches: z.array(z.object({ clock: z.string(), kind: z.enum(['late', 'overdue']), due: instant, zh: z.string(), en: z.string() })),
    notificationsOwed: z.array(z.object({ kind: z.string(), dueBy: instant, zh: z.string(), en: z.string() })),
  })
  .openapi('ComplaintClock');

export const ComplaintSummary = z
  .object({
    id: z.uuid(),
    referenceNumber: z.string().describe('TS-2026-000123'),
    customerId: z.uuid().nullable(),
    customerName: z.string().nullable(),
    channel: z.enum(COMPLAINT_CHANNELS),
    category: z.string().nullable(),
    severity: z.string().nullable(),
    classificationConfirmed: z.boolean(),
    status: z.enum(COMPLAINT_STATUSES),
    ownerId: z.uuid().nullable(),
    receivedAt: instant,
    firstHandlingDue: instant,
    decisionDue: instant,
    overdue: z.boolean(),
    firstHandlingState: z.enum(['breached', 'warned', 'ok']).describe('breached: the limit passed (late or overdue); warned: due soon'),
    decisionState: z.enum(['breached', 'warned', 'ok']),
    fraudFlagged: z.boolean(),
    mergedIntoId: z.uuid().nullable(),
  })
  .openapi('ComplaintSummary');

export const ComplaintList = z.object({ items: z.array(ComplaintSummary), total: z.number().int() }).openapi('ComplaintList');

export const ComplaintEventView = z
  .object({ type: z.enum(COMPLAINT_EVENT_TYPES), at: instant, actor: z.string(), payload: z.record(z.string(), z.unknown()) })
  .openapi('ComplaintEvent');

export const ComplaintDetail = ComplaintSummary.extend({
  description: z.string(),
  product: z.string().nullable(),
  regulatorReference: z.string().nullable(),
  regulatorDeadline: z.string().nullable(),
  loanIds: z.array(z.uuid()),
  suggestion: z.record(z.string(), z.unknown()).nullable().describe('The classifier suggestion at intake'),
  relatedComplaintId: z.uuid().nullable(),
  possibleDuplicates: z.array(z.object({ id: z.uuid(), referenceNumber: z.string() })),
  acknowledgement: z.object({ status: z.string().nullable(), messageId: z.uuid().nullable() }),
  outcome: z.enum(DECISION_OUTCOMES).nullable(),
  remedies: z.array(z.string()),
  contactHoldOpen: z.boolean(),
  events: z.array(ComplaintEventView),
  clock: ComplaintClockView,
  survey: z
    .object({ status: z.enum(['pending', 'answered', 'expired']), score: z.number().int().nullable(), comment: z.string().nullable(), answeredAt: instant.nullable() })
    .nullable()
    .describe('The latest satisfaction survey (left pending at close)'),
  ownerName: z.string().nullable(),
  responseLetter: z
    .object({ evidenceId: z.uuid() })
    .nullable()
    .describe('The final response letter (PDF, zh + en) of the latest decision; download it from /complaints/{id}/response-letter'),
}).openapi('ComplaintDetail');

export const AssignableHandler = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    role: z.string(),
    branchId: z.string().nullable().describe('null = head office'),
    team: z.string().nullable(),
    openComplaints: z.number().int().describe('Complaints this person owns that are not closed'),
  })
  .openapi('AssignableHandler');
export const AssignableHandlerList = z.object({ items: z.array(AssignableHandler) }).openapi('AssignableHandlerList');

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const OpenComplaintBody = z
  .object({
    customerId: z.uuid(),
    loanIds: z.array(z.uuid()).max(20).optional(),
    channel: z.enum(['phone', 'counter', 'letter', 'regulator', 'api']),
    description: text(5, 5000).describe('What the complainant says, in their words'),
    receivedAt: z.iso.datetime({ offset: true }).optional().describe('When it reached us; default now'),
    regulatorReference: text(1, 100).optional(),
    regulatorDeadline: z.iso.date().optional().describe('The regulator deadline (监管转办), a local date'),
    product: z.enum(COMPLAINT_PRODUCTS).optional(),
    category: z.enum(COMPLAINT_CATEGORIES).optional().describe('Omit to keep the classifier suggestion until a handler confirms it'),
    severity: z.enum(COMPLAINT_SEVERITIES).optional(),
    ownerId: z.uuid().optional(),
    relatedComplaintId: z.uuid().optional(),
  })
  .refine((b) => b.channel !== 'regulator' || b.regulatorReference, { message: 'A complaint forwarded by the regulator needs its reference / 监管转办的投诉须填写转办编号', path: ['regulatorReference'] })
  .refine((b) => (b.category === undefined) === (b.severity === undefined), { message: 'Give category and severity together / category 和 severity 须同时填写', path: ['severity'] })
  .openapi('OpenComplaint');

export const OpenComplaintResult = z
  .object({
    complaintId: z.uuid(),
    referenceNumber: z.string(),
    acknowledgement: z.object({ status: z.enum(['queued', 'blocked', 'not-sent']), messageId: z.uuid().nullable(), channel: z.string().nullable() }),
    possibleDuplicates: z.array(z.object({ id: z.uuid(), referenceNumber: z.string(), similarity: z.number() })),
    contactHoldId: z.uuid().nullable(),
    fraudFlagged: z.boolean(),
  })
  .openapi('OpenComplaintResult');

export const ClassifyBody = z.object({ category: z.enum(COMPLAINT_CATEGORIES), severity: z.enum(COMPLAINT_SEVERITIES) }).openapi('ClassifyComplaint');
export const NoteBody = z.object({ note: text(1, 2000) }).openapi('ComplaintNote');
export const OptionalNoteBody = z.object({ note: text(1, 2000).optional() }).openapi('ComplaintOptionalNote');
export const ReasonBody = z.object({ reason: text(2, 2000) }).openapi('ComplaintReason');
export const ExtendBody = z
  .object({
    days: z.number().int().min(1).max(45),
    approvedBy: text(1, 100).optional().describe('Senior manager approving a period beyond 30 days (required then)'),
    reason: text(2, 2000),
  })
  .openapi('ExtendComplaint');
export const PauseBody = z.object({ reason: z.enum(PAUSE_REASONS as unknown as [string, ...string[]]), note: text(1, 2000).optional() }).openapi('PauseComplaint');
export const MergeBody = z.object({ intoComplaintId: z.uuid(), note: text(1, 2000).optional() }).openapi('MergeComplaint');
export const NewFactsBody = z.object({ facts: text(2, 5000) }).openapi('ComplaintNewFacts');
export const DecideBody = z
  .object({ outcome: z.enum(DECISION_OUTCOMES), remedies: z.array(z.enum(REMEDIES)).max(5).default([]), summary: text(2, 5000) })
  .openapi('DecideComplaint');
export const ReassignBody = z.object({ ownerId: z.uuid(), reason: text(2, 2000) }).openapi('ReassignComplaint');

export const PortalComplaintBody = z
  .object({
    description: text(5, 5000),
    loanIds: z.array(z.uuid()).max(20).optional(),
    category: z.enum(COMPLAINT_CATEGORIES).optional().describe("The complainant's own choice: shown to the handler beside the classifier suggestion, not a confirmed category"),
  })
  .openapi('PortalComplaintRequest');

export const PortalComplaint = z
  .object({
    id: z.uuid(),
    referenceNumber: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    receivedAt: instant,
    firstHandlingDue: instant,
    decisionDue: instant,
    outcome: z.enum(DECISION_OUTCOMES).nullable(),
    progress: z.array(z.object({ type: z.string(), at: instant })),
    responseLetterAvailable: z.boolean().describe('A decision was made: its letter downloads from /portal/complaints/{id}/response-letter'),
  })
  .openapi('PortalComplaint');
export const PortalComplaintList = z.object({ items: z.array(PortalComplaint) }).openapi('PortalComplaintList');
export const PortalComplaintCreated = z.object({ id: z.uuid(), referenceNumber: z.string() }).openapi('PortalComplaintCreated');

export const SurveyView = z
  .object({
    complaintId: z.uuid(),
    referenceNumber: z.string(),
    status: z.enum(['pending', 'answered', 'expired']),
    createdAt: instant,
    expiresAt: instant.describe('30 days after the close'),
    answeredAt: instant.nullable(),
    score: z.number().int().min(1).max(5).nullable(),
    comment: z.string().nullable(),
  })
  .openapi('SatisfactionSurvey');
export const SurveyAnswerBody = z
  .object({ score: z.number().int().min(1).max(5).describe('1 (very dissatisfied) … 5 (very satisfied)'), comment: z.string().trim().max(2000).optional() })
  .openapi('SatisfactionSurveyAnswer');
export const PortalComplaintIdParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'Complaint id (UUID)' }),
});
export const SurveyTokenParam = z.object({
  token: z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/).openapi({ param: { name: 'token', in: 'path' }, description: 'The token from the survey link' }),
});
