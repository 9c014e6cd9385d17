/**
 * Loads the complaint figures for a period: complaints received in it (merged repeats are not
 * counted again). Counts are grouped in SQL; the time-limit verdicts come from the complaints
 * module's own clock (computeComplaintClock over the stored events, the same answer as the complaint
 * page) because deadlines are computed, not stored — that read is per complaint, ids and instants only.
 */
import type { SqlExecutor } from '../../platform/db/client.ts';
import { computeComplaintClock, type ClockLine } from '../complaints/rules/index.ts';
import { CLOCK_PROFILE, clockEventsOf, type ComplaintEventRow } from '../complaints/complaint-support.ts';
import { attainment, perThousandTable, rootCauses, satisfaction, type ClockVerdict, type DecidedGroup } from './rules/complaint-metrics.ts';
import { monthEnd, monthsOf, type Period } from './rules/period.ts';
import { histogram, spread } from './rules/rates.ts';

const RECEIVED_IN = `p.received_at >= ($1::date)::timestamp AT TIME ZONE $3 AND p.received_at < ($2::date + 1)::timestamp AT TIME ZONE $3 AND p.merged_into_id IS NULL`;
/** Days to resolve, binned for the histogram: same day, 1–3, 3–7, 7–15 (the 15-day limit), 15–30, 30–60, beyond. */
export const RESOLVE_EDGES = [0, 1, 3, 7, 15, 30, 60];

/** Loans on the book at some time in [from, to] (see collections-analytics LEFT_BOOK_ON; loans keep no status history). */
const ON_BOOK = `l.disbursement_date <= $2::date AND (l.status = 'active' OR (l.updated_at AT TIME ZONE 'Asia/Shanghai')::date >= $1::date)`;

export async function complaintAnalytics(exec: SqlExecutor, period: Period, opts: { timeZone: string; now: Date }) {
  const args = [period.from, period.to, opts.timeZone];
  const q = async <R>(text: string, params: unknown[] = args) => (await exec.query<R>(text, params)).rows;

  const [total] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM complaints p WHERE ${RECEIVED_IN}`);
  const [acc] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM loans l WHERE ${ON_BOOK}`, [period.from, period.to]);
  const accounts = Number(acc?.n ?? 0);
  const counted = (rows: Array<{ key: string | null; n: number }>) => rows.map((r) => ({ key: r.key ?? 'unclassified', complaints: Number(r.n) }));
  const accountsBy = (rows: Array<{ key: string; n: number }>) => rows.map((r) => ({ key: r.key, accounts: Number(r.n) }));

  const byCategory = await q<{ key: string | null; n: number }>(`SELECT p.category AS key, count(*)::int AS n FROM complaints p WHERE ${RECEIVED_IN} GROUP BY 1`);
  const byProduct = await q<{ key: string | null; n: number }>(`SELECT p.product AS key, count(*)::int AS n FROM complaints p WHERE ${RECEIVED_IN} GROUP BY 1`);
  const byBranch = await q<{ key: string | null; n: number }>(
    `SELECT cu.branch_id AS key, count(*)::int AS n FROM complaints p LEFT JOIN customers cu ON cu.id = p.customer_id WHERE ${RECEIVED_IN} GROUP BY 1`,
  );
  const byMonth = await q<{ key: string; n: number }>(
    `SELECT to_char(p.received_at AT TIME ZONE $3, 'YYYY-MM') AS key, count(*)::int AS n FROM complaints p WHERE ${RECEIVED_IN} GROUP BY 1`,
  );
  const productAccounts = await q<{ key: string; n: number }>(`SELECT l.product AS key, count(*)::int AS n FROM loans l WHERE ${ON_BOOK} GROUP BY 1`, [period.from, period.to]);
  const branchAccounts = await q<{ key: string; n: number }>(`SELECT l.branch_id AS key, count(*)::int AS n FROM loans l WHERE ${ON_BOOK} GROUP BY 1`, [period.from, period.to]);
  const monthAccounts = [];
  for (const month of monthsOf(period)) {
    const start = `${month}-01` < period.from ? period.from : `${month}-01`;
    const end = monthEnd(month) > period.to ? period.to : monthEnd(month);
    const [m] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM loans l WHERE ${ON_BOOK}`, [start, end]);
    monthAccounts.push({ key: month, accounts: Number(m?.n ?? 0) });
  }
  const categoryTable = perThousandTable(counted(byCategory), []).map((r) => ({ ...r, accounts, perThousand: accounts ? (r.complaints * 1000) / accounts : null }));

  const decided = await q<{ category: string | null; outcome: DecidedGroup['outcome']; remedies: string[] | null; n: number }>(
    `SELECT p.category, p.outcome, p.remedies, count(*)::int AS n FROM complaints p WHERE ${RECEIVED_IN} AND p.outcome IS NOT NULL GROUP BY 1, 2, 3`,
  );

  // Time limits, per complaint from its events.
  const clocks = await q<{ id: string; received_at: Date | string; regulator_deadline: string | null; regulator_reference: string | null; month: string }>(
    `SELECT p.id, p.received_at, p.regulator_deadline::text AS regulator_deadline, p.regulator_reference, to_char(p.received_at AT TIME ZONE $3, 'YYYY-MM') AS month
       FROM complaints p WHERE ${RECEIVED_IN}`,
  );
  const events = clocks.length
    ? await q<{ complaint_id: string; type: ComplaintEventRow['type']; at: Date | string; payload: Record<string, unknown> }>(
        `SELECT complaint_id, type, at, payload FROM complaint_events WHERE complaint_id = ANY($1::uuid[]) ORDER BY complaint_id, seq`,
        [clocks.map((c) => c.id)],
      )
    : [];
  const verdicts = clocks.map((c) => {
    const rows = events.filter((e) => e.complaint_id === c.id).map((e) => ({ ...e, at: new Date(e.at) }) as unknown as ComplaintEventRow);
    const clock = computeComplaintClock({
      profile: CLOCK_PROFILE, receivedAt: new Date(c.received_at), timeZone: opts.timeZone, now: opts.now,
      events: clockEventsOf({ regulatorDeadline: c.regulator_deadline, regulatorReference: c.regulator_reference }, rows),
    });
    const line = (name: ClockLine['clock']): ClockVerdict => clock.clocks.find((l) => l.clock === name)?.status ?? 'pending';
    return { month: c.month, firstHandling: line('first-handling'), decision: line('decision') };
  });

  const resolved = await q<{ days: number }>(
    `SELECT EXTRACT(EPOCH FROM (COALESCE(p.decided_at, p.closed_at) - p.received_at)) / 86400.0 AS days
       FROM complaints p WHERE ${RECEIVED_IN} AND COALESCE(p.decided_at, p.closed_at) IS NOT NULL`,
  );
  const days = resolved.map((r) => Number(r.days));
  const s = spread(days);

  const [sent] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM satisfaction_surveys v JOIN complaints p ON p.id = v.complaint_id WHERE ${RECEIVED_IN}`);
  const scores = await q<{ score: number; n: number }>(
    `SELECT v.score, count(*)::int AS n FROM satisfaction_surveys v JOIN complaints p ON p.id = v.complaint_id
      WHERE ${RECEIVED_IN} AND v.status = 'answered' AND v.score IS NOT NULL GROUP BY 1`,
  );

  return {
    period: { from: period.from, to: period.to },
    complaints: Number(total?.n ?? 0),
    accounts,
    perThousand: {
      byCategory: categoryTable,
      byProduct: perThousandTable(counted(byProduct), accountsBy(productAccounts)),
      byBranch: perThousandTable(counted(byBranch), accountsBy(branchAccounts)),
      byMonth: perThousandTable(counted(byMonth), monthAccounts),
    },
    rootCauses: rootCauses(decided.map((d) => ({ category: d.category ?? 'unclassified', outcome: d.outcome, remedies: d.remedies ?? [], complaints: Number(d.n) }))),
    timeliness: {
      firstHandling: attainment(verdicts.map((v) => v.firstHandling)),
      decision: attainment(verdicts.map((v) => v.decision)),
      byMonth: monthsOf(period).map((month) => {
        const inMonth = verdicts.filter((v) => v.month === month);
        return { month, firstHandling: attainment(inMonth.map((v) => v.firstHandling)), decision: attainment(inMonth.map((v) => v.decision)) };
      }),
    },
    timeToResolve: { count: s.count, medianDays: s.median, p90Days: s.p90, meanDays: s.mean, histogram: histogram(days, RESOLVE_EDGES) },
    satisfaction: satisfaction(Number(sent?.n ?? 0), scores.map((r) => ({ score: Number(r.score), answers: Number(r.n) }))),
  };
}
