import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { changeComplaint } from '../complaint-support.ts';

/** The external appraisal is back: the clock runs again (the paused days are added to the period). */
export async function resumeComplaint(deps: AppDeps, actor: Actor, input: { complaintId: string; note?: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['paused'], what: { zh: '恢复计时', en: 'resume it' } }, async (ctx) => {
    await ctx.record('pause-end', { note: input.note ?? null });
    const extended = ctx.events.some((e) => e.type === 'extension');
    const status = extended ? 'extended' : 'in-progress';
    await ctx.update({ status });
    await ctx.timeline('complaint-resumed', '恢复计时', 'clock resumed');
    await ctx.audit('complaint.resumed', { status: 'paused' }, { status }, input.note ?? null);
    return { complaintId: ctx.complaint.id };
  });
}
