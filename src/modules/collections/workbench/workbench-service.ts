/**
 * The agent workbench: the prioritised queue of a signed-in agent (open cases of the customers in
 * their data scope) and logging what came of a call, each outcome in one transaction with the
 * contact log, the audit row and a timeline entry.
 */
import { and, eq } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';
import { customers } from '../../customers/customers.schema.ts';
import { customerScope } from '../../customers/customer-scope.ts';
import { loans } from '../../loans/loans.schema.ts';
import { evaluateContact, type Denial } from '../../compliance/context/engine-port.ts';
import { loadContactContext } from '../../compliance/context/load-contact-context.ts';
import { buildProposal, resolveRecipient } from '../../compliance/context/proposals.ts';
import { proposalSummary, serialiseDenials, storeDenial } from '../../compliance/context/denials.ts';
import { changeContactFlag, openContactHold } from '../../compliance/context/contact-holds.ts';
import { insertContactAttempt } from '../../communications/contact-log/record-contact.ts';
import { recordPromiseToPay } from '../cases/promises.ts';
import { collectionCases } from '../cases/cases.schema.ts';
import { timeline, visibleCase } from '../agreements/agreement-service.ts';
import { HARDSHIP_REASONS, OUTCOME_KINDS, type OutcomeKind } from './workbench.schema.ts';

/** A simple cure likelihood by bucket (share of the overdue amount expected back): the earlier, the likelier. */
export const CURE_LIKELIHOOD: Record<string, number> = { M1: 0.6, M2: 0.35, M3: 0.2, M4: 0.12, M5: 0.1, M6: 0.08, 'M7+': 0.03 };
/** Riskier borrowers are worked sooner (the amount at stake grows faster). */
export const RISK_WEIGHT: Record<string, number> = { high: 1.5, medium: 1, low: 0.8 };

type QueueRow = {
  case_id: string; customer_id: string; customer_name: string; risk_tier: string; loan_id: string; loan_number: string; dpd: number; bucket: string;
  willingness: string; overdue_fen: string; last_contact_at: Date | null; last_contact_outcome: string | null; promise_due_today: string | null;
  callback_at: Date | null; next_action: string | null;
};

export async function loadQueue(deps: AppDeps, actor: Actor) {
  const now = deps.now();
  const asOf = todayInZone(now, deps.config.defaultTimeZone);
  const visible = await deps.database.db
    .select({ id: collectionCases.id })
    .from(collectionCases)
    .innerJoin(customers, eq(customers.id, collectionCases.customerId))
    .innerJoin(loans, eq(loans.id, collectionCases.loanId))
    .where(and(eq(collectionCases.status, 'open'), customerScope(actor)));
  if (visible.length === 0) return { asOf, items: [] };
  const { rows } = await deps.database.sql.query<QueueRow>(
    `SELECT c.id AS case_id, c.customer_id, cu.name AS customer_name, cu.risk_tier, c.loan_id, l.loan_number, c.dpd, c.bucket, c.willingness,
            (SELECT coalesce(sum((i.principal_fen + i.interest_fen + i.fee_fen) - (i.paid_principal_fen + i.paid_interest_fen + i.paid_fee_fen)), 0)
               FROM instalments i WHERE i.loan_id = c.loan_id AND i.due_date < $2::date) AS overdue_fen,
            lc.occurred_at AS last_contact_at, lc.outcome AS last_contact_outcome,
            (SELECT p.id::text FROM promises_to_pay p WHERE p.case_id = c.id AND p.status = 'open' AND p.due_on = $2::date LIMIT 1) AS promise_due_today,
            (SELECT o.callback_at FROM collection_outcomes o WHERE o.case_id = c.id ORDER BY o.recorded_at DESC LIMIT 1) AS callback_at,
            (SELECT a.kind FROM collection_actions a WHERE a.case_id = c.id AND a.status IN ('planned', 'proposed-awaiting-approval') ORDER BY a.as_of DESC LIMIT 1) AS next_action
       FROM collection_cases c
       JOIN customers cu ON cu.id = c.customer_id
       JOIN loans l ON l.id = c.loan_id
       LEFT JOIN LATERAL (SELECT occurred_at, outcome FROM contact_attempts ca WHERE ca.customer_id = c.customer_id ORDER BY occurred_at DESC LIMIT 1) lc ON true
      WHERE c.id = ANY($1::uuid[])`,
    [visible.map((v) => v.id), asOf],
  );
  const items = [];
  for (const r of rows) {
    const overdueFen = Number(r.overdue_fen);
    const cure = CURE_LIKELIHOOD[r.bucket] ?? 0.05;
    const expectedRecoveryFen = Math.round(overdueFen * cure);
    const callbackDue = r.callback_at !== null && new Date(r.callback_at).getTime() <= now.getTime();
    const promiseDueToday = r.promise_due_today !== null;
    const score = Math.round(expectedRecoveryFen * (RISK_WEIGHT[r.risk_tier] ?? 1));
    const reasons: string[] = [];
    if (promiseDueToday) reasons.push('promise-due-today');
    if (callbackDue) reasons.push('callback-due');
    reasons.push(`expected-recovery ${expectedRecoveryFen} fen (${overdueFen} × ${cure})`, `risk ${r.risk_tier}`);
    items.push({
      caseId: r.case_id,
      customer: { id: r.customer_id, name: r.customer_name, riskTier: r.risk_tier },
      loan: { id: r.loan_id, loanNumber: r.loan_number },
      dpd: Number(r.dpd), bucket: r.bucket, overdueFen, willingness: r.willingness,
      lastContact: r.last_contact_at ? { at: new Date(r.last_contact_at).toISOString(), outcome: r.last_contact_outcome } : null,
      nextAction: promiseDueToday ? 'promise-follow-up' : callbackDue ? 'callback' : (r.next_action ?? 'agent-call-task'),
      promiseDueToday, callbackDue, callbackAt: r.callback_at ? new Date(r.callback_at).toISOString() : null,
      priority: { tier: promiseDueToday ? 2 : callbackDue ? 1 : 0, score, expectedRecoveryFen, cureLikelihood: cure, reasons },
      callNow: await phoneCheck(deps.database.sql, r.customer_id, r.loan_id, now),
    });
  }
  items.sort((a, b) => b.priority.tier - a.priority.tier || b.priority.score - a.priority.score || b.dpd - a.dpd || a.caseId.localeCompare(b.caseId));
  return { asOf, items: items.map((item, i) => ({ rank: i + 1, ...item })) };
}

/** The compliance engine's answer for an agent phone call to the borrower's own number right now. */
export async function phoneCheck(exec: SqlExecutor, customerId: string, loanId: string, at: Date) {
  let recipient;
  try {
    recipient = await resolveRecipient(exec, customerId, 'phone');
  } catch (err) {
    if (err instanceof DomainError) return { allowed: false, denials: [{ rule: 'no-contact-point', messageZh: err.userMessage.zh, messageEn: err.userMessage.en }], earliestAllowedAt: null };
    throw err;
  }
  const { context, policy } = await loadContactContext(exec, customerId, at);
  const decision = evaluateContact(buildProposal({ at, channel: 'phone', purpose: 'collections', mode: 'human', debtId: loanId, recipient }), context, policy);
  if (decision.allowed) return { allowed: true, denials: [], earliestAllowedAt: null };
  return {
    allowed: false,
    denials: serialiseDenials(decision.denials).map((d) => ({ rule: d.rule, messageZh: d.messageZh, messageEn: d.messageEn })),
    earliestAllowedAt: decision.earliestAllowedAt?.toISOString() ?? null,
  };
}

export const OutcomeRequest = z
  .object({
    outcome: z.enum(OUTCOME_KINDS),
    contactPointId: z.uuid().optional(),
    willingness: z.enum(['willing-but-unable', 'unwilling']).optional(),
    promise: z.object({ dueOn: z.iso.date(), amountFen: z.number().int().positive() }).optional(),
    hardshipReason: z.enum(HARDSHIP_REASONS).optional(),
    disputeReason: z.string().trim().min(1).max(1000).optional(),
    note: z.string().trim().max(2000).optional(),
    callbackAt: z.iso.datetime({ offset: true }).optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'promise-to-pay' && !v.promise) ctx.addIssue({ code: 'custom', path: ['promise'], message: 'a promise to pay needs dueOn and amountFen / 承诺还款须填写 dueOn 和 amountFen' });
    if (v.outcome === 'hardship' && !v.hardshipReason) ctx.addIssue({ code: 'custom', path: ['hardshipReason'], message: 'hardship needs a reason / 经济困难须填写原因' });
  })
  .openapi('CollectionOutcomeRequest');
export type OutcomeRequest = z.infer<typeof OutcomeRequest>;

const CONTACT_OUTCOME: Record<OutcomeKind, 'conversation' | 'no-answer' | 'wrong-number' | 'refused'> = {
  reached: 'conversation', 'no-answer': 'no-answer', 'wrong-number': 'wrong-number', refused: 'refused',
  'promise-to-pay': 'conversation', dispute: 'conversation', hardship: 'conversation',
};
const OUTCOME_ZH: Record<OutcomeKind, string> = {
  reached: '已接通', 'no-answer': '无人接听', 'wrong-number': '号码错误', refused: '拒绝沟通', 'promise-to-pay': '承诺还款', dispute: '提出异议', hardship: '经济困难',
};
const HARDSHIP_ZH: Record<string, string> = { 'income-loss': '收入中断', illness: '疾病', 'business-failure': '经营失败', other: '其他' };

export type LogOutcomeResult =
  | { logged: true; outcomeId: string; contactId: string; promiseId: string | null; holdId: string | null; hardshipFlagSet: boolean }
  | { logged: false; denials: Denial[]; earliestAllowedAt: Date | null; denialId: string };

/**
 * Logs a call on a case. The call is judged by the compliance engine first (as the contact log
 * does): a call it refuses is not logged as made — the refusal is stored and nothing else changes.
 */
export async function logOutcome(deps: AppDeps, actor: Actor, caseId: string, input: OutcomeRequest, requestId: string | null): Promise<LogOutcomeResult> {
  const c = await visibleCase(deps, actor, caseId);
  if (c.status !== 'open') throw new DomainError('conflict', { zh: '案件已结案', en: 'The case is closed' });
  const at = deps.now();
  const asOf = todayInZone(at, deps.config.defaultTimeZone);
  if (input.promise && input.promise.dueOn < asOf) {
    throw new DomainError('validation', { zh: '承诺还款日期不能早于今天', en: 'The promised date cannot be in the past' }, [{ field: 'promise.dueOn', message: 'before today / 不能早于今天' }]);
  }
  return deps.database.transaction(async (exec) => {
    const recipient = await resolveRecipient(exec, c.customer_id, 'phone', input.contactPointId);
    const { context, policy } = await loadContactContext(exec, c.customer_id, at);
    const proposal = buildProposal({ at, channel: 'phone', purpose: 'collections', mode: 'human', debtId: c.loan_id, recipient });
    const decision = evaluateContact(proposal, context, policy);
    if (!decision.allowed) {
      const { denialId } = await storeDenial(exec, { customerId: c.customer_id, at, actor, source: 'contact-log', proposal: proposalSummary(proposal), decision, requestId });
      return { logged: false as const, denials: decision.denials, earliestAllowedAt: decision.earliestAllowedAt, denialId };
    }
    const contactId = await insertContactAttempt(exec, {
      customerId: c.customer_id, occurredAt: at, direction: 'outbound', channel: 'phone', mode: 'human', purpose: 'collections', debtId: c.loan_id,
      contactPointId: recipient.contactPointId, relationship: recipient.relationship, outcome: CONTACT_OUTCOME[input.outcome], actorId: actorId(actor),
      durationSeconds: input.durationSeconds ?? null, note: input.note ?? null,
    });
    let promiseId: string | null = null;
    let holdId: string | null = null;
    let hardshipFlagSet = false;
    if (input.outcome === 'wrong-number' && recipient.contactPointId) {
      await exec.query(`UPDATE contact_points SET marked_wrong_at = $2::timestamptz, marked_wrong_reason = $3 WHERE id = $1 AND marked_wrong_at IS NULL`, [
        recipient.contactPointId, at.toISOString(), '催收来电：号码错误 / collections call: wrong number',
      ]);
      await recordAudit(exec, { actor, action: 'contact-point.marked-wrong', entityType: 'contact-point', entityId: recipient.contactPointId, after: { customerId: c.customer_id, source: 'collections-call', caseId }, requestId }, at);
    }
    if (input.outcome === 'promise-to-pay' && input.promise) {
      promiseId = (await recordPromiseToPay(exec, { caseId, promisedOn: asOf, dueOn: input.promise.dueOn, amountFen: input.promise.amountFen, actor, at })).id;
    }
    if (input.outcome === 'dispute') {
      holdId = (await openContactHold(exec, {
        customerId: c.customer_id, debtId: c.loan_id, type: 'dispute', sourceType: 'collection-case', sourceId: caseId,
        reason: input.disputeReason ?? input.note ?? '客户在催收来电中提出异议 / dispute raised on a collections call', actor, at, requestId,
      })).holdId;
    }
    if (input.outcome === 'hardship' && input.hardshipReason) {
      const { rows } = await exec.query(`SELECT 1 FROM customer_contact_flags WHERE customer_id = $1 AND flag = 'hardship' AND cleared_at IS NULL`, [c.customer_id]);
      if (rows.length === 0) {
        await changeContactFlag(exec, {
          customerId: c.customer_id, flag: 'hardship', action: 'set', actor, at, requestId,
          reason: `${HARDSHIP_ZH[input.hardshipReason]} / ${input.hardshipReason}${input.note ? `：${input.note}` : ''}`,
        });
        hardshipFlagSet = true;
      }
    }
    const willingness = input.willingness ?? (input.outcome === 'hardship' ? 'willing-but-unable' : undefined);
    if (willingness) await exec.query(`UPDATE collection_cases SET willingness = $2 WHERE id = $1`, [caseId, willingness]);
    // The open agent task (if any) learns whether the borrower responded.
    await exec.query(
      `UPDATE collection_actions SET outcome = $2 WHERE id = (SELECT id FROM collection_actions WHERE case_id = $1 AND kind IN ('agent-call-task', 'hardship-review-task') AND outcome = 'pending' ORDER BY as_of DESC LIMIT 1)`,
      [caseId, input.outcome === 'no-answer' || input.outcome === 'wrong-number' ? 'no-response' : 'responded'],
    );
    const { rows: [row] } = await exec.query<{ id: string }>(
      `INSERT INTO collection_outcomes (case_id, customer_id, outcome, willingness, hardship_reason, note, callback_at, contact_attempt_id, promise_id, hold_id, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10, $11, $12::timestamptz) RETURNING id`,
      [caseId, c.customer_id, input.outcome, willingness ?? null, input.hardshipReason ?? null, input.note ?? null, input.callbackAt ?? null, contactId, promiseId, holdId, actorId(actor), at.toISOString()],
    );
    const extra = input.outcome === 'promise-to-pay' && input.promise ? `：${input.promise.dueOn} 前还款 ¥${(input.promise.amountFen / 100).toFixed(2)}`
      : input.outcome === 'hardship' && input.hardshipReason ? `：${HARDSHIP_ZH[input.hardshipReason]}` : '';
    await timeline(exec, c.customer_id, at, 'collection-outcome', row!.id, `催收电话（${OUTCOME_ZH[input.outcome]}）${extra}`, `Collections call: ${input.outcome}`, {
      caseId, contactId, willingness: willingness ?? null, promiseId, holdId, hardshipReason: input.hardshipReason ?? null,
    });
    await recordAudit(exec, {
      actor, action: 'collections.outcome.logged', entityType: 'collection-case', entityId: caseId, requestId,
      after: { outcomeId: row!.id, outcome: input.outcome, contactId, willingness: willingness ?? null, hardshipReason: input.hardshipReason ?? null, promiseId, holdId, callbackAt: input.callbackAt ?? null },
    }, at);
    return { logged: true as const, outcomeId: row!.id, contactId, promiseId, holdId, hardshipFlagSet };
  });
}
