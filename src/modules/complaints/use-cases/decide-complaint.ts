import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { changeComplaint } from '../complaint-support.ts';
import { issueResponseLetter } from '../letters/issue-response-letter.ts';
import { DECISION_OUTCOMES, REMEDIES } from '../complaints.schema.ts';

const OUTCOME_ZH = { upheld: '投诉成立', 'partly-upheld': '部分成立', 'not-upheld': '不成立' } as const;

/** 处理决定: the outcome and the remedies, as told to the complainant, with the final response letter. */
export async function decideComplaint(
  deps: AppDeps,
  actor: Actor,
  input: { complaintId: string; outcome: (typeof DECISION_OUTCOMES)[number]; remedies: Array<(typeof REMEDIES)[number]>; summary: string; requestId?: string | null },
) {
  const result = await changeComplaint(deps, actor, { ...input, allowed: ['acknowledged', 'received', 'in-progress', 'extended', 'reopened'], what: { zh: '作出处理决定', en: 'decide it' } }, async (ctx) => {
    const before = { status: ctx.complaint.status };
    const remedies = [...new Set(input.remedies)];
    const lastDecision = ctx.events.findLastIndex((e) => e.type === 'decision');
    const lastReview = ctx.events.findLastIndex((e) => e.type === 'review-requested');
    const kind = lastDecision < 0 ? 'decision' : lastReview > lastDecision ? 'review' : 'redecision';
    await ctx.record('decision', { kind, outcome: input.outcome, remedies, summary: input.summary });
    await ctx.update({ status: 'decided', outcome: input.outcome, remedies, decidedAt: ctx.now });
    await ctx.timeline('complaint-decided', `作出处理决定：${OUTCOME_ZH[input.outcome]}`, `decided: ${input.outcome}${remedies.length ? ` (${remedies.join(', ')})` : ''}`);
    await ctx.audit('complaint.decided', before, { status: 'decided', outcome: input.outcome, remedies, summary: input.summary });
    return { complaintId: ctx.complaint.id, complaint: ctx.complaint };
  });
  // The final response letter (PDF, zh + en) is made from the committed decision; if it fails, the
  // decision stands and the letter is issued on its first download.
  try {
    await issueResponseLetter(deps, actor, result.complaint, input.requestId ?? null);
  } catch (err) {
    deps.log.error('final response letter not issued', { complaintId: result.complaintId, error: String(err) });
  }
  return { complaintId: result.complaintId };
}
