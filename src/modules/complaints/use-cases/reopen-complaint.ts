import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { openContactHold } from '../../compliance/context/index.ts';
import { changeComplaint } from '../complaint-support.ts';

/** Reopens a closed complaint (a collection-conduct one pauses collection contact again). */
export async function reopenComplaint(deps: AppDeps, actor: Actor, input: { complaintId: string; reason: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['closed'], what: { zh: '重新打开', en: 'reopen it' } }, async (ctx) => {
    const c = ctx.complaint;
    if (c.mergedIntoId) {
      throw new DomainError('conflict', { zh: '已合并的重复投诉不能重新打开', en: 'A merged repeat complaint cannot be reopened; reopen the original' });
    }
    await ctx.record('reopened', { reason: input.reason });
    await ctx.update({ status: 'reopened', closedAt: null });
    if (c.customerId && c.category === 'collection-conduct') {
      await openContactHold(ctx.exec, {
        customerId: c.customerId, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId: c.id,
        reason: `催收行为投诉 ${c.referenceNumber} 重新打开`, actor, at: ctx.now, requestId: ctx.requestId,
      });
    }
    await ctx.timeline('complaint-reopened', '重新打开', 'reopened');
    await ctx.audit('complaint.reopened', { status: 'closed' }, { status: 'reopened' }, input.reason);
    return { complaintId: c.id };
  });
}
