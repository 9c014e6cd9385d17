import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { PauseReason } from '../rules/index.ts';
import { changeComplaint } from '../complaint-support.ts';

/** Stops the clock while an external body appraises, tests or evaluates (鉴定、检测、评估). */
export async function pauseComplaint(deps: AppDeps, actor: Actor, input: { complaintId: string; reason: PauseReason; note?: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress', 'extended', 'reopened'], what: { zh: '暂停计时', en: 'pause it' } }, async (ctx) => {
    const before = { status: ctx.complaint.status };
    await ctx.record('pause-start', { reason: input.reason, note: input.note ?? null });
    await ctx.update({ status: 'paused' });
    await ctx.timeline('complaint-paused', `因外部${input.reason}暂停计时`, `clock paused (${input.reason})`);
    await ctx.audit('complaint.paused', before, { status: 'paused', reason: input.reason }, input.note ?? null);
    return { complaintId: ctx.complaint.id };
  });
}
