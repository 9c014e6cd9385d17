import { z } from '@hono/zod-openapi';
import {
  CUSTOMER_TYPES, RISK_TIERS, GENDERS, LANGUAGES, CONTACT_KINDS, CONTACT_RELATIONSHIPS, CONTACT_SOURCES,
  CONSENT_PURPOSES, CONTACT_CHANNELS, VISIT_OPT_OUT_REASONS,
} from './customers.schema.ts';

export const CustomerIdParam = z.object({
  customerId: z.uuid().openapi({ param: { name: 'customerId', in: 'path' }, description: 'Customer id (UUID)' }),
});

export const CustomerSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Enter a name, ID number, credit code, phone or loan number / 请输入姓名、证件号、信用代码、手机号或贷款编号')
    .max(100)
    .describe('Name (partial), resident ID number or unified social credit code (exact), phone, loan number or customer number'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CustomerSummary = z
  .object({
    id: z.uuid(),
    externalId: z.string().describe("Lender's customer number"),
    type: z.enum(CUSTOMER_TYPES),
    name: z.string(),
    idNumberMasked: z.string().nullable().describe('Resident ID, masked (110101********123X)'),
    creditCode: z.string().nullable(),
    branchId: z.string(),
    riskTier: z.enum(RISK_TIERS),
    matchedOn: z.enum(['name', 'id-number', 'credit-code', 'phone', 'loan-number', 'customer-number']),
  })
  .openapi('CustomerSummary');

export const CustomerSearchResult = z.object({ items: z.array(CustomerSummary), total: z.number().int() }).openapi('CustomerSearchResult');

export const ContactPoint = z
  .object({
    id: z.uuid(),
    kind: z.enum(CONTACT_KINDS),
    value: z.string().describe('Phone in E.164, e-mail, or postal address; masked unless the role may view personal data'),
    masked: z.boolean().describe('True when value is masked; reveal it with POST /customers/{id}/unmask'),
    label: z.string().nullable(),
    relationship: z.enum(CONTACT_RELATIONSHIPS).describe("'self' or a third party, who must never be told of a debt"),
    thirdPartyName: z.string().nullable(),
    isPrimary: z.boolean(),
    verified: z.boolean(),
    source: z.enum(CONTACT_SOURCES),
    lastVerifiedAt: z.string().nullable(),
    markedWrongAt: z.string().nullable(),
    markedWrongReason: z.string().nullable(),
  })
  .openapi('ContactPoint');

export const Consent = z
  .object({
    id: z.uuid(),
    purpose: z.enum(CONSENT_PURPOSES),
    channel: z.enum(CONTACT_CHANNELS),
    grantedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    evidenceRef: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('Consent');

export const ContactPreferences = z
  .object({
    quietHoursStart: z.string().nullable(),
    quietHoursEnd: z.string().nullable(),
    preferredChannels: z.array(z.string()),
    visitOptOut: z.boolean(),
    visitOptOutReason: z.enum(VISIT_OPT_OUT_REASONS).nullable(),
    visitOptOutNote: z.string().nullable(),
  })
  .openapi('ContactPreferences');

export const CustomerProfile = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    type: z.enum(CUSTOMER_TYPES),
    name: z.string(),
    idNumberMasked: z.string().nullable(),
    birthDate: z.string().nullable(),
    gender: z.enum(GENDERS).nullable(),
    occupation: z.string().nullable(),
    creditCode: z.string().nullable(),
    industry: z.string().nullable(),
    legalRepresentative: z.string().nullable(),
    branch: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
    relationshipManager: z.object({ id: z.uuid(), displayName: z.string(), employeeCode: z.string() }).nullable(),
    riskTier: z.enum(RISK_TIERS),
    timeZone: z.string(),
    preferredLanguage: z.enum(LANGUAGES),
    contactPoints: z.array(ContactPoint),
    consents: z.array(Consent),
    preferences: ContactPreferences.nullable(),
  })
  .openapi('CustomerProfile');

export const TimelineEntry = z
  .object({
    occurredAt: z.string().describe('ISO 8601 instant'),
    module: z.string().describe('loans, collections, complaints, visits, escalations, fraud, communications…'),
    kind: z.string(),
    summaryZh: z.string(),
    summaryEn: z.string(),
    refId: z.string().nullable(),
    amountFen: z.number().int().nullable().describe('Money in integer fen, where the entry has an amount'),
  })
  .openapi('TimelineEntry');

export const Timeline = z.object({ items: z.array(TimelineEntry) }).openapi('Timeline');

export const UnmaskRequest = z
  .object({
    field: z.enum(['id-number', 'contact-point']).describe('Which personal data to reveal'),
    contactPointId: z.uuid().optional().describe('Required when field is contact-point'),
    reason: z.string().trim().min(5, 'Give a reason of at least 5 characters / 请填写至少 5 个字的理由').max(500),
  })
  .refine((r) => r.field !== 'contact-point' || r.contactPointId, { message: 'contactPointId is required for contact-point / contact-point 须填写 contactPointId', path: ['contactPointId'] })
  .openapi('UnmaskRequest');

export const UnmaskResult = z.object({ field: z.string(), value: z.string() }).openapi('UnmaskResult');

export const ConsentChange = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES),
    channel: z.enum(CONTACT_CHANNELS),
    action: z.enum(['grant', 'withdraw']),
    evidenceRef: z.string().trim().max(200).optional().describe('Where the customer expressed it: a signed form, a call recording id…'),
    reason: z.string().trim().max(500).optional(),
  })
  .openapi('ConsentChange');
