import { timingSafeEqual } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { authProblems, standardProblems, jsonResponse } from '../../../platform/http/problem-responses.ts';
import { handleDeliveryStatus, handleInboundSms } from './inbound-sms.ts';

export const SMS_SECRET_HEADER = 'x-loandesk-sms-secret';
const tags = ['Communications 沟通'];
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const security = { 'x-auth': `shared secret in the ${SMS_SECRET_HEADER} header (SMS_CALLBACK_SECRET)` };

const status = createRoute({
  method: 'post', path: '/communications/sms/status', tags, ...security,
  summary: "SMS provider's delivery report (shared-secret header) 短信送达回执",
  request: {
    body: body(z.object({
      reference: z.uuid().describe('Our outbox id, sent as the client reference'),
      status: z.enum(['delivered', 'failed']),
      error: z.string().max(500).nullable().optional(),
      at: z.iso.datetime({ offset: true }).optional(),
    })),
  },
  responses: { 200: jsonResponse(z.object({ updated: z.boolean() }), 'Recorded'), ...authProblems, ...standardProblems },
});

const inbound = createRoute({
  method: 'post', path: '/communications/sms/inbound', tags, ...security,
  summary: 'An SMS from a customer (replies; TD / 退订 / STOP opts out at once) 短信上行',
  request: {
    body: body(z.object({
      from: z.string().min(3).max(32),
      text: z.string().max(2000),
      receivedAt: z.iso.datetime({ offset: true }).optional(),
      providerMessageId: z.string().max(200).nullable().optional(),
    })),
  },
  responses: { 200: jsonResponse(z.object({ matched: z.number().int(), optedOut: z.boolean() }), 'Handled'), ...authProblems, ...standardProblems },
});

/**
 * Public routes for the SMS provider, authenticated by a shared secret instead of a session
 * (providers cannot sign in). Without SMS_CALLBACK_SECRET configured they refuse everything.
 */
export function smsCallbackRoutes(deps: AppDeps) {
  // Checked before the body is even validated: a caller without the secret learns nothing.
  const check: MiddlewareHandler = async (c, next) => {
    const expected = deps.config.communications.smsCallbackSecret;
    const given = Buffer.from(c.req.header(SMS_SECRET_HEADER) ?? '');
    const ok = expected !== undefined && given.length === Buffer.byteLength(expected) && timingSafeEqual(given, Buffer.from(expected));
    if (!ok) throw new DomainError('unauthenticated', { zh: '回调密钥无效', en: 'Missing or wrong callback secret' });
    await next();
  };
  const router = createRouter();
  router.use('/communications/sms/*', check);
  return router
    .openapi(status, async (c) => {
      const input = c.req.valid('json');
      return c.json(await handleDeliveryStatus(deps, { ...input, at: input.at ? new Date(input.at) : undefined }), 200);
    })
    .openapi(inbound, async (c) => {
      const input = c.req.valid('json');
      return c.json(await handleInboundSms(deps, { ...input, receivedAt: input.receivedAt ? new Date(input.receivedAt) : undefined }), 200);
    });
}
