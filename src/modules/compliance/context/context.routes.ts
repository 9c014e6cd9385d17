import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { staffRoute } from '../../../platform/auth/secure-route.ts';
import { getActor, getRequestId } from '../../../platform/auth/request-actor.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { conflictProblem, notFoundProblem, standardProblems, jsonResponse } from '../../../platform/http/problem-responses.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { CustomerIdParam } from '../../customers/customers.contract.ts';
import { checkContact } from './check-contact.ts';
import { getContactability } from './contactability.ts';
import { changeContactFlag } from './contact-holds.ts';
import { placeManualHold, releaseManualHold } from './manual-holds.ts';
import { listDenials } from './denials.ts';
import {
  ContactabilityQuery, Contactability, ContactCheckRequest, ContactCheckResult, ContactFlagChange, ContactHoldList, ContactHoldRelease, DenialList,
  HoldIdParams, ManualContactHold,
} from './context.contract.ts';

const tags = ['Contact compliance 联系合规'];
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const contactability = staffRoute('communications.read', {
  method: 'get', path: '/customers/{customerId}/contactability', tags,
  summary: 'Can we contact now, on which channel, and if not, when? 可联系性',
  request: { params: CustomerIdParam, query: ContactabilityQuery },
  responses: { 200: jsonResponse(Contactability, 'One decision per channel and own contact point'), ...notFoundProblem, ...standardProblems },
});

const denials = staffRoute('communications.read', {
  method: 'get', path: '/customers/{customerId}/compliance-denials', tags,
  summary: 'Contacts the compliance engine refused, newest first 合规拒绝记录',
  request: { params: CustomerIdParam },
  responses: { 200: jsonResponse(DenialList, 'Stored refusals'), ...notFoundProblem, ...standardProblems },
});

const check = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/contact-check', tags,
  summary: 'Check a proposed contact before making it (refusals are stored; supervisors may override) 联系前合规检查',
  request: { params: CustomerIdParam, body: body(ContactCheckRequest) },
  responses: { 200: jsonResponse(ContactCheckResult, 'The decision'), ...notFoundProblem, ...standardProblems },
});

const holds = staffRoute('communications.read', {
  method: 'get', path: '/customers/{customerId}/contact-holds', tags,
  summary: 'Contact pauses (open and closed) and care flags 联系暂停与关怀标记',
  request: { params: CustomerIdParam },
  responses: { 200: jsonResponse(ContactHoldList, 'Holds, newest first, and the flags set now'), ...notFoundProblem, ...standardProblems },
});

const flags = staffRoute('communications.send', {
  method: 'post', path: '/customers/{customerId}/contact-flags', tags,
  summary: 'Set or clear a hardship, bereavement or vulnerability flag 设置/解除关怀标记',
  request: { params: CustomerIdParam, body: body(ContactFlagChange) },
  responses: { 201: jsonResponse(z.object({ flagId: z.uuid() }), 'Recorded'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

// Placing and lifting a pause is the supervisor's compliance authority, like an override.
const placeHold = staffRoute('compliance.override', {
  method: 'post', path: '/customers/{customerId}/contact-holds', tags,
  summary: 'Pause collection contact for a dispute or a legal hold 暂停催收联系（争议/法律程序）',
  request: { params: CustomerIdParam, body: body(ManualContactHold) },
  responses: { 201: jsonResponse(z.object({ holdId: z.uuid() }), 'The pause is in force'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

const releaseHold = staffRoute('compliance.override', {
  method: 'post', path: '/customers/{customerId}/contact-holds/{holdId}/release', tags,
  summary: 'Lift a dispute or legal hold (complaint and fraud pauses end with their case) 解除联系暂停',
  request: { params: HoldIdParams, body: body(ContactHoldRelease) },
  responses: { 200: jsonResponse(z.object({ closed: z.array(z.uuid()) }), 'Lifted'), ...notFoundProblem, ...conflictProblem, ...standardProblems },
});

export function contactComplianceRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(contactability, async (c) => {
      const result = await getContactability(deps, getActor(c), c.req.valid('param').customerId, c.req.valid('query').purpose);
      return c.json(result, 200);
    })
    .openapi(denials, async (c) => {
      const { customerId } = c.req.valid('param');
      await assertCustomerVisible(deps.database.db, getActor(c), customerId);
      return c.json({ items: await listDenials(deps.database.sql, customerId) }, 200);
    })
    .openapi(check, async (c) => {
      const result = await checkContact(deps, getActor(c), c.req.valid('param').customerId, { ...c.req.valid('json'), requestId: getRequestId(c) });
      return c.json(result, 200);
    })
    .openapi(holds, async (c) => {
      const { customerId } = c.req.valid('param');
      await assertCustomerVisible(deps.database.db, getActor(c), customerId);
      const exec = deps.database.sql;
      const [h, f] = await Promise.all([
        exec.query<{ id: string; type: string; debt_id: string | null; opened_at: Date; closed_at: Date | null; source_type: string; source_id: string; reason: string }>(
          `SELECT id, type, debt_id, opened_at, closed_at, source_type, source_id, reason FROM contact_holds WHERE customer_id = $1 ORDER BY opened_at DESC`,
          [customerId],
        ),
        exec.query<{ flag: 'hardship' | 'bereavement' | 'vulnerable'; set_at: Date; reason: string }>(
          `SELECT flag, set_at, reason FROM customer_contact_flags WHERE customer_id = $1 AND cleared_at IS NULL ORDER BY set_at`,
          [customerId],
        ),
      ]);
      const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
      return c.json({
        items: h.rows.map((r) => ({
          id: r.id, type: r.type, debtId: r.debt_id, openedAt: iso(r.opened_at)!, closedAt: iso(r.closed_at), sourceType: r.source_type, sourceId: r.source_id, reason: r.reason,
        })),
        flags: f.rows.map((r) => ({ flag: r.flag, setAt: iso(r.set_at)!, reason: r.reason })),
      }, 200);
    })
    .openapi(flags, async (c) => {
      const { customerId } = c.req.valid('param');
      const actor = getActor(c);
      await assertCustomerVisible(deps.database.db, actor, customerId);
      const input = c.req.valid('json');
      const result = await deps.database.transaction((exec) =>
        changeContactFlag(exec, { ...input, customerId, actor, at: deps.now(), requestId: getRequestId(c) }),
      );
      return c.json(result, 201);
    })
    .openapi(placeHold, async (c) => {
      const { customerId } = c.req.valid('param');
      const actor = getActor(c);
      await assertCustomerVisible(deps.database.db, actor, customerId);
      const result = await placeManualHold(deps.database, { ...c.req.valid('json'), customerId, actor, at: deps.now(), requestId: getRequestId(c) });
      return c.json(result, 201);
    })
    .openapi(releaseHold, async (c) => {
      const { customerId, holdId } = c.req.valid('param');
      const actor = getActor(c);
      await assertCustomerVisible(deps.database.db, actor, customerId);
      const result = await releaseManualHold(deps.database, { customerId, holdId, reason: c.req.valid('json').reason, actor, at: deps.now(), requestId: getRequestId(c) });
      return c.json(result, 200);
    });
}
