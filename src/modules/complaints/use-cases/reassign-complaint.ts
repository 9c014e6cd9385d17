import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { roleHas } from '../../../platform/auth/permissions.ts';
import { staffUsers } from '../../../platform/auth/staff.schema.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { customers } from '../../customers/customers.schema.ts';
import { changeComplaint } from '../complaint-support.ts';

/**
 * Gives the complaint to another handler (who must hold complaints.handle). The customer's
 * relationship manager is informed through the timeline entry (detail.notify).
 */
export async function reassignComplaint(deps: AppDeps, actor: Actor, input: { complaintId: string; ownerId: string; reason: string; requestId?: string | null }) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'decided', 'reopened'], what: { zh: '转派', en: 'reassign it' } }, async (ctx) => {
    const [owner] = await ctx.tx.select().from(staffUsers).where(eq(staffUsers.id, input.ownerId));
    if (!owner || owner.disabled || !roleHas(owner.role, 'complaints.handle')) {
      throw new DomainError('validation', { zh: '只能转派给投诉处理人员', en: 'The new owner must be an active complaint handler' }, [{ field: 'json.ownerId', message: 'not a complaint handler' }]);
    }
    const before = { ownerId: ctx.complaint.ownerId };
    await ctx.record('reassigned', { from: before.ownerId, to: owner.id, reason: input.reason });
    await ctx.update({ ownerId: owner.id });
    let rm: string | null = null;
    if (ctx.complaint.customerId) {
      const [c] = await ctx.tx.select({ rm: customers.relationshipManagerId }).from(customers).where(eq(customers.id, ctx.complaint.customerId));
      rm = c?.rm ?? null;
    }
    await ctx.timeline('complaint-reassigned', `转派给 ${owner.displayName}${rm ? '（已告知客户经理）' : ''}`, `reassigned to ${owner.displayName}${rm ? ' (relationship manager informed)' : ''}`, { notify: rm ? [rm] : [], ownerId: owner.id });
    await ctx.audit('complaint.reassigned', before, { ownerId: owner.id, relationshipManagerInformed: rm }, input.reason);
    return { complaintId: ctx.complaint.id };
  });
}
