import { z } from '@hono/zod-openapi';
import { CONSENT_PURPOSES, CONTACT_CHANNELS } from '../../customers/customers.schema.ts';
import { CONTACT_FLAGS, DENIAL_SOURCES } from './context.schema.ts';

export const Denial = z
  .object({
    rule: z.string().describe('Rule code, e.g. contact-hours, opted-out, paused-complaint, wording'),
    messageZh: z.string(),
    messageEn: z.string(),
    source: z.string().describe('The regulation or policy the rule comes from'),
    allowedFrom: z.string().nullable().describe('When this rule alone would next allow the contact; null = not until something changes'),
    phrases: z.array(z.string()).optional().describe('Offending phrases (wording rule)'),
    overridable: z.boolean(),
  })
  .openapi('ComplianceDenial');

export const ContactabilityQuery = z.object({
  purpose: z.enum(CONSENT_PURPOSES).default('collections').describe('Why we would contact: collections (default), servicing, follow-up-visit, marketing'),
});

export const Contactability = z
  .object({
    at: z.string(),
    purpose: z.enum(CONSENT_PURPOSES),
    profile: z.string().describe('Jurisdiction profile of the customer\'s branch (cn-mainland, us-reg-f)'),
    timeZones: z.array(z.string()).describe('Every zone the customer may be in (record + phone area code)'),
    contactableNow: z.boolean(),
    nextAllowedAt: z.string().nullable(),
    channels: z.array(
      z.object({
        channel: z.enum(CONTACT_CHANNELS),
        contactPointId: z.uuid().nullable(),
        value: z.string().nullable().describe('The contact point, masked unless the role may view personal data'),
        allowedNow: z.boolean(),
        denials: z.array(Denial),
        earliestAllowedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('Contactability');

export const ContactCheckRequest = z
  .object({
    channel: z.enum(CONTACT_CHANNELS),
    purpose: z.enum(CONSENT_PURPOSES),
    mode: z.enum(['automated', 'human']).optional().describe('Default: human for phone, video and field visits; automated otherwise'),
    debtId: z.uuid().nullable().optional().describe('The loan the contact is about'),
    contactPointId: z.uuid().nullable().optional().describe('Default: the primary own contact point for the channel'),
    override: z
      .object({
        reason: z.string().trim().min(10, 'Give a reason of at least 10 characters / 请填写至少 10 个字的理由').max(1000),
        validMinutes: z.number().int().min(5).max(480).optional(),
      })
      .optional()
      .describe('Supervisor only (compliance.override): lift the overridable rules, with a reason; audited'),
  })
  .openapi('ContactCheckRequest');

export const ContactCheckResult = z
  .object({
    allowed: z.boolean(),
    at: z.string(),
    overridden: z.array(z.string()).optional(),
    override: z.object({ id: z.uuid(), validUntil: z.string() }).nullable().optional().describe('Cite override.id when logging the contact'),
    denials: z.array(Denial).optional(),
    earliestAllowedAt: z.string().nullable().optional(),
    denialId: z.uuid().optional(),
  })
  .openapi('ContactCheckResult');

export const DenialList = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        at: z.string(),
        actorId: z.string(),
        source: z.enum(DENIAL_SOURCES),
        proposal: z.record(z.string(), z.unknown()),
        denials: z.array(Denial),
        earliestAllowedAt: z.string().nullable(),
        messageId: z.uuid().nullable(),
      }),
    ),
  })
  .openapi('ComplianceDenialList');

export const ContactFlagChange = z
  .object({
    flag: z.enum(CONTACT_FLAGS),
    action: z.enum(['set', 'clear']),
    reason: z.string().trim().min(5, 'Give a reason of at least 5 characters / 请填写至少 5 个字的理由').max(1000),
  })
  .openapi('ContactFlagChange');

const holdReason = z.string().trim().min(5, 'Give a reason of at least 5 characters / 请填写至少 5 个字的理由').max(1000);

export const ManualContactHold = z
  .object({
    type: z.enum(['dispute', 'legal-hold']).describe('dispute: the borrower disputes the debt; legal-hold: court order, insolvency stay or litigation'),
    loanId: z.uuid().nullable().optional().describe('Pause contact about this loan only; missing or null = every debt of the customer'),
    reference: z.string().trim().min(1).max(100).optional().describe('Dispute number or court case number (one open hold per reference)'),
    reason: holdReason,
  })
  .openapi('ManualContactHold');

export const ContactHoldRelease = z.object({ reason: holdReason }).openapi('ContactHoldRelease');

export const HoldIdParams = z.object({
  customerId: z.uuid().openapi({ param: { name: 'customerId', in: 'path' }, description: 'Customer id (UUID)' }),
  holdId: z.uuid().openapi({ param: { name: 'holdId', in: 'path' }, description: 'Contact hold id (UUID)' }),
});

export const ContactHoldList = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(), type: z.string(), debtId: z.uuid().nullable(), openedAt: z.string(), closedAt: z.string().nullable(),
        sourceType: z.string(), sourceId: z.string(), reason: z.string(),
      }),
    ),
    flags: z.array(z.object({ flag: z.enum(CONTACT_FLAGS), setAt: z.string(), reason: z.string() })),
  })
  .openapi('ContactHoldsAndFlags');
