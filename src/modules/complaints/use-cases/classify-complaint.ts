import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { closeContactHold, openContactHold } from '../../compliance/context/index.ts';
import { CATEGORY_LABELS, type ComplaintCategory, type ComplaintSeverity } from '../classifier/index.ts';
import { changeComplaint, hasOpenHold } from '../complaint-support.ts';
import { complaintClassificationCorrections } from '../complaints.schema.ts';

/**
 * A handler confirms or corrects the category and severity. The suggestion and the confirmed labels
 * are kept side by side for retraining. Moving into or out of collection-conduct opens or closes the
 * contact hold.
 */
export async function classifyComplaint(
  deps: AppDeps,
  actor: Actor,
  input: { complaintId: string; category: ComplaintCategory; severity: ComplaintSeverity; requestId?: string | null },
) {
  return changeComplaint(deps, actor, { ...input, allowed: ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'reopened'], what: { zh: '分类', en: 'classify it' } }, async (ctx) => {
    const c = ctx.complaint;
    const suggestion = (c.suggestion ?? {}) as { category?: string; severity?: string; categoryConfidence?: number; model?: string };
    const corrected = input.category !== suggestion.category || input.severity !== suggestion.severity;
    await ctx.tx.insert(complaintClassificationCorrections).values({
      complaintId: c.id, text: c.description, suggestedCategory: suggestion.category ?? null, suggestedSeverity: suggestion.severity ?? null,
      confirmedCategory: input.category, confirmedSeverity: input.severity, suggestionConfidence: suggestion.categoryConfidence ?? null,
      corrected, modelVersion: suggestion.model ?? null, confirmedBy: actorId(actor), confirmedAt: ctx.now,
    });
    const before = { category: c.category, severity: c.severity };
    await ctx.record('classified', { ...before, toCategory: input.category, toSeverity: input.severity, corrected });
    await ctx.update({
      category: input.category, severity: input.severity, classificationConfirmedAt: ctx.now,
      fraudFlaggedAt: input.category === 'fraud-or-identity-misuse' ? (c.fraudFlaggedAt ?? ctx.now) : c.fraudFlaggedAt,
    });
    if (c.customerId && input.category === 'collection-conduct' && c.category !== 'collection-conduct') {
      await openContactHold(ctx.exec, {
        customerId: c.customerId, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId: c.id,
        reason: `催收行为投诉 ${c.referenceNumber}`, actor, at: ctx.now, requestId: ctx.requestId,
      });
    }
    if (input.category !== 'collection-conduct' && (await hasOpenHold(ctx.exec, c.id))) {
      await closeContactHold(ctx.exec, { sourceType: 'complaint', sourceId: c.id, reason: `投诉 ${c.referenceNumber} 重新分类为非催收行为`, actor, at: ctx.now, requestId: ctx.requestId });
    }
    const label = CATEGORY_LABELS[input.category];
    await ctx.timeline('complaint-classified', `分类确认为「${label.zh}」，严重程度 ${input.severity}`, `classified as ${label.en}, severity ${input.severity}`);
    await ctx.audit('complaint.classified', { ...before, suggested: { category: suggestion.category ?? null, severity: suggestion.severity ?? null } }, { category: input.category, severity: input.severity, corrected });
    return { complaintId: c.id };
  });
}
