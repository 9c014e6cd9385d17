import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { changeComplaint } from '../complaint-support.ts';

/** 初步处理: the first substantive contact with the complainant (within the first-handling limit). */
export async function recordFirstHandling(deps: AppDeps, actor: Actor, input: { complaintId: string; note: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'reopened'], what: { zh: '记录初步处理', en: 'record first handling' } }, async (ctx) => {
    const before = { status: ctx.complaint.status };
    await ctx.record('first-handling', { note: input.note });
    await ctx.update({ status: 'in-progress' });
    await ctx.timeline('complaint-first-handled', '已初步处理', 'first handling recorded');
    await ctx.audit('complaint.first-handled', before, { status: 'in-progress', note: input.note });
    return { complaintId: ctx.complaint.id };
  });
}
