import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { changeComplaint } from '../complaint-support.ts';

/**
 * The complainant disagrees with the decision and asks for a review (复核) — within 30 days of the
 * decision (the clock refuses it afterwards). The complaint is reopened for the review.
 */
export async function requestReview(deps: AppDeps, actor: Actor, input: { complaintId: string; reason: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['decided', 'closed'], what: { zh: '申请复核', en: 'request a review' } }, async (ctx) => {
    const before = { status: ctx.complaint.status };
    await ctx.record('review-requested', { reason: input.reason });
    await ctx.update({ status: 'reopened', closedAt: null });
    await ctx.timeline('complaint-review-requested', '投诉人申请复核', 'the complainant asked for a review');
    await ctx.audit('complaint.review-requested', before, { status: 'reopened' }, input.reason);
    return { complaintId: ctx.complaint.id };
  });
}
