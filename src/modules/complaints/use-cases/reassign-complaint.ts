import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { roleHas } from '../../../platform/auth/permissions.ts';
import { staffUsers } from '../../../platform/auth/staff.schema.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { changeComplaint } from '../complaint-support.ts';
import { notifyHandlerAssigned, notifyRelationshipManager } from '../routing/assign-handler.ts';

/**
 * Gives the complaint to another handler (who must hold complaints.handle and see the complaint's
 * branch). The new handler and the customer's relationship manager get a notification.
 */
export async function reassignComplaint(deps: AppDeps, actor: Actor, input: { complaintId: string; ownerId: string; reason: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'decided', 'reopened'], what: { zh: '转派', en: 'reassign it' } }, async (ctx) => {
    const [owner] = await ctx.tx.select().from(staffUsers).where(eq(staffUsers.id, input.ownerId));
    if (!owner || owner.disabled || !roleHas(owner.role, 'complaints.handle')) {
      throw new DomainError('validation', { zh: '只能转派给投诉处理人员', en: 'The new owner must be an active complaint handler' }, [{ field: 'json.ownerId', message: 'not a complaint handler / 不是投诉处理人员' }]);
    }
    if (owner.id === ctx.complaint.ownerId) {
      throw new DomainError('conflict', { zh: `投诉已由 ${owner.displayName} 处理`, en: `${owner.displayName} already handles this complaint` });
    }
    if (owner.branchId !== null && ctx.complaint.customerId) {
      // A branch handler sees only their branch's customers: giving them another branch's complaint would hide it from its owner.
      const { rows: [c] } = await ctx.exec.query<{ branch_id: string }>(`SELECT branch_id FROM customers WHERE id = $1`, [ctx.complaint.customerId]);
      if (c && c.branch_id !== owner.branchId) {
        throw new DomainError('validation', { zh: '该处理人员不属于客户所在分行或总行', en: "The new owner works at another branch than the customer's (or head office)" }, [{ field: 'json.ownerId', message: 'other branch / 属于其他分行' }]);
      }
    }
    const before = { ownerId: ctx.complaint.ownerId };
    await ctx.record('reassigned', { from: before.ownerId, to: owner.id, reason: input.reason });
    await ctx.update({ ownerId: owner.id });
    // The new handler and the customer's relationship manager (客户经理责任制) are notified in this transaction.
    const dedupe = `reassigned:${ctx.events.at(-1)!.seq}`;
    await notifyHandlerAssigned(ctx.exec, {
      handlerId: owner.id, complaintId: ctx.complaint.id, referenceNumber: ctx.complaint.referenceNumber, category: ctx.complaint.category, at: ctx.now, dedupe,
      reason: { zh: `转派原因：${input.reason}`, en: `Reason for the reassignment: ${input.reason}` },
    });
    const rm = await notifyRelationshipManager(ctx.exec, {
      customerId: ctx.complaint.customerId, complaintId: ctx.complaint.id, referenceNumber: ctx.complaint.referenceNumber, handlerName: owner.displayName, at: ctx.now, event: 'reassigned', dedupe,
    });
    await ctx.timeline('complaint-reassigned', `转派给 ${owner.displayName}${rm ? '（已告知客户经理）' : ''}`, `reassigned to ${owner.displayName}${rm ? ' (relationship manager informed)' : ''}`, { notify: rm ? [rm] : [], ownerId: owner.id });
    await ctx.audit('complaint.reassigned', before, { ownerId: owner.id, relationshipManagerInformed: rm }, input.reason);
    return { complaintId: ctx.complaint.id };
  });
}
