import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { changeComplaint } from '../complaint-support.ts';

/** New facts or reasons on an undecided complaint: the decision clock restarts from now. */
export async function recordNewFacts(deps: AppDeps, actor: Actor, input: { complaintId: string; facts: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress', 'extended', 'reopened'], what: { zh: '记录新事实', en: 'record new facts' } }, async (ctx) => {
    const before = { status: ctx.complaint.status };
    await ctx.record('new-facts', { facts: input.facts });
    await ctx.update({ status: 'in-progress' });
    await ctx.timeline('complaint-new-facts', '收到新的事实或理由，处理时限重新起算', 'new facts received; the decision clock restarts');
    await ctx.audit('complaint.new-facts', before, { status: 'in-progress', facts: input.facts });
    return { complaintId: ctx.complaint.id };
  });
}
