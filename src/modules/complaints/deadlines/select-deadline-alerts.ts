/**
 * Which deadline warnings and breach escalations a complaint owes right now. Pure: the clock is
 * computed by the caller (computeComplaintClock), and `raised` holds the alerts already raised,
 * so each is raised exactly once per due instant (a moved deadline may warn again).
 *
 * Warnings are LoanDesk policy (seed 003: "warnings before a deadline; escalation to a supervisor
 * on breach"); the lead times are configurable (complaint-settings.ts).
 */
import type { ComplaintClock } from '../rules/index.ts';
import type { DeadlineWarningLeads } from '../complaint-settings.ts';

export type WatchedClock = 'first-handling' | 'decision';
export type DeadlineAlert = { clock: WatchedClock; kind: 'warning' | 'breach'; dueAt: Date; hoursLeft: number };

export const alertKey = (a: Pick<DeadlineAlert, 'clock' | 'kind' | 'dueAt'>) => `${a.clock}|${a.kind}|${a.dueAt.toISOString()}`;

const HOUR = 3_600_000;

export function selectDeadlineAlerts(
  clock: Pick<ComplaintClock, 'clocks' | 'paused'>,
  now: Date,
  leads: DeadlineWarningLeads,
  raised: ReadonlySet<string> = new Set(),
): DeadlineAlert[] {
  const out: DeadlineAlert[] = [];
  const leadMs: Record<WatchedClock, number> = { 'first-handling': leads.firstHandlingHours * HOUR, decision: leads.decisionDays * 24 * HOUR };
  for (const line of clock.clocks) {
    if (line.clock !== 'first-handling' && line.clock !== 'decision') continue;
    if (line.doneAt !== null || line.status === 'met' || line.status === 'not-required') continue;
    // While an external appraisal pauses the clock the decision deadline is provisional: no warning, no breach (the Measures exclude that time).
    if (line.clock === 'decision' && clock.paused) continue;
    const left = line.due.getTime() - now.getTime();
    const kind = left <= 0 ? 'breach' : left <= leadMs[line.clock] ? 'warning' : null;
    if (!kind) continue;
    const alert: DeadlineAlert = { clock: line.clock, kind, dueAt: line.due, hoursLeft: Math.round((left / HOUR) * 10) / 10 };
    if (!raised.has(alertKey(alert))) out.push(alert);
  }
  return out;
}
