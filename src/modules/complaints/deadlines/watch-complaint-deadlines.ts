/**
 * The deadline watcher (a 15-minute job): for every open complaint, compute the clock, then warn
 * the handler before the first-handling and decision deadlines and escalate a breach to the
 * supervisors of the complaint's branch (head office when the branch has none). Each alert is one
 * transaction: the complaint_deadline_alerts row (unique per complaint, clock, kind and due
 * instant, so a re-run or a concurrent run raises it once), the notifications and, for a breach,
 * the audit events.
 */
import { and, isNull, notInArray } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { deliverStaffEmails, notifyStaff } from '../../../platform/notifications/index.ts';
import { clockFor, loadEventsFor } from '../complaint-support.ts';
import { complaintSettings } from '../complaint-settings.ts';
import { complaints } from '../complaints.schema.ts';
import { alertKey, selectDeadlineAlerts, type DeadlineAlert } from './select-deadline-alerts.ts';

export type WatchDeadlinesResult = { complaints: number; warnings: number; breaches: number; notifications: number };

const ACTOR = systemActor('complaint-deadline-watcher');
const CLOCK_TEXT = { 'first-handling': { zh: '初步处理', en: 'first handling' }, decision: { zh: '处理决定', en: 'decision' } } as const;

/** Local "YYYY-MM-DD HH:mm" in the zone (Asia/Shanghai by default) for the messages; one formatter per zone, as building one costs far more than using it. */
const localFormats = new Map<string, Intl.DateTimeFormat>();
function local(d: Date, zone: string): string {
  let f = localFormats.get(zone);
  if (!f) localFormats.set(zone, (f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' })));
  return f.format(d);
}

export async function watchComplaintDeadlines(deps: Pick<AppDeps, 'database' | 'now' | 'config' | 'log'>, now: Date = deps.now()): Promise<WatchDeadlinesResult> {
  const { db } = deps.database;
  const leads = complaintSettings(deps).warningLeads;
  const rows = await db.select().from(complaints).where(and(notInArray(complaints.status, ['closed', 'decided']), isNull(complaints.mergedIntoId)));
  const events = await loadEventsFor(db, rows.map((r) => r.id));
  const { rows: raisedRows } = rows.length
    ? await deps.database.sql.query<{ complaint_id: string; clock: DeadlineAlert['clock']; kind: DeadlineAlert['kind']; due_at: Date }>(
        `SELECT complaint_id, clock, kind, due_at FROM complaint_deadline_alerts WHERE complaint_id = ANY($1::uuid[])`, [rows.map((r) => r.id)],
      )
    : { rows: [] };
  const raised = new Map<string, Set<string>>();
  for (const r of raisedRows) {
    const set = raised.get(r.complaint_id) ?? new Set<string>();
    set.add(alertKey({ clock: r.clock, kind: r.kind, dueAt: new Date(r.due_at) }));
    raised.set(r.complaint_id, set);
  }

  const result: WatchDeadlinesResult = { complaints: rows.length, warnings: 0, breaches: 0, notifications: 0 };
  for (const complaint of rows) {
    const clock = clockFor(deps, complaint, events.get(complaint.id)!, now);
    for (const alert of selectDeadlineAlerts(clock, now, leads, raised.get(complaint.id))) {
      const sent = await deps.database.transaction((exec) => raiseAlert(exec, deps.config.defaultTimeZone, complaint, alert, now));
      if (sent === null) continue; // raised meanwhile by another run
      result[alert.kind === 'warning' ? 'warnings' : 'breaches']++;
      result.notifications += sent;
    }
  }
  if (result.notifications > 0 && deps.config.communications.smtp) {
    await deliverStaffEmails(deps).catch((err) => deps.log.warn('staff notification e-mail delivery failed', { error: String(err) }));
  }
  return result;
}

type Complaint = typeof complaints.$inferSelect;

/** One alert in one transaction; null when the alert row already existed. Returns the number of notifications created. */
async function raiseAlert(exec: SqlExecutor, zone: string, c: Complaint, alert: DeadlineAlert, now: Date): Promise<number | null> {
  const { rows: [row] } = await exec.query<{ id: string }>(
    `INSERT INTO complaint_deadline_alerts (complaint_id, clock, kind, due_at, raised_at) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)
     ON CONFLICT (complaint_id, clock, kind, due_at) DO NOTHING RETURNING id`,
    [c.id, alert.clock, alert.kind, alert.dueAt.toISOString(), now.toISOString()],
  );
  if (!row) return null;
  const what = CLOCK_TEXT[alert.clock];
  const due = local(alert.dueAt, zone);
  const link = `/complaints/${c.id}`;
  const dedupe = `complaint-deadline:${c.id}:${alertKey(alert)}`;
  const supervisors = alert.kind === 'breach' || !c.ownerId ? await branchSupervisors(exec, c.customerId) : [];
  const notified: string[] = [];
  const notify = async (recipientId: string, kind: string, title: { zh: string; en: string }, body: { zh: string; en: string }) => {
    const n = await notifyStaff(exec, { recipientId, kind, entityType: 'complaint', entityId: c.id, title, body, link, dedupeKey: dedupe, at: now });
    if (n.created) notified.push(recipientId);
  };

  if (alert.kind === 'warning') {
    const title = { zh: `投诉 ${c.referenceNumber} 的${what.zh}时限将至（${due}）`, en: `Complaint ${c.referenceNumber}: ${what.en} due ${due}` };
    const body = { zh: `距${what.zh}时限约 ${alert.hoursLeft} 小时，请及时处理。`, en: `About ${alert.hoursLeft} hours left before the ${what.en} deadline.` };
    // No owner yet: the warning goes to the supervisors, who must assign someone.
    for (const id of c.ownerId ? [c.ownerId] : supervisors) await notify(id, 'complaint-deadline-warning', title, body);
  } else {
    const title = { zh: `投诉 ${c.referenceNumber} 已超过${what.zh}时限（${due}）`, en: `Complaint ${c.referenceNumber}: ${what.en} deadline ${due} passed` };
    const body = { zh: `已逾${what.zh}时限，已上报主管。`, en: `The ${what.en} time limit was missed; escalated to the branch supervisors.` };
    for (const id of supervisors) await notify(id, 'complaint-deadline-escalated', title, body);
    if (c.ownerId && !supervisors.includes(c.ownerId)) await notify(c.ownerId, 'complaint-deadline-breached', title, body);
    const after = { clock: alert.clock, dueAt: alert.dueAt.toISOString(), referenceNumber: c.referenceNumber, ownerId: c.ownerId };
    await recordAudit(exec, { actor: ACTOR, action: 'complaints.deadline.breached', entityType: 'complaint', entityId: c.id, after }, now);
    await recordAudit(exec, { actor: ACTOR, action: 'complaints.deadline.escalated', entityType: 'complaint', entityId: c.id, after: { ...after, supervisors } }, now);
  }
  await exec.query(`UPDATE complaint_deadline_alerts SET notified = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(notified)]);
  return notified.length;
}

/** Active supervisors of the complaint's branch; head-office supervisors when the branch has none (or no customer is matched). */
async function branchSupervisors(exec: SqlExecutor, customerId: string | null): Promise<string[]> {
  const { rows } = await exec.query<{ id: string; branch_id: string | null }>(
    `SELECT s.id, s.branch_id FROM staff_users s
      WHERE s.role = 'supervisor' AND NOT s.disabled
        AND (s.branch_id IS NULL OR s.branch_id = (SELECT branch_id FROM customers WHERE id = $1))
      ORDER BY s.id`,
    [customerId],
  );
  const inBranch = rows.filter((r) => r.branch_id !== null).map((r) => r.id);
  return inBranch.length ? inBranch : rows.map((r) => r.id);
}
