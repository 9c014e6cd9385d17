/**
 * The simulation's edge: loads the last N days of delinquency snapshots and what the strategy reads
 * about each loan, plans both the candidate and the active strategy (pure), loads the real
 * compliance context (loadContactContext — the same loader queueMessage and the workbench use) for
 * each (customer, day) that has a planned contact, then assesses both over the same days (pure).
 */
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { addDays, todayInZone, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';
import { loadContactContexts } from '../../compliance/context/load-contact-context.ts';
import type { CompliancePolicy, ContactContext } from '../../compliance/compliance.types.ts';
import {
  assessTreatments, contextKey, DEFAULT_UNIT_COSTS_FEN, planTreatments, simulationDays,
  type SimulatedLoan, type SimulationSummary,
} from '../strategies/simulate-strategy.ts';
import type { CareFlag, Strategy, StrategyChannel } from '../strategies/index.ts';
import type { ReportDeps } from './experiment-report.ts';

export type SimulationOptions = { days?: number; asOf?: CalendarDate; unitCostsFen?: Partial<Record<StrategyChannel, Fen>> };
export type SimulationComparison = {
  window: { from: CalendarDate; to: CalendarDate; daysWithSnapshots: number };
  unitCostsFen: Record<StrategyChannel, Fen>;
  candidate: SimulationSummary;
  active: SimulationSummary;
};

export async function simulateAgainstActive(deps: ReportDeps, candidate: Strategy, active: Strategy, options: SimulationOptions = {}): Promise<SimulationComparison> {
  const exec = deps.database.sql;
  const zone = deps.config.defaultTimeZone;
  const count = options.days ?? 30;
  if (!Number.isInteger(count) || count < 1 || count > 366) {
    throw new DomainError('validation', { zh: '模拟天数须为 1–366', en: 'days must be 1–366' }, [{ field: 'days', message: 'between 1 and 366 / 须在 1 到 366 之间' }]);
  }
  const to = options.asOf ?? todayInZone(deps.now(), zone);
  const from = addDays(to, 1 - count);
  const { rows: dayRows } = await exec.query<{ as_of: string }>(
    `SELECT DISTINCT as_of::text AS as_of FROM delinquency_snapshots WHERE as_of BETWEEN $1::date AND $2::date ORDER BY 1`,
    [from, to],
  );
  const days = simulationDays(dayRows.map((r) => r.as_of), zone);
  const loans = await loadLoans(exec, from, to);
  const plans = { candidate: planTreatments(candidate, loans, days), active: planTreatments(active, loans, days) };

  // The real context of each customer with a contact in either plan, as of that day's instant: one
  // bulk load per replayed day (loadContactContexts, the loader the hub and the daily run use).
  const contexts = new Map<string, { context: ContactContext; policy: CompliancePolicy }>();
  for (const { day, at } of days) {
    const ids = new Set([...plans.candidate, ...plans.active].filter((p) => p.day === day && p.action.contact).map((p) => p.customerId));
    if (ids.size === 0) continue;
    for (const [customerId, { context, policy }] of await loadContactContexts(exec, [...ids], at)) contexts.set(contextKey(customerId, day), { context, policy });
  }
  const customerIds = [...new Set(loans.map((l) => l.customerId))];
  const { rows: points } = await exec.query<{ customer_id: string; kind: string }>(
    `SELECT DISTINCT customer_id, kind FROM contact_points WHERE customer_id = ANY($1::uuid[]) AND relationship = 'self' AND marked_wrong_at IS NULL`,
    [customerIds],
  );
  const contactPoints = new Map<string, Set<string>>();
  for (const p of points) contactPoints.set(p.customer_id, (contactPoints.get(p.customer_id) ?? new Set()).add(p.kind));
  const { rows: templates } = await exec.query<{ key: string }>(
    `SELECT DISTINCT t.key FROM message_templates t JOIN template_versions v ON v.template_id = t.id WHERE v.status = 'approved'`,
  );
  const approvedTemplates = new Set(templates.map((t) => t.key));
  const replayed = loans.filter((l) => days.some((d) => l.snapshots[d.day])).length;
  const common = { loans: replayed, days: days.length, contexts, contactPoints, approvedTemplates, unitCostsFen: options.unitCostsFen ?? {} };
  return {
    window: { from, to, daysWithSnapshots: days.length },
    unitCostsFen: { ...DEFAULT_UNIT_COSTS_FEN, ...(options.unitCostsFen ?? {}) },
    candidate: assessTreatments({ ...common, strategy: candidate, planned: plans.candidate }),
    active: assessTreatments({ ...common, strategy: active, planned: plans.active }),
  };
}

async function loadLoans(exec: SqlExecutor, from: CalendarDate, to: CalendarDate): Promise<SimulatedLoan[]> {
  const { rows: snaps } = await exec.query<{ loan_id: string; as_of: string; dpd: number }>(
    `SELECT loan_id, as_of::text AS as_of, dpd FROM delinquency_snapshots WHERE as_of BETWEEN $1::date AND $2::date`,
    [from, to],
  );
  const loanIds = [...new Set(snaps.map((s) => s.loan_id))];
  if (loanIds.length === 0) return [];
  const { rows: loanRows } = await exec.query<{
    loan_id: string; customer_id: string; product: SimulatedLoan['product']; customer_type: SimulatedLoan['customerType']; birth_date: string | null;
    outstanding_fen: number | string | null; willingness: SimulatedLoan['willingness'] | null;
  }>(
    `SELECT l.id AS loan_id, l.customer_id, l.product, cu.type AS customer_type, cu.birth_date::text AS birth_date,
            (SELECT sum(i.principal_fen + i.interest_fen + i.fee_fen - i.paid_principal_fen - i.paid_interest_fen - i.paid_fee_fen)
               FROM instalments i WHERE i.loan_id = l.id) AS outstanding_fen,
            (SELECT c.willingness FROM collection_cases c WHERE c.loan_id = l.id ORDER BY c.opened_on DESC LIMIT 1) AS willingness
       FROM loans l JOIN customers cu ON cu.id = l.customer_id
      WHERE l.id = ANY($1::uuid[])`,
    [loanIds],
  );
  const { rows: promises } = await exec.query<{ loan_id: string; promised_on: string; due_on: string; amount_fen: number | string; status: 'open' | 'kept' | 'broken'; resolved_on: string | null }>(
    `SELECT loan_id, promised_on::text AS promised_on, due_on::text AS due_on, amount_fen, status, resolved_on::text AS resolved_on
       FROM promises_to_pay WHERE loan_id = ANY($1::uuid[])`,
    [loanIds],
  );
  const customerIds = [...new Set(loanRows.map((l) => l.customer_id))];
  const { rows: flags } = await exec.query<{ customer_id: string; flag: CareFlag; set_at: Date; cleared_at: Date | null }>(
    `SELECT customer_id, flag, set_at, cleared_at FROM customer_contact_flags WHERE customer_id = ANY($1::uuid[])`,
    [customerIds],
  );
  const byLoan = <T extends { loan_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.loan_id, [...(m.get(r.loan_id) ?? []), r]);
    return m;
  };
  const snapsByLoan = byLoan(snaps);
  const promisesByLoan = byLoan(promises);
  return loanRows
    .sort((a, b) => (a.loan_id < b.loan_id ? -1 : 1))
    .map((l) => ({
      loanId: l.loan_id, customerId: l.customer_id, product: l.product, customerType: l.customer_type, birthDate: l.birth_date,
      outstandingFen: Math.max(0, Number(l.outstanding_fen ?? 0)), willingness: l.willingness ?? 'unknown',
      snapshots: Object.fromEntries((snapsByLoan.get(l.loan_id) ?? []).map((s) => [s.as_of, { dpd: Number(s.dpd) }])),
      promises: (promisesByLoan.get(l.loan_id) ?? []).map((p) => ({
        promisedOn: p.promised_on, dueOn: p.due_on, amountFen: Number(p.amount_fen), status: p.status, resolvedOn: p.resolved_on,
      })),
      flags: flags.filter((f) => f.customer_id === l.customer_id).map((f) => ({ flag: f.flag, setAt: new Date(f.set_at), clearedAt: f.cleared_at ? new Date(f.cleared_at) : null })),
    }));
}
