import { sendWithAudits } from '../audit/index.ts';
import type { SqlExecutor } from '../db/client.ts';

export type StaffNotificationInput = {
  recipientId: string;
  /** What it is about, e.g. complaint-assigned, complaint-deadline-warning, complaint-deadline-escalated. */
  kind: string;
  entityType: string;
  entityId: string;
  title: { zh: string; en: string };
  body?: { zh: string; en: string } | null;
  /** A console path the bell opens, e.g. /complaints/<id>. */
  link?: string | null;
  /** Same recipient + key → one notification, however often the caller runs (jobs re-run, requests retry). */
  dedupeKey: string;
  at: Date;
};

/**
 * Notifies one staff member INSIDE the caller's transaction (`exec`): the notice exists if and
 * only if the change that caused it commits. When the recipient has an e-mail address the row is
 * marked `email_status = 'pending'`; `deliverStaffEmails` sends it after the commit, so a rolled
 * back change never sends mail. Returns the id, or null when the dedupe key was already used.
 */
export async function notifyStaff(exec: SqlExecutor, n: StaffNotificationInput): Promise<{ id: string | null; created: boolean }> {
  const { text, params } = notificationStatement(n);
  const { rows: [row] } = await exec.query<{ id: string }>(text, params);
  return { id: row?.id ?? null, created: row !== undefined };
}

/**
 * `notifyStaff` for a caller that does not need the outcome: inside `withDeferredAudits` the notice
 * is written in the same statement as the transaction's audit append (one round trip fewer on
 * complaint intake); otherwise now. Same row, same transaction.
 */
export async function notifyStaffAtCommit(exec: SqlExecutor, n: StaffNotificationInput): Promise<void> {
  await sendWithAudits(exec, notificationStatement(n));
}

function notificationStatement(n: StaffNotificationInput) {
  return {
    text: `INSERT INTO staff_notifications (recipient_id, kind, entity_type, entity_id, title_zh, title_en, body_zh, body_en, link, dedupe_key, created_at, email_status)
           SELECT s.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz,
                  CASE WHEN s.email IS NOT NULL AND s.email <> '' AND NOT s.disabled THEN 'pending' END
             FROM staff_users s WHERE s.id = $1
           ON CONFLICT (recipient_id, dedupe_key) DO NOTHING RETURNING id`,
    params: [n.recipientId, n.kind, n.entityType, n.entityId, n.title.zh, n.title.en, n.body?.zh ?? null, n.body?.en ?? null, n.link ?? null, n.dedupeKey, n.at.toISOString()],
  };
}
