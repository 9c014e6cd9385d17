import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CONSENT_PURPOSES, LANGUAGES } from '../customers/customers.schema.ts';
import { Denial } from '../compliance/context/context.contract.ts';
import { serialiseDenials } from '../compliance/context/denials.ts';
import type { Denial as EngineDenial } from '../compliance/context/engine-port.ts';
import { CONTACT_OUTCOMES } from './contact-log/contact-log.schema.ts';
import { MESSAGE_CHANNELS, OUTBOX_STATUSES } from './outbox/outbox.schema.ts';

export const SendMessageRequest = z
  .object({
    channel: z.enum(MESSAGE_CHANNELS),
    purpose: z.enum(CONSENT_PURPOSES),
    templateKey: z.string().trim().min(1).max(100).optional().describe("The template's key; its approved version is used"),
    templateVersionId: z.uuid().optional().describe('Or one exact approved version'),
    variables: z.record(z.string(), z.union([z.string(), z.number()])).default({}).describe('Template variables; money in integer fen, dates YYYY-MM-DD'),
    language: z.enum(LANGUAGES).optional().describe("Default: the customer's preferred language"),
    debtId: z.uuid().nullable().optional(),
    contactPointId: z.uuid().nullable().optional().describe('Default: the primary own contact point for the channel'),
    idempotencyKey: z.string().trim().min(8).max(200).optional().describe('Same key → same message; default: the Idempotency-Key header, else a new key'),
  })
  .refine((b) => Boolean(b.templateKey) !== Boolean(b.templateVersionId), { message: 'Give exactly one of templateKey or templateVersionId / templateKey 和 templateVersionId 须填写且只能填写其一', path: ['templateKey'] })
  .openapi('SendMessageRequest');

export const MessageQueued = z
  .object({
    status: z.literal('queued'),
    messageId: z.uuid(),
    notBefore: z.string().describe('Not sent before this instant (later than now when contact hours or caps delay it)'),
    duplicate: z.boolean().describe('True when the idempotency key had already queued this message'),
    delayedBy: z.array(Denial).describe('The time rules that delay it, if any'),
  })
  .openapi('MessageQueued');

/** RFC 9457 problem details, extended with the engine's refusal (code contact_refused). */
export const ContactRefusal = z
  .object({
    type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), detailZh: z.string(),
    code: z.literal('contact_refused'),
    denials: z.array(Denial),
    earliestAllowedAt: z.string().nullable().describe('When it would be allowed; null = not until something changes'),
    denialId: z.uuid().describe('The stored refusal, listed at GET /customers/{id}/compliance-denials'),
  })
  .openapi('ContactRefusal');

export const refusedResponse = { 409: { description: 'Refused by the contact compliance engine (stored)', content: { 'application/problem+json': { schema: ContactRefusal } } } } as const;

/**
 * The 409 refusal as problem+json. Typed `never` for the route handler: zod-openapi types only
 * application/json responses, and this one is declared (refusedResponse) as problem+json.
 */
export function refusalProblem(c: Context, r: { denials: EngineDenial[]; earliestAllowedAt: Date | null; denialId: string }): never {
  const list = serialiseDenials(r.denials);
  const body = {
    type: 'https://loandesk.example/problems/contact_refused', title: 'Contact refused', status: 409,
    detail: `Refused by contact compliance: ${list.map((d) => d.messageEn).join('; ')}`,
    detailZh: `合规检查未通过：${list.map((d) => d.messageZh).join('；')}`,
    code: 'contact_refused' as const, denials: list, earliestAllowedAt: r.earliestAllowedAt?.toISOString() ?? null, denialId: r.denialId,
  };
  return c.body(JSON.stringify(body), 409, { 'content-type': 'application/problem+json; charset=utf-8' }) as never;
}

export const MessageList = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(), channel: z.enum(MESSAGE_CHANNELS), purpose: z.enum(CONSENT_PURPOSES), status: z.enum(OUTBOX_STATUSES),
        recipient: z.string().describe('Masked unless the role may view personal data'), relationship: z.string(),
        language: z.enum(LANGUAGES), subject: z.string().nullable(), body: z.string(),
        templateKey: z.string().nullable(), templateVersion: z.number().int().nullable(),
        createdAt: z.string(), notBefore: z.string(), sentAt: z.string().nullable(), deliveredAt: z.string().nullable(), failedAt: z.string().nullable(),
        attempts: z.number().int(), lastError: z.string().nullable(), provider: z.string().nullable(), createdBy: z.string(),
      }),
    ),
  })
  .openapi('MessageList');

export const LogContactRequest = z
  .object({
    channel: z.enum(['phone', 'field-visit', 'video']),
    purpose: z.enum(CONSENT_PURPOSES),
    outcome: z.enum(['attempted', 'no-answer', 'connected', 'conversation', 'refused', 'wrong-number']),
    debtId: z.uuid().nullable().optional(),
    contactPointId: z.uuid().nullable().optional(),
    evidenceItemId: z.uuid().nullable().optional().describe('Required for a field visit: its recording / photos in the evidence store'),
    durationSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    agency: z.string().trim().max(200).nullable().optional().describe('Collection agency, when not the lender itself'),
    overrideId: z.uuid().nullable().optional().describe("A supervisor's override from POST /customers/{id}/contact-check"),
  })
  .openapi('LogContactRequest');

export const ContactLog = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(), occurredAt: z.string(), direction: z.enum(['outbound', 'inbound']), channel: z.string(), mode: z.string(), purpose: z.string(),
        outcome: z.enum(CONTACT_OUTCOMES), debtId: z.uuid().nullable(), contactPointId: z.uuid().nullable(), relationship: z.string(),
        agency: z.string().nullable(), actorId: z.string(), messageId: z.uuid().nullable(), evidenceItemId: z.uuid().nullable(),
        overrideId: z.uuid().nullable(), durationSeconds: z.number().int().nullable(), note: z.string().nullable(),
      }),
    ),
  })
  .openapi('ContactLog');

export const PortalMessages = z
  .object({
    items: z.array(z.object({ id: z.uuid(), subject: z.string().nullable(), body: z.string(), language: z.enum(LANGUAGES), receivedAt: z.string(), readAt: z.string().nullable() })),
  })
  .openapi('PortalMessages');
