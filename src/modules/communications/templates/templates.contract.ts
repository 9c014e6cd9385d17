import { z } from '@hono/zod-openapi';
import { CONSENT_PURPOSES, LANGUAGES } from '../../customers/customers.schema.ts';
import { TEMPLATE_AUDIENCES, TEMPLATE_STATUSES, VARIABLE_TYPES } from './templates.schema.ts';

export const TemplateIdParam = z.object({
  templateId: z.uuid().openapi({ param: { name: 'templateId', in: 'path' } }),
});
export const VersionParams = TemplateIdParam.extend({
  version: z.coerce.number().int().min(1).openapi({ param: { name: 'version', in: 'path' }, description: 'Version number (1, 2, …)' }),
});

const Variable = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _ only, not starting with a digit / 只能包含字母、数字和 _，且不能以数字开头'),
  type: z.enum(VARIABLE_TYPES).describe('string | money-fen (integer fen, shown as ¥1,234.56) | date (YYYY-MM-DD) | integer'),
  required: z.boolean().default(true),
});

export const VersionContent = z
  .object({
    variables: z.array(Variable).max(30).default([]),
    subjectZh: z.string().trim().max(200).nullable().default(null),
    bodyZh: z.string().trim().min(1).max(4000),
    subjectEn: z.string().trim().max(200).nullable().default(null),
    bodyEn: z.string().trim().min(1).max(4000),
  })
  .openapi('TemplateVersionContent');

export const CreateTemplate = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,60}$/, 'lower-case letters, digits and -, 3–61 characters / 只能包含小写字母、数字和 -，长度 3–61 个字符'),
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    purpose: z.enum(CONSENT_PURPOSES),
    audience: z.enum(TEMPLATE_AUDIENCES).default('debtor').describe('third-party templates may never mention a debt'),
    version: VersionContent,
  })
  .openapi('CreateTemplate');

export const TemplateVersion = z
  .object({
    id: z.uuid(), version: z.number().int(), status: z.enum(TEMPLATE_STATUSES),
    variables: z.array(z.object({ name: z.string(), type: z.enum(VARIABLE_TYPES), required: z.boolean() })),
    subjectZh: z.string().nullable(), bodyZh: z.string(), subjectEn: z.string().nullable(), bodyEn: z.string(),
    createdBy: z.string(), createdAt: z.string(), submittedBy: z.string().nullable(), submittedAt: z.string().nullable(),
    approvedBy: z.string().nullable(), approvedAt: z.string().nullable(), retiredBy: z.string().nullable(), retiredAt: z.string().nullable(),
  })
  .openapi('TemplateVersion');

export const Template = z
  .object({
    id: z.uuid(), key: z.string(), nameZh: z.string(), nameEn: z.string(), purpose: z.enum(CONSENT_PURPOSES), audience: z.enum(TEMPLATE_AUDIENCES),
    system: z.boolean(), createdBy: z.string(), createdAt: z.string(),
    approvedVersion: z.number().int().nullable().describe('The version used when sending by key'),
    versions: z.array(TemplateVersion),
  })
  .openapi('Template');

export const TemplateList = z.object({ items: z.array(Template.omit({ versions: true })) }).openapi('TemplateList');

export const StatusResult = z.object({ status: z.enum(TEMPLATE_STATUSES) }).openapi('TemplateStatusResult');

export const PreviewRequest = z
  .object({
    customerId: z.uuid(),
    debtId: z.uuid().nullable().optional(),
    language: z.enum(LANGUAGES).optional(),
    variables: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    thirdParty: z.boolean().default(false).describe('Check the wording as if sent to a third party (emergency contact…)'),
  })
  .openapi('TemplatePreviewRequest');

export const PreviewResult = z
  .object({
    language: z.enum(LANGUAGES),
    subject: z.string().nullable(),
    body: z.string(),
    problems: z.array(z.object({ name: z.string(), problem: z.enum(['missing', 'invalid']), message: z.string() })).describe('Variables missing or invalid (left as {{name}})'),
    wordingFindings: z.array(z.object({ phrase: z.string(), category: z.string() })),
  })
  .openapi('TemplatePreview');
