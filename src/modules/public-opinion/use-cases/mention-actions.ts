import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { executorFor } from '../../../platform/db/drizzle-executor.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { openComplaint } from '../../complaints/index.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { loans } from '../../loans/loans.schema.ts';
import { publicOpinionAlerts, publicOpinionMentions, type MentionStatus } from '../public-opinion.schema.ts';

const staffId = (actor: Actor) => (actor.kind === 'staff' ? actor.userId : null);
const mentionNotFound = () => notFound({ zh: '舆情信息', en: 'Mention' });

async function loadMention(deps: AppDeps, mentionId: string) {
  const [m] = await deps.database.db.select().from(publicOpinionMentions).where(eq(publicOpinionMentions.id, mentionId));
  if (!m) throw mentionNotFound();
  return m;
}

/** Mark reviewed (nothing to do) or dismissed (not about us, spam). A mention with a complaint stays as it is. */
export async function setMentionStatus(
  deps: AppDeps,
  actor: Actor,
  input: { mentionId: string; status: Extract<MentionStatus, 'reviewed' | 'dismissed'>; note?: string | null; requestId?: string | null },
) {
  const now = deps.now();
  const before = await loadMention(deps, input.mentionId);
  if (before.status === 'complaint-opened') {
    throw new DomainError('conflict', { zh: '已据此舆情登记投诉，不能再更改状态', en: 'A complaint was opened from this mention; its status can no longer change' });
  }
  await deps.database.db.transaction(async (tx) => {
    await tx.update(publicOpinionMentions).set({ status: input.status, reviewedBy: staffId(actor), reviewedAt: now }).where(eq(publicOpinionMentions.id, input.mentionId));
    await recordAudit(executorFor(tx), {
      actor, action: input.status === 'reviewed' ? 'public-opinion.mention.reviewed' : 'public-opinion.mention.dismissed',
      entityType: 'public-opinion-mention', entityId: input.mentionId, before: { status: before.status }, after: { status: input.status },
      reason: input.note ?? null, requestId: input.requestId,
    }, now);
  });
}

/**
 * Opens a complaint (channel 'api') from a mention and links the two. The customer is the matched
 * one; an unmatched mention needs the handler to pick the customer. Idempotent: the complaint's
 * source message id is the mention's, so a retry returns the same complaint.
 */
export async function openComplaintFromMention(
  deps: AppDeps,
  actor: Actor,
  input: { mentionId: string; customerId?: string | null; description?: string | null; requestId?: string | null },
) {
  const mention = await loadMention(deps, input.mentionId);
  if (mention.status === 'dismissed') {
    throw new DomainError('conflict', { zh: '该舆情已忽略，不能登记投诉', en: 'The mention was dismissed; no complaint can be opened from it' });
  }
  const customerId = mention.customerId ?? input.customerId ?? null;
  if (!customerId) {
    throw new DomainError('validation', { zh: '该舆情未匹配到客户，请选择客户', en: 'The mention matches no customer: choose one' }, [{ field: 'customerId', message: 'required for an unmatched mention / 舆情未匹配到客户时必填' }]);
  }
  if (mention.customerId && input.customerId && input.customerId !== mention.customerId) {
    throw new DomainError('validation', { zh: '该舆情已匹配到其他客户', en: 'The mention is matched to another customer' }, [{ field: 'customerId', message: 'differs from the matched customer / 与已匹配的客户不一致' }]);
  }
  await assertCustomerVisible(deps.database.db, actor, customerId);
  let loanIds: string[] = [];
  if (mention.loanId) {
    const [loan] = await deps.database.db.select({ customerId: loans.customerId }).from(loans).where(eq(loans.id, mention.loanId));
    if (loan?.customerId === customerId) loanIds = [mention.loanId];
  }
  const sourceLabel = `${mention.source}${mention.author ? ` @${mention.author}` : ''}`;
  const description =
    input.description?.trim() ||
    `【舆情 ${sourceLabel} ${mention.publishedAt.toISOString()}】${mention.text}${mention.link ? `\n${mention.link}` : ''}`;
  const result = await openComplaint(deps, actor, {
    customerId, loanIds, channel: 'api', description, sourceMessageId: `public-opinion:${mention.id}`, requestId: input.requestId,
  });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(publicOpinionMentions)
      .set({ status: 'complaint-opened', complaintId: result.complaintId, customerId, reviewedBy: staffId(actor), reviewedAt: now })
      .where(eq(publicOpinionMentions.id, mention.id));
    await recordAudit(executorFor(tx), {
      actor, action: 'public-opinion.complaint-opened', entityType: 'public-opinion-mention', entityId: mention.id,
      before: { status: mention.status, customerId: mention.customerId },
      after: { status: 'complaint-opened', customerId, complaintId: result.complaintId, referenceNumber: result.referenceNumber },
      requestId: input.requestId,
    }, now);
  });
  return { complaintId: result.complaintId, referenceNumber: result.referenceNumber, created: result.created };
}

export async function acknowledgeAlert(deps: AppDeps, actor: Actor, input: { alertId: string; requestId?: string | null }) {
  const now = deps.now();
  const [alert] = await deps.database.db.select().from(publicOpinionAlerts).where(eq(publicOpinionAlerts.id, input.alertId));
  if (!alert) throw notFound({ zh: '舆情预警', en: 'Alert' });
  if (alert.acknowledgedAt) return;
  await deps.database.db.transaction(async (tx) => {
    await tx.update(publicOpinionAlerts).set({ acknowledgedAt: now, acknowledgedBy: staffId(actor) }).where(eq(publicOpinionAlerts.id, alert.id));
    await recordAudit(executorFor(tx), {
      actor, action: 'public-opinion.alert.acknowledged', entityType: 'public-opinion-alert', entityId: alert.id,
      before: { acknowledged: false }, after: { acknowledged: true }, requestId: input.requestId,
    }, now);
  });
}
