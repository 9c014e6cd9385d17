import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CONSENT_PURPOSES } from '../../customers/customers.schema.ts';

export const TEMPLATE_STATUSES = ['draft', 'pending-approval', 'approved', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
export const VARIABLE_TYPES = ['string', 'money-fen', 'date', 'integer'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];
export type TemplateVariable = { name: string; type: VariableType; required: boolean };
/** Who the template is written for: a third party (emergency contact…) must never learn of a debt. */
export const TEMPLATE_AUDIENCES = ['debtor', 'third-party'] as const;

/** A message template; its wording lives in immutable versions. `key` is how code asks for it. */
export const messageTemplates = pgTable('message_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
  audience: text('audience', { enum: TEMPLATE_AUDIENCES }).notNull().default('debtor'),
  /** Seeded by ensureDefaultTemplates; editable by new versions like any other. */
  system: boolean('system').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * One version of a template's wording, zh-CN and English. The text and variables of a version are
 * written once and never updated (a change is a new version), so a sent message can always be
 * traced to the exact wording that was approved. Only `status` and its stamps change:
 * draft → pending-approval → approved → retired.
 */
export const templateVersions = pgTable(
  'template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id').notNull().references(() => messageTemplates.id),
    version: integer('version').notNull(),
    status: text('status', { enum: TEMPLATE_STATUSES }).notNull().default('draft'),
    variables: jsonb('variables').$type<TemplateVariable[]>().notNull(),
    subjectZh: text('subject_zh'),
    bodyZh: text('body_zh').notNull(),
    subjectEn: text('subject_en'),
    bodyEn: text('body_en').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    retiredBy: text('retired_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('template_versions_template_version_idx').on(t.templateId, t.version), index('template_versions_status_idx').on(t.status)],
);
