import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { ContactOutcome } from './contact-log.schema.ts';

export type ContactAttemptInput = {
  customerId: string;
  occurredAt: Date;
  direction: 'outbound' | 'inbound';
  channel: string;
  mode: 'automated' | 'human';
  purpose: string;
  debtId?: string | null;
  contactPointId?: string | null;
  relationship?: string;
  outcome: ContactOutcome;
  agency?: string | null;
  actorId: string;
  messageId?: string | null;
  evidenceItemId?: string | null;
  overrideId?: string | null;
  durationSeconds?: number | null;
  note?: string | null;
};

/** Appends one contact to the log (kept ≥ 5 years, never deleted: see contact-log.schema.ts). */
export async function insertContactAttempt(exec: SqlExecutor, c: ContactAttemptInput): Promise<string> {
  const { rows: [row] } = await exec.query<{ id: string }>(
    `INSERT INTO contact_attempts (customer_id, occurred_at, direction, channel, mode, purpose, debt_id, contact_point_id, relationship,
                                   outcome, agency, actor_id, message_id, evidence_item_id, override_id, duration_seconds, note)
     VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      c.customerId, c.occurredAt.toISOString(), c.direction, c.channel, c.mode, c.purpose, c.debtId ?? null, c.contactPointId ?? null,
      c.relationship ?? 'self', c.outcome, c.agency ?? null, c.actorId, c.messageId ?? null, c.evidenceItemId ?? null, c.overrideId ?? null,
      c.durationSeconds ?? null, c.note ?? null,
    ],
  );
  return row!.id;
}

/** One entry on the shared customer timeline (module 'communications'). */
export async function insertTimeline(
  exec: SqlExecutor,
  e: { customerId: string; at: Date; kind: string; refId: string; summaryZh: string; summaryEn: string; detail?: Record<string, unknown> },
): Promise<void> {
  await exec.query(
    `INSERT INTO timeline_events (customer_id, occurred_at, module, kind, ref_id, summary_zh, summary_en, detail)
     VALUES ($1, $2::timestamptz, 'communications', $3, $4, $5, $6, $7::jsonb)`,
    [e.customerId, e.at.toISOString(), e.kind, e.refId, e.summaryZh, e.summaryEn, e.detail ? JSON.stringify(e.detail) : null],
  );
}

export const CHANNEL_ZH: Record<string, string> = {
  sms: '短信', email: '电子邮件', phone: '电话', portal: '线上门户消息', letter: '信函', 'field-visit': '上门拜访', video: '视频',
};
export const OUTCOME_ZH: Record<ContactOutcome, string> = {
  attempted: '已发起', 'no-answer': '无人接听', connected: '已接通', conversation: '已沟通', refused: '拒绝沟通',
  'wrong-number': '号码错误', delivered: '已送达', failed: '失败', received: '已收到',
};
