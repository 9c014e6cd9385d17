import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { changeComplaint } from '../complaint-support.ts';

/**
 * Extends the decision period by `days` (the clock rules: 15 → 30 days by the handler, beyond 30 and
 * up to 60 only with `approvedBy`, a senior manager's approval; otherwise refused).
 */
export async function extendComplaint(
  deps: AppDeps,
  actor: Actor,
  input: { complaintId: string; days: number; approvedBy?: string | null; reason: string; requestId?: string | null },
) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'reopened'], what: { zh: '延长处理期限', en: 'extend it' } }, async (ctx) => {
    const before = { status: ctx.complaint.status };
    await ctx.record('extension', { days: input.days, approvedBy: input.approvedBy ?? null, reason: input.reason });
    const status = ctx.complaint.status === 'paused' ? 'paused' : 'extended';
    await ctx.update({ status });
    await ctx.timeline('complaint-extended', `处理期限延长 ${input.days} 日${input.approvedBy ? `（审批人 ${input.approvedBy}）` : ''}`, `decision period extended by ${input.days} days${input.approvedBy ? ` (approved by ${input.approvedBy})` : ''}`);
    await ctx.audit('complaint.extended', before, { status, days: input.days, approvedBy: input.approvedBy ?? null }, input.reason);
    return { complaintId: ctx.complaint.id };
  });
}
