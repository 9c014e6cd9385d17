/**
 * The champion / challenger report and the automatic guardrail stop.
 *
 * The accounts of an experiment are the collection cases opened while it ran (opened_on after the
 * start's local date — the run of the start day may have happened before the start — up to the
 * stop's date or asOf), each with the arm fixed when it opened. One case = one delinquency episode =
 * one "account" of compareArms (a loan that cures and falls behind again is a second episode).
 *  - cured: the case was closed as cured by the end of the window;
 *  - rolled forward: a snapshot of the loan during the case is in a worse bucket than at opening;
 *  - recovered: repayments valued from the opening date to the close (or window end);
 *  - contacts: the case's actions that reach the borrower (messages queued, calls / chats / visits
 *    planned or done), blocked and unsent steps excluded;
 *  - complained / opted out: any complaint received, any opt-out or consent withdrawal of the
 *    case's customer since the experiment started (the guardrails).
 * The statistics are the pure compareArms / guardrailVerdict of ../measurement.
 */
import { recordAudit } from '../../../platform/audit/index.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { addDays, todayInZone, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { instantOfLocal, localDate } from '../../compliance/local-time.ts';
import { compareArms, guardrailVerdict, type AccountOutcome, type ArmComparison, type GuardrailVerdict } from '../measurement/index.ts';
import { getExperiment, GUARDRAIL_ACTOR, runningExperiment, type ExperimentRow } from './experiments.ts';
import { getVersion } from './strategy-store.ts';

export type ReportDeps = Pick<AppDeps, 'database' | 'now'> & { config: Pick<AppDeps['config'], 'defaultTimeZone'> };

export type ExperimentReport = {
  experiment: ExperimentRow;
  champion: { id: string; strategyId: string; version: number };
  challenger: { id: string; strategyId: string; version: number };
  window: { from: CalendarDate; to: CalendarDate };
  comparison: ArmComparison;
  guardrail: GuardrailVerdict;
  stoppedByGuardrail: boolean;
};

/** The window the experiment covers as of `asOf` (its stop date when stopped earlier). */
export function experimentWindow(experiment: ExperimentRow, asOf: CalendarDate, zone: string): { from: CalendarDate; to: CalendarDate; fromAt: Date; toAt: Date } {
  const startDay = localDate(new Date(experiment.startedAt), zone);
  const stopDay = experiment.stoppedAt ? localDate(new Date(experiment.stoppedAt), zone) : null;
  const to = stopDay && stopDay < asOf ? stopDay : asOf;
  const toAt = experiment.stoppedAt && stopDay! <= asOf ? new Date(experiment.stoppedAt) : instantOfLocal(zone, addDays(asOf, 1), '00:00');
  return { from: addDays(startDay, 1), to, fromAt: new Date(experiment.startedAt), toAt };
}

export async function experimentOutcomes(exec: SqlExecutor, experiment: ExperimentRow, asOf: CalendarDate, zone: string): Promise<AccountOutcome[]> {
  const w = experimentWindow(experiment, asOf, zone);
  const { rows } = await exec.query<{
    case_id: string; arm: 'champion' | 'challenger'; cured: boolean; rolled_forward: boolean; recovered_fen: number | string; contacts: number | string;
    complained: boolean; opted_out: boolean;
  }>(
    `WITH cases AS (
       SELECT c.id, c.loan_id, c.customer_id, c.arm, c.opened_on,
              CASE WHEN c.closed_on IS NOT NULL AND c.closed_on <= $2::date THEN c.closed_on ELSE $2::date END AS ends_on,
              (c.status = 'closed' AND c.close_reason = 'cured' AND c.closed_on <= $2::date) AS cured
         FROM collection_cases c
        WHERE c.opened_on >= $1::date AND c.opened_on <= $2::date)
     SELECT x.id AS case_id, x.arm, x.cured,
            EXISTS (SELECT 1 FROM delinquency_snapshots s, delinquency_snapshots o
                     WHERE o.loan_id = x.loan_id AND o.as_of = x.opened_on AND s.loan_id = x.loan_id AND s.as_of > x.opened_on AND s.as_of <= x.ends_on
                       AND LEAST(7, (s.dpd - 1) / 30 + 1) > LEAST(7, (o.dpd - 1) / 30 + 1)) AS rolled_forward,
            (SELECT coalesce(sum(r.amount_fen), 0) FROM repayments r WHERE r.loan_id = x.loan_id AND r.value_date >= x.opened_on AND r.value_date <= x.ends_on) AS recovered_fen,
            (SELECT count(*) FROM collection_actions a WHERE a.case_id = x.id AND a.as_of <= $2::date AND a.channel IS NOT NULL
                AND a.status IN ('queued', 'planned', 'done')) AS contacts,
            EXISTS (SELECT 1 FROM complaints k WHERE k.customer_id = x.customer_id AND k.received_at >= $3::timestamptz AND k.received_at < $4::timestamptz) AS complained,
            (EXISTS (SELECT 1 FROM contact_opt_outs t WHERE t.customer_id = x.customer_id AND t.at >= $3::timestamptz AND t.at < $4::timestamptz)
              OR EXISTS (SELECT 1 FROM consents g WHERE g.customer_id = x.customer_id AND g.withdrawn_at >= $3::timestamptz AND g.withdrawn_at < $4::timestamptz)) AS opted_out
       FROM cases x
      ORDER BY x.id`,
    [w.from, w.to, w.fromAt.toISOString(), w.toAt.toISOString()],
  );
  return rows.map((r) => ({
    accountId: r.case_id, arm: r.arm, cured: r.cured, rolledForward: r.rolled_forward, recoveredFen: Number(r.recovered_fen),
    contacts: Number(r.contacts), complained: r.complained, optedOut: r.opted_out,
  }));
}

const limitsOf = (e: ExperimentRow) => ({ complaintMargin: e.complaintMargin, optOutMargin: e.optOutMargin, minAccountsPerArm: e.minAccountsPerArm });

/** `asOf` defaults to the stop date of a stopped experiment, else today: the whole observed window. */
export async function experimentReport(deps: ReportDeps, experimentId: string, requestedAsOf?: CalendarDate): Promise<ExperimentReport> {
  const exec = deps.database.sql;
  const experiment = await getExperiment(exec, experimentId);
  const zone = deps.config.defaultTimeZone;
  const asOf = requestedAsOf ?? (experiment.stoppedAt ? localDate(new Date(experiment.stoppedAt), zone) : todayInZone(deps.now(), zone));
  const [champion, challenger] = [await getVersion(exec, experiment.championVersionId), await getVersion(exec, experiment.challengerVersionId)];
  const window = experimentWindow(experiment, asOf, deps.config.defaultTimeZone);
  const comparison = compareArms(await experimentOutcomes(exec, experiment, asOf, deps.config.defaultTimeZone));
  return {
    experiment,
    champion: { id: champion.id, strategyId: champion.strategyId, version: champion.version },
    challenger: { id: challenger.id, strategyId: challenger.strategyId, version: challenger.version },
    window: { from: window.from, to: window.to },
    comparison,
    guardrail: guardrailVerdict(comparison, limitsOf(experiment)),
    stoppedByGuardrail: experiment.status === 'stopped' && experiment.stoppedBy === GUARDRAIL_ACTOR,
  };
}

export type GuardrailCheck = { experimentId: string; verdict: GuardrailVerdict; stopped: boolean } | null;

/**
 * Run after each daily run: compares the running experiment's arms on complaint and opt-out rates
 * and, when the challenger exceeds the champion by more than a margin, stops the experiment — one
 * transaction with the audit event carrying the figures and the reason. The next run's
 * loadStrategyPlan then has no challenger, so everyone is treated with the champion.
 */
export async function enforceGuardrails(deps: ReportDeps, asOf: CalendarDate): Promise<GuardrailCheck> {
  const zone = deps.config.defaultTimeZone;
  const running = await runningExperiment(deps.database.sql);
  if (!running) return null;
  const comparison = compareArms(await experimentOutcomes(deps.database.sql, running, asOf, zone));
  const verdict = guardrailVerdict(comparison, limitsOf(running));
  if (!verdict.stop) return { experimentId: running.id, verdict, stopped: false };
  const at = deps.now();
  const reason = verdict.breaches.map((b) => b.reason).join('; ');
  const figures = {
    asOf,
    accounts: { champion: comparison.champion.accounts, challenger: comparison.challenger.accounts },
    complaintRate: { champion: comparison.champion.complaintRate, challenger: comparison.challenger.complaintRate, difference: comparison.difference.complaintRate },
    optOutRate: { champion: comparison.champion.optOutRate, challenger: comparison.challenger.optOutRate, difference: comparison.difference.optOutRate },
    margins: { complaintMargin: running.complaintMargin, optOutMargin: running.optOutMargin },
    breaches: verdict.breaches,
  };
  const stopped = await deps.database.transaction(async (exec) => {
    const { rows } = await exec.query<{ id: string }>(
      `UPDATE strategy_experiments SET status = 'stopped', stop_reason = $2, stopped_at = $3::timestamptz, stopped_by = $4, guardrail = $5::jsonb
        WHERE id = $1 AND status = 'running' RETURNING id`,
      [running.id, reason, at.toISOString(), GUARDRAIL_ACTOR, JSON.stringify(figures)],
    );
    if (!rows[0]) return false; // stopped by someone else meanwhile
    await recordAudit(exec, {
      actor: systemActor('guardrail'), action: 'collections.experiment.stopped-by-guardrail', entityType: 'strategy-experiment', entityId: running.id,
      before: { status: 'running' }, after: { status: 'stopped', ...figures }, reason,
    }, at);
    return true;
  });
  return { experimentId: running.id, verdict, stopped };
}
