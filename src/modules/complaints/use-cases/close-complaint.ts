import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { queueMessage } from '../../communications/index.ts';
import { closeContactHold } from '../../compliance/context/index.ts';
import { changeComplaint, hasOpenHold, surveyToken, type ChangeContext } from '../complaint-support.ts';
import { complaintSettings } from '../complaint-settings.ts';
import { satisfactionSurveys } from '../complaints.schema.ts';

/**
 * Closes a decided complaint: the collection contact hold ends, a satisfaction survey is left
 * pending with a single-use token, and the invitation is queued through the communications hub.
 */
export async function closeComplaint(deps: AppDeps, actor: Actor, input: { complaintId: string; note?: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['decided'], what: { zh: '结案', en: 'close it' } }, async (ctx) => {
    const c = ctx.complaint;
    await ctx.record('closed', { note: input.note ?? null });
    await ctx.update({ status: 'closed', closedAt: ctx.now });
    let holdsClosed: string[] = [];
    if (await hasOpenHold(ctx.exec, c.id)) {
      holdsClosed = (await closeContactHold(ctx.exec, { sourceType: 'complaint', sourceId: c.id, reason: `投诉 ${c.referenceNumber} 已结案`, actor, at: ctx.now, requestId: ctx.requestId })).closed;
    }
    const [survey] = await ctx.tx.insert(satisfactionSurveys).values({ complaintId: c.id, customerId: c.customerId, token: surveyToken(), createdAt: ctx.now }).returning();
    const surveyInvitation = await inviteToSurvey(deps, ctx, survey!);
    await ctx.timeline('complaint-closed', '已结案', 'closed');
    await ctx.audit('complaint.closed', { status: 'decided' }, { status: 'closed', contactHoldsClosed: holdsClosed, surveyId: survey!.id, surveyInvitation }, input.note ?? null);
    return { complaintId: c.id };
  });
}

type InvitationStatus = 'queued' | 'blocked' | 'not-sent';

/**
 * The survey invitation (complaint-survey-invitation, servicing purpose): an SMS with the link
 * /survey/<token> when the customer has a mobile, and a portal message as well. Both go through
 * queueMessage in the closing transaction, so the compliance engine checks them and they leave only
 * if the close commits. A refusal (opt-out, no consent) does not stop the close: the survey stays
 * answerable in the portal and the refusal is stored by the hub.
 */
async function inviteToSurvey(deps: AppDeps, ctx: ChangeContext, survey: typeof satisfactionSurveys.$inferSelect): Promise<Record<string, InvitationStatus>> {
  const c = ctx.complaint;
  if (!c.customerId) return {};
  const { rows: [customer] } = await ctx.exec.query<{ name: string; has_phone: boolean }>(
    `SELECT name, EXISTS (SELECT 1 FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone' AND p.relationship = 'self' AND p.marked_wrong_at IS NULL) AS has_phone
       FROM customers c WHERE c.id = $1`,
    [c.customerId],
  );
  const variables = { customerName: customer?.name ?? '', complaintReference: c.referenceNumber, surveyUrl: `${complaintSettings(deps).publicBaseUrl}/survey/${survey.token}` };
  const out: Record<string, InvitationStatus> = {};
  for (const channel of customer?.has_phone ? (['sms', 'portal'] as const) : (['portal'] as const)) {
    try {
      const r = await queueMessage(ctx.exec, {
        customerId: c.customerId, channel, purpose: 'servicing', templateKey: 'complaint-survey-invitation', variables,
        idempotencyKey: `complaint-survey:${survey.id}:${channel}`, actor: ctx.actor, requestId: ctx.requestId, at: ctx.now,
      });
      out[channel] = r.status;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      out[channel] = 'not-sent';
    }
  }
  return out;
}
