import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { executorFor } from '../../../platform/db/drizzle-executor.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { addTimeline } from '../complaint-support.ts';
import { complaints, satisfactionSurveys } from '../complaints.schema.ts';

/** A survey link (SMS) is good for 30 days from the close, and for one answer. */
export const SURVEY_VALID_DAYS = 30;

type SurveyRow = typeof satisfactionSurveys.$inferSelect;
export type SurveyView = {
  complaintId: string;
  referenceNumber: string;
  status: 'pending' | 'answered' | 'expired';
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
  score: number | null;
  comment: string | null;
};

const expiresAt = (s: SurveyRow) => new Date(s.createdAt.getTime() + SURVEY_VALID_DAYS * 86_400_000);
const effectiveStatus = (s: SurveyRow, now: Date): SurveyView['status'] =>
  s.status === 'pending' && now >= expiresAt(s) ? 'expired' : s.status;

function view(s: SurveyRow, referenceNumber: string, now: Date): SurveyView {
  return {
    complaintId: s.complaintId, referenceNumber, status: effectiveStatus(s, now), createdAt: s.createdAt.toISOString(), expiresAt: expiresAt(s).toISOString(),
    answeredAt: s.answeredAt?.toISOString() ?? null, score: s.score, comment: s.comment,
  };
}

const surveyNotFound = () => notFound({ zh: '满意度调查', en: 'Satisfaction survey' });

/** The latest survey of a borrower's own complaint (404 when not theirs or none is left yet). */
export async function getOwnSurvey(deps: AppDeps, customerId: string, complaintId: string): Promise<SurveyView> {
  const [r] = await deps.database.db
    .select({ s: satisfactionSurveys, ref: complaints.referenceNumber })
    .from(satisfactionSurveys)
    .innerJoin(complaints, eq(complaints.id, satisfactionSurveys.complaintId))
    .where(and(eq(satisfactionSurveys.complaintId, complaintId), eq(complaints.customerId, customerId)))
    .orderBy(desc(satisfactionSurveys.createdAt))
    .limit(1);
  if (!r) throw surveyNotFound();
  return view(r.s, r.ref, deps.now());
}

export async function getSurveyByToken(deps: AppDeps, token: string): Promise<SurveyView> {
  const [r] = await deps.database.db
    .select({ s: satisfactionSurveys, ref: complaints.referenceNumber })
    .from(satisfactionSurveys)
    .innerJoin(complaints, eq(complaints.id, satisfactionSurveys.complaintId))
    .where(eq(satisfactionSurveys.token, token));
  if (!r) throw surveyNotFound();
  return view(r.s, r.ref, deps.now());
}

/** The surveys of one complaint, newest first (for the console). */
export async function listSurveys(deps: AppDeps, complaintId: string): Promise<SurveyView[]> {
  const rows = await deps.database.db
    .select({ s: satisfactionSurveys, ref: complaints.referenceNumber })
    .from(satisfactionSurveys)
    .innerJoin(complaints, eq(complaints.id, satisfactionSurveys.complaintId))
    .where(eq(satisfactionSurveys.complaintId, complaintId))
    .orderBy(desc(satisfactionSurveys.createdAt));
  const now = deps.now();
  return rows.map((r) => view(r.s, r.ref, now));
}

/**
 * Stores the answer on the pending survey, once: an answered survey is 409, an expired one 409 too.
 * `by` picks the survey: the borrower's own complaint (portal), or the token (SMS link).
 */
export async function answerSurvey(
  deps: AppDeps,
  actor: Actor,
  by: { customerId: string; complaintId: string } | { token: string },
  answer: { score: number; comment?: string | null; requestId?: string | null },
): Promise<SurveyView> {
  const now = deps.now();
  let expiredId: string | null = null;
  try {
    return await answerInTx(deps, actor, by, answer, now, (id) => { expiredId = id; });
  } finally {
    // The refusal rolled the transaction back; the expiry is recorded on its own.
    if (expiredId) await deps.database.db.update(satisfactionSurveys).set({ status: 'expired' }).where(and(eq(satisfactionSurveys.id, expiredId), eq(satisfactionSurveys.status, 'pending')));
  }
}

function answerInTx(
  deps: AppDeps,
  actor: Actor,
  by: { customerId: string; complaintId: string } | { token: string },
  answer: { score: number; comment?: string | null; requestId?: string | null },
  now: Date,
  markExpired: (surveyId: string) => void,
): Promise<SurveyView> {
  return deps.database.db.transaction(async (tx) => {
    const where = 'token' in by
      ? eq(satisfactionSurveys.token, by.token)
      : and(eq(satisfactionSurveys.complaintId, by.complaintId), eq(complaints.customerId, by.customerId));
    const [r] = await tx
      .select({ s: satisfactionSurveys, ref: complaints.referenceNumber, customerId: complaints.customerId })
      .from(satisfactionSurveys)
      .innerJoin(complaints, eq(complaints.id, satisfactionSurveys.complaintId))
      .where(where)
      .orderBy(desc(satisfactionSurveys.createdAt))
      .limit(1)
      .for('update', { of: satisfactionSurveys });
    if (!r) throw surveyNotFound();
    const status = effectiveStatus(r.s, now);
    if (status === 'answered') throw new DomainError('conflict', { zh: '该满意度调查已经回答过', en: 'This survey has already been answered' });
    if (status === 'expired') {
      if (r.s.status === 'pending') markExpired(r.s.id);
      throw new DomainError('conflict', { zh: `该满意度调查已过期（有效期 ${SURVEY_VALID_DAYS} 天）`, en: `This survey has expired (valid for ${SURVEY_VALID_DAYS} days)` });
    }
    const comment = answer.comment?.trim() || null;
    const [row] = await tx
      .update(satisfactionSurveys)
      .set({ status: 'answered', answeredAt: now, score: answer.score, comment })
      .where(eq(satisfactionSurveys.id, r.s.id))
      .returning();
    await addTimeline(tx, r.customerId, now, 'complaint-survey-answered', r.s.complaintId, `投诉 ${r.ref}：客户满意度评价 ${answer.score} 分`, `Complaint ${r.ref}: satisfaction score ${answer.score}/5`, { surveyId: r.s.id, score: answer.score });
    await recordAudit(executorFor(tx), {
      actor, action: 'complaint.survey-answered', entityType: 'complaint', entityId: r.s.complaintId,
      before: { survey: 'pending' }, after: { survey: 'answered', surveyId: r.s.id, score: answer.score, via: 'token' in by ? 'link' : 'portal' },
      reason: comment, requestId: answer.requestId ?? null,
    }, now);
    return view(row!, r.ref, now);
  });
}
