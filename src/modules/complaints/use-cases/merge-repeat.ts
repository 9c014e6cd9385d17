import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { closeContactHold } from '../../compliance/context/index.ts';
import { addTimeline, appendEvent, assertClockAccepts, changeComplaint, complaintScope, hasOpenHold, loadEvents } from '../complaint-support.ts';
import { complaints } from '../complaints.schema.ts';

/**
 * The same complaint again with no new facts or reasons (重复投诉): the repeat is merged into the
 * original (no new clock — the original's counts the repeat) and closed. Any contact hold the repeat
 * opened ends; the original's stays.
 */
export async function mergeRepeat(deps: AppDeps, actor: Actor, input: { complaintId: string; intoComplaintId: string; note?: string; requestId?: string | null }) {
  if (input.complaintId === input.intoComplaintId) {
    throw new DomainError('validation', { zh: '不能合并到自身', en: 'A complaint cannot be merged into itself' }, [{ field: 'json.intoComplaintId', message: 'same complaint / 不能合并到投诉本身' }]);
  }
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress'], what: { zh: '合并为重复投诉', en: 'merge it as a repeat' } }, async (ctx) => {
    const repeat = ctx.complaint;
    const [original] = await ctx.tx.select().from(complaints).where(and(eq(complaints.id, input.intoComplaintId), complaintScope(actor))).for('update');
    if (!original) throw notFound({ zh: '原投诉', en: 'Original complaint' });
    if (original.customerId !== repeat.customerId) {
      throw new DomainError('validation', { zh: '只能合并同一客户的投诉', en: 'Only a complaint of the same customer can be merged' }, [{ field: 'json.intoComplaintId', message: 'another customer / 属于其他客户' }]);
    }
    if (original.mergedIntoId || original.status === 'closed') {
      throw new DomainError('conflict', { zh: '原投诉已结案或已被合并', en: 'The original complaint is closed or itself merged' });
    }
    const originalEvents = await loadEvents(ctx.tx, original.id);
    assertClockAccepts(deps, original, originalEvents, 'repeat', ctx.now, {});
    await appendEvent(ctx.tx, original.id, 'repeat', ctx.now, actor, { repeatId: repeat.id, repeatReference: repeat.referenceNumber });
    await ctx.tx.update(complaints).set({ updatedAt: ctx.now }).where(eq(complaints.id, original.id));

    await ctx.record('merged', { intoId: original.id, intoReference: original.referenceNumber, note: input.note ?? null });
    await ctx.update({ status: 'closed', closedAt: ctx.now, mergedIntoId: original.id, relatedComplaintId: original.id });
    if (await hasOpenHold(ctx.exec, repeat.id)) {
      await closeContactHold(ctx.exec, { sourceType: 'complaint', sourceId: repeat.id, reason: `重复投诉并入 ${original.referenceNumber}`, actor, at: ctx.now, requestId: ctx.requestId });
    }
    await ctx.timeline('complaint-merged', `无新事实，并入投诉 ${original.referenceNumber}`, `a repeat with no new facts: merged into ${original.referenceNumber}`);
    await addTimeline(ctx.tx, original.customerId, ctx.now, 'complaint-repeat', original.id,
      `投诉 ${original.referenceNumber}：收到重复投诉 ${repeat.referenceNumber}`, `Complaint ${original.referenceNumber}: repeat ${repeat.referenceNumber} merged`);
    await ctx.audit('complaint.merged', { status: repeat.status }, { status: 'closed', mergedIntoId: original.id }, input.note ?? null);
    await recordAudit(ctx.exec, {
      actor, action: 'complaint.merged', entityType: 'complaint', entityId: original.id, after: { repeatMerged: repeat.id }, requestId: ctx.requestId,
    }, ctx.now);
    return { complaintId: repeat.id };
  });
}
