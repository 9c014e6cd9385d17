import { sql } from 'drizzle-orm';
import {
  pgTable, text, timestamp, uuid, boolean, date, index, uniqueIndex, check, jsonb, bigint,
} from 'drizzle-orm/pg-core';
import { branches, staffUsers } from '../../platform/auth/staff.schema.ts';

export const CUSTOMER_TYPES = ['individual', 'enterprise'] as const;
export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export const GENDERS = ['male', 'female'] as const;
export const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * A borrower. The resident ID number is personal information under PIPL: it is stored only
 * encrypted (AES-256-GCM) plus a keyed hash for exact-match search and a pre-masked form.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalId: text('external_id').notNull().unique(),
    type: text('type', { enum: CUSTOMER_TYPES }).notNull(),
    name: text('name').notNull(),
    idNumberCiphertext: text('id_number_ciphertext'),
    idNumberHash: text('id_number_hash'),
    idNumberMasked: text('id_number_masked'),
    birthDate: date('birth_date', { mode: 'string' }),
    gender: text('gender', { enum: GENDERS }),
    occupation: text('occupation'),
    creditCode: text('credit_code'),
    industry: text('industry'),
    legalRepresentative: text('legal_representative'),
    branchId: text('branch_id').notNull().references(() => branches.id),
    relationshipManagerId: uuid('relationship_manager_id').references(() => staffUsers.id),
    riskTier: text('risk_tier', { enum: RISK_TIERS }).notNull().default('medium'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    preferredLanguage: text('preferred_language', { enum: LANGUAGES }).notNull().default('zh-CN'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_id_number_hash_idx').on(t.idNumberHash),
    uniqueIndex('customers_credit_code_idx').on(t.creditCode),
    index('customers_name_idx').on(t.name),
    index('customers_branch_idx').on(t.branchId),
    index('customers_rm_idx').on(t.relationshipManagerId),
    check(
      'customers_identity_by_type',
      sql`(${t.type} = 'individual' AND ${t.idNumberHash} IS NOT NULL) OR (${t.type} = 'enterprise' AND ${t.creditCode} IS NOT NULL)`,
    ),
  ],
);

export const CONTACT_KINDS = ['phone', 'email', 'address'] as const;
/** 'self' is the borrower; anything else is a third party, whom collections may not tell of the debt. */
export const CONTACT_RELATIONSHIPS = [
  'self', 'emergency-contact', 'spouse', 'relative', 'colleague', 'guarantor', 'other',
] as const;
export const CONTACT_SOURCES = ['core-banking', 'customer', 'agent', 'portal', 'third-party-lookup', 'field-visit', 'public-record'] as const;

export const contactPoints = pgTable(
  'contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalId: text('external_id').unique(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    kind: text('kind', { enum: CONTACT_KINDS }).notNull(),
    /** Phones in E.164, e-mails lower-cased, addresses as given. */
    value: text('value').notNull(),
    label: text('label'),
    relationship: text('relationship', { enum: CONTACT_RELATIONSHIPS }).notNull().default('self'),
    thirdPartyName: text('third_party_name'),
    isPrimary: boolean('is_primary').notNull().default(false),
    verified: boolean('verified').notNull().default(false),
    source: text('source', { enum: CONTACT_SOURCES }).notNull().default('core-banking'),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    markedWrongAt: timestamp('marked_wrong_at', { withTimezone: true }),
    markedWrongReason: text('marked_wrong_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_points_customer_idx').on(t.customerId),
    index('contact_points_value_idx').on(t.value),
    check(
      'contact_points_third_party_named',
      sql`${t.relationship} = 'self' OR ${t.thirdPartyName} IS NOT NULL`,
    ),
  ],
);

export const CONSENT_PURPOSES = ['servicing', 'follow-up-visit', 'collections', 'marketing'] as const;
export const CONTACT_CHANNELS = ['sms', 'email', 'phone', 'portal', 'letter', 'field-visit', 'video'] as const;

/** One row per grant; a withdrawal stamps withdrawnAt, so history is never overwritten. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    evidenceRef: text('evidence_ref'),
    source: text('source', { enum: CONTACT_SOURCES }).notNull().default('core-banking'),
  },
  (t) => [index('consents_customer_idx').on(t.customerId)],
);

export const VISIT_OPT_OUT_REASONS = ['privacy', 'trust', 'busy', 'other'] as const;

export const contactPreferences = pgTable('contact_preferences', {
  customerId: uuid('customer_id').primaryKey().references(() => customers.id),
  /** Local 'HH:MM' in the customer's time zone; contact is avoided between start and end. */
  quietHoursStart: text('quiet_hours_start'),
  quietHoursEnd: text('quiet_hours_end'),
  preferredChannels: jsonb('preferred_channels').$type<string[]>().notNull().default([]),
  visitOptOut: boolean('visit_opt_out').notNull().default(false),
  visitOptOutReason: text('visit_opt_out_reason', { enum: VISIT_OPT_OUT_REASONS }),
  visitOptOutNote: text('visit_opt_out_note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The shared customer timeline for things that have no table of their own yet (contacts made,
 * visits, complaints, cases, documents). Loans and repayments are read from their own tables.
 */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    module: text('module').notNull(),
    kind: text('kind').notNull(),
    refId: text('ref_id'),
    summaryZh: text('summary_zh').notNull(),
    summaryEn: text('summary_en').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /**
     * Write order, for entries of the same instant (a complaint, its acknowledgement and its contact
     * hold share one `now`); newest first means highest seq first. Rows written before 0024 have none.
     */
    seq: bigint('seq', { mode: 'number' }).default(sql`nextval('timeline_events_seq')`),
  },
  (t) => [index('timeline_events_customer_idx').on(t.customerId, t.occurredAt)],
);
