import { z } from '@hono/zod-openapi';
import { MENTION_SOURCES, MENTION_STATUSES, SENTIMENT_LABELS } from './public-opinion.schema.ts';

export const MentionIdParam = z.object({
  mentionId: z.uuid().openapi({ param: { name: 'mentionId', in: 'path' }, description: 'Mention id (UUID)' }),
});
export const AlertIdParam = z.object({
  alertId: z.uuid().openapi({ param: { name: 'alertId', in: 'path' }, description: 'Alert id (UUID)' }),
});

export const MentionListQuery = z.object({
  label: z.enum(SENTIMENT_LABELS).optional(),
  status: z.enum(MENTION_STATUSES).optional(),
  source: z.enum(MENTION_SOURCES).optional(),
  matched: z.enum(['true', 'false']).optional().describe('true: matched to a customer; false: not matched'),
  from: z.iso.datetime({ offset: true }).optional().describe('Published at or after (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Published before (ISO 8601)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const Mention = z
  .object({
    id: z.uuid(),
    source: z.enum(MENTION_SOURCES),
    externalId: z.string(),
    publishedAt: z.string(),
    text: z.string(),
    link: z.string().nullable(),
    author: z.string().nullable(),
    sentimentScore: z.number().describe('−1 … 1'),
    sentimentLabel: z.enum(SENTIMENT_LABELS),
    customer: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('The matched customer (null when unmatched or outside your data scope)'),
    loanId: z.uuid().nullable(),
    matchReason: z.string().nullable(),
    status: z.enum(MENTION_STATUSES),
    complaint: z.object({ id: z.uuid(), referenceNumber: z.string() }).nullable(),
    reviewedAt: z.string().nullable(),
  })
  .openapi('PublicOpinionMention');

export const MentionList = z.object({ items: z.array(Mention), total: z.number().int() }).openapi('PublicOpinionMentionList');

export const RowProblem = z
  .object({
    line: z.number().int().optional().describe('CSV line (1 = header)'),
    index: z.number().int().optional().describe('JSON array index (0-based)'),
    externalId: z.string().optional(),
    field: z.string().optional(),
    reason: z.string(),
  })
  .openapi('PublicOpinionRowProblem');

export const ImportResult = z
  .object({
    received: z.number().int().describe('Valid rows received'),
    imported: z.number().int(),
    duplicates: z.number().int().describe('Already present (same source and external id)'),
    rejected: z.array(RowProblem),
    alert: z.object({ id: z.uuid(), negativeCount: z.number().int(), baseline: z.number() }).nullable(),
  })
  .openapi('PublicOpinionImportResult');

export const MentionJsonRow = z
  .object({
    source: z.enum(MENTION_SOURCES),
    external_id: z.string(),
    published_at: z.string().describe('ISO 8601 with offset'),
    text: z.string(),
    link: z.string().nullable().optional(),
    author: z.string().nullable().optional(),
  })
  .openapi('PublicOpinionMentionInput');

export const StatusBody = z.object({ note: z.string().trim().max(500).optional() }).openapi('PublicOpinionStatusBody');

export const OpenComplaintFromMentionBody = z
  .object({
    customerId: z.uuid().optional().describe('Required when the mention matched no customer'),
    description: z.string().trim().min(5).max(5000).optional().describe('Default: the mention text, source and link'),
  })
  .openapi('OpenComplaintFromMention');

export const OpenComplaintFromMentionResult = z
  .object({ complaintId: z.uuid(), referenceNumber: z.string(), mention: Mention })
  .openapi('OpenComplaintFromMentionResult');

export const Alert = z
  .object({
    id: z.uuid(),
    windowStart: z.string(),
    windowEnd: z.string(),
    negativeCount: z.number().int(),
    baseline: z.number(),
    createdAt: z.string(),
    acknowledged: z.boolean(),
    acknowledgedAt: z.string().nullable(),
  })
  .openapi('PublicOpinionAlert');

export const AlertListQuery = z.object({ acknowledged: z.enum(['true', 'false']).optional() });
export const AlertList = z.object({ items: z.array(Alert) }).openapi('PublicOpinionAlertList');

export const DailyStatsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });
export const DailyStats = z
  .object({ items: z.array(z.object({ date: z.string(), negative: z.number().int(), neutral: z.number().int(), positive: z.number().int() })) })
  .openapi('PublicOpinionDailyStats');
