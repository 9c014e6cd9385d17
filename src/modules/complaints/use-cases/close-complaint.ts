import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { closeContactHold } from '../../compliance/context/index.ts';
import { changeComplaint, hasOpenHold, surveyToken } from '../complaint-support.ts';
import { satisfactionSurveys } from '../complaints.schema.ts';

/**
 * Closes a decided complaint: the collection contact hold ends, and a satisfaction survey is left
 * pending with a token (the survey itself is a later piece of work).
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
    const [survey] = await ctx.tx.insert(satisfactionSurveys).values({ complaintId: c.id, customerId: c.customerId, token: surveyToken(), createdAt: ctx.now }).returning({ id: satisfactionSurveys.id });
    await ctx.timeline('complaint-closed', '已结案', 'closed');
    await ctx.audit('complaint.closed', { status: 'decided' }, { status: 'closed', contactHoldsClosed: holdsClosed, surveyId: survey!.id }, input.note ?? null);
    return { complaintId: c.id };
  });
}
