import nodemailer from 'nodemailer';
import type { AppDeps } from '../app-deps.ts';

export type StaffEmailResult = { sent: number; failed: number; notConfigured: number };

type PendingRow = { id: string; email: string; title_zh: string; title_en: string; body_zh: string | null; body_en: string | null; link: string | null; created_at: Date };

/**
 * Sends the pending e-mail copies of staff notifications over SMTP (the same SMTP settings the
 * communications hub uses for customers). Staff mail is internal: it is not a contact with a
 * customer, so it does not go through the outbox or the contact-compliance engine (contact hours,
 * consent, frequency caps are about borrowers, not colleagues). Without SMTP configured, pending
 * rows are marked 'not-configured' so the bell stays the only channel. Rows are claimed
 * ('sending', SKIP LOCKED) before sending, so two callers never mail the same notice twice; a crash
 * mid-send leaves the row 'sending' rather than risk a duplicate.
 */
export async function deliverStaffEmails(deps: Pick<AppDeps, 'config' | 'database' | 'log' | 'now'>, options: { limit?: number } = {}): Promise<StaffEmailResult> {
  const result: StaffEmailResult = { sent: 0, failed: 0, notConfigured: 0 };
  const smtp = deps.config.communications.smtp;
  if (!smtp) {
    const { rows } = await deps.database.sql.query(`UPDATE staff_notifications SET email_status = 'not-configured' WHERE email_status = 'pending' RETURNING id`);
    result.notConfigured = rows.length;
    return result;
  }
  const transport = nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure, auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000,
  });
  try {
    // Claim in a short statement, send outside any transaction (an SMTP round trip must not hold a
    // connection or row locks, least of all on the single-connection embedded database).
    const { rows } = await deps.database.sql.query<PendingRow>(
      `UPDATE staff_notifications n SET email_status = 'sending'
         FROM staff_users s
        WHERE s.id = n.recipient_id
          AND n.id IN (SELECT id FROM staff_notifications WHERE email_status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING n.id, s.email, n.title_zh, n.title_en, n.body_zh, n.body_en, n.link, n.created_at`,
      [options.limit ?? 100],
    );
    rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
    for (const r of rows) {
      try {
        await transport.sendMail({
          from: deps.config.communications.mailFrom,
          to: r.email,
          subject: `[LoanDesk] ${r.title_zh} / ${r.title_en}`,
          text: [r.title_zh, r.body_zh, '', r.title_en, r.body_en, '', r.link ? `LoanDesk: ${r.link}` : null].filter((l) => l !== null).join('\n'),
          headers: { 'X-LoanDesk-Notification-Id': r.id },
        });
        await deps.database.sql.query(`UPDATE staff_notifications SET email_status = 'sent', emailed_at = $2::timestamptz, email_error = NULL WHERE id = $1`, [r.id, deps.now().toISOString()]);
        result.sent++;
      } catch (err) {
        // Internal mail is best effort: the notice stays in the bell; no retry loop for colleagues' mail.
        const message = String((err as Error).message ?? err).slice(0, 500);
        await deps.database.sql.query(`UPDATE staff_notifications SET email_status = 'failed', email_error = $2 WHERE id = $1`, [r.id, message]);
        deps.log.warn('staff notification e-mail failed', { notificationId: r.id, error: message });
        result.failed++;
      }
    }
  } finally {
    transport.close();
  }
  return result;
}

/** Fire-and-forget after a commit (a request must not wait for, or fail on, internal mail). */
export function deliverStaffEmailsSoon(deps: Pick<AppDeps, 'config' | 'database' | 'log' | 'now'>): void {
  if (!deps.config.communications.smtp) return; // left pending; the next deliverStaffEmails run marks them not-configured
  deliverStaffEmails(deps).catch((err) => deps.log.warn('staff notification e-mail delivery failed', { error: String(err) }));
}
