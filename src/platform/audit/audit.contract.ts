import { z } from '@hono/zod-openapi';

const instant = z.iso.datetime({ offset: true });

export const AuditEventsQuery = z.object({
  actor: z.string().trim().min(1).max(200).optional().describe('Actor id, exactly: staff:<uuid>, borrower:<uuid> or system:<job>'),
  entityType: z.string().trim().min(1).max(100).optional().describe('e.g. customer, consent, evidence, staff-user'),
  entityId: z.string().trim().min(1).max(200).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9.-]+(\.\*)?$/, 'an action name, or a prefix ending in .* (customer.*) / 须为操作名，或以 .* 结尾的前缀（如 customer.*）')
    .max(100)
    .optional()
    .describe('An action name (consent.withdrawn) or a prefix with .* (evidence.*)'),
  from: instant.optional().describe('Occurred at or after (ISO 8601 instant)'),
  to: instant.optional().describe('Occurred before (ISO 8601 instant, exclusive)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d{1,15}$/, 'a nextCursor value from a previous page / 须为上一页返回的 nextCursor 值').optional().describe('nextCursor from the previous page'),
});
export type AuditFilter = Omit<z.infer<typeof AuditEventsQuery>, 'limit' | 'cursor'>;

export const AuditEventSchema = z
  .object({
    seq: z.number().int().describe('Position in the chain: strictly increasing, gap-free'),
    id: z.uuid(),
    occurredAt: z.string().describe('ISO 8601 instant'),
    actorId: z.string(),
    actorKind: z.string(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().describe('State before (JSON), or null'),
    after: z.unknown().describe('State after (JSON), or null'),
    diff: z.unknown().describe('Changed keys: { key: { from, to } }'),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string().describe('SHA-256(prevHash ‖ canonical JSON of the event)'),
  })
  .openapi('AuditEvent');

export const AuditEventPage = z
  .object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable().describe('Pass as cursor for the next (older) page') })
  .openapi('AuditEventPage');

export const AuditVerificationSchema = z
  .union([
    z.object({ ok: z.literal(true), events: z.number().int(), lastSeq: z.number().int(), lastHash: z.string() }),
    z.object({
      ok: z.literal(false),
      eventsChecked: z.number().int(),
      firstBrokenSeq: z.number().int(),
      problem: z.enum(['modified', 'deleted', 'inserted', 'reordered']),
      detail: z.string(),
    }),
  ])
  .openapi('AuditVerification');
