import { z } from '@hono/zod-openapi';
import { CONTACT_KINDS, CONTACT_RELATIONSHIPS, CONTACT_SOURCES } from '../customers.schema.ts';

/** Where a staff member learned a number: 'portal' is the borrower's own self-service, never staff-entered. */
export const STAFF_CONTACT_SOURCES = ['customer', 'agent', 'field-visit', 'public-record', 'third-party-lookup', 'core-banking'] as const satisfies ReadonlyArray<(typeof CONTACT_SOURCES)[number]>;

export const AddContactPointRequest = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    value: z.string().trim().min(1).max(500).describe('Phone (any common format, stored as E.164), e-mail or postal address'),
    relationship: z.enum(CONTACT_RELATIONSHIPS).default('self'),
    thirdPartyName: z.string().trim().min(1).max(100).optional().describe('Required for a third party (emergency contact, relative…)'),
    label: z.string().trim().max(100).optional(),
    source: z
      .enum(STAFF_CONTACT_SOURCES)
      .describe('customer = given by the borrower (e.g. on a call); agent = found by the agent; field-visit; public-record; third-party-lookup; core-banking'),
    sourceNote: z.string().trim().max(500).optional().describe('How it was learned, e.g. "borrower gave it on the 26 Nov call"'),
    verified: z.boolean().default(false).describe('True when the borrower confirmed it is theirs just now'),
  })
  .superRefine((v, ctx) => {
    if (v.relationship !== 'self' && !v.thirdPartyName) ctx.addIssue({ code: 'custom', path: ['thirdPartyName'], message: 'a third party must be named / 第三方联系人须填写姓名' });
  })
  .openapi('AddContactPointRequest');
export type AddContactPointRequest = z.infer<typeof AddContactPointRequest>;

export const MarkContactPointWrongRequest = z
  .object({ reason: z.string().trim().min(1).max(500).describe('Why it is wrong: not the borrower, disconnected, refused as wrong number…') })
  .openapi('MarkContactPointWrongRequest');

export const ContactPointParams = z.object({ customerId: z.uuid(), contactPointId: z.uuid() });
