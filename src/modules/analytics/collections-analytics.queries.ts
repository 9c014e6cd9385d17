/**
 * Loads the collections figures for a period. The SQL groups and sums (counts per bucket, per
 * transition, per channel, per refusal rule); the pure rules in ./rules turn those into shares,
 * intervals and matrices. The one per-account read is champion / challenger, because compareArms
 * needs each account's outcome for its intervals: it reads case ids and numbers only, never a person.
 */
import type { SqlExecutor } from '../../platform/db/client.ts';
import { compareArms, type AccountOutcome, type Arm } from '../collections/measurement/index.ts';
import { recoveryPerCost, type ContactChannel } from './rules/contact-cost.ts';
import { monthEndSnapshots, monthPairs, type Period } from './rules/period.ts';
import { rate } from './rules/rates.ts';
import { BUCKET_CODES, REPORT_BUCKETS, reportBucket, rollRateMatrix, type ReportBucket, type TransitionCell } from './rules/roll-rate.ts';

/** Case overlaps the period: opened by its end, not closed before its start. */
const CASE_IN_PERIOD = `c.opened_on <= $2::date AND (c.closed_on IS NULL OR c.closed_on >= $1::date)`;
/** Action kinds that are not a contact with the borrower (paperwork and proposals). */
const NOT_CONTACTS = `('evidence-pack-task', 'legal-referral-proposal', 'external-agency-proposal')`;
/** The channel of a contact: an agent task's step may carry none, its kind says which. */
const CONTACT_CHANNEL = (a: string) => `COALESCE(${a}.channel, CASE ${a}.kind WHEN 'agent-call-task' THEN 'phone' WHEN 'agent-chat-task' THEN 'online-chat' WHEN 'field-visit-task' THEN 'field-visit' END)`;
/** Contacts not made: refused by the compliance engine, or no template / contact point. */
const NOT_MADE = `('blocked-by-compliance', 'not-sent')`;

/**
 * The day a loan that is no longer active left the book: the close of its last case for that reason,
 * else its last repayment, else its last update. Null for active loans. (loans keep no status history.)
 */
const LEFT_BOOK_ON = `CASE WHEN l.status = 'active' THEN NULL ELSE COALESCE(
  (SELECT max(c.closed_on) FROM collection_cases c WHERE c.loan_id = l.id AND c.close_reason LIKE 'loan-%'),
  (SELECT max(r.value_date) FROM repayments r WHERE r.loan_id = l.id),
  (l.updated_at AT TIME ZONE 'Asia/Shanghai')::date) END`;

export async function runDaysIn(exec: SqlExecutor, period: Period): Promise<string[]> {
  const { rows } = await exec.query<{ as_of: string }>(
    `SELECT DISTINCT as_of::text AS as_of FROM collection_runs WHERE status = 'completed' AND as_of BETWEEN $1::date AND $2::date ORDER BY 1`,
    [period.from, period.to],
  );
  return rows.map((r) => r.as_of);
}

export async function bucketDistribution(exec: SqlExecutor, period: Period, runDays: string[]) {
  const days = period.granularity === 'day' ? runDays : monthEndSnapshots(runDays);
  if (days.length === 0) return { granularity: period.granularity, points: [] };
  const { rows } = await exec.query<{ as_of: string; bucket: string; accounts: number; overdue_fen: string | number }>(
    `SELECT as_of::text AS as_of, bucket, count(*)::int AS accounts, sum(overdue_fen) AS overdue_fen
       FROM delinquency_snapshots WHERE as_of = ANY($1::date[]) GROUP BY as_of, bucket`,
    [days],
  );
  const points = days.map((date) => {
    const totals = new Map<ReportBucket, { accounts: number; overdueFen: number }>(REPORT_BUCKETS.map((b) => [b, { accounts: 0, overdueFen: 0 }]));
    for (const r of rows.filter((x) => x.as_of === date)) {
      const group = reportBucket(r.bucket);
      if (!group) continue;
      const t = totals.get(group)!;
      t.accounts += Number(r.accounts);
      t.overdueFen += Number(r.overdue_fen);
    }
    return { date, buckets: REPORT_BUCKETS.map((bucket) => ({ bucket, ...totals.get(bucket)! })) };
  });
  return { granularity: period.granularity, points };
}

/** Transitions between two snapshot days, grouped; balance = principal outstanding at the first day. */
export async function transitions(exec: SqlExecutor, fromDay: string, toDay: string): Promise<TransitionCell[]> {
  const { rows } = await exec.query<{ from_state: string; to_state: string; accounts: number; balance_fen: string | number }>(
    `WITH book AS (
       SELECT l.id, l.disbursement_date, ${LEFT_BOOK_ON} AS left_on FROM loans l
     ), pairs AS (
       SELECT COALESCE(a.bucket, 'M0') AS from_state,
              CASE WHEN b.bucket IS NOT NULL THEN b.bucket WHEN k.left_on IS NOT NULL AND k.left_on <= $2::date THEN 'closed' ELSE 'M0' END AS to_state,
              GREATEST(0, (SELECT COALESCE(sum(i.principal_fen), 0) FROM instalments i WHERE i.loan_id = k.id)
                 - (SELECT COALESCE(sum(ra.amount_fen), 0) FROM repayment_allocations ra JOIN repayments r ON r.id = ra.repayment_id
                     WHERE r.loan_id = k.id AND ra.component = 'principal' AND r.value_date <= $1::date)) AS balance_fen
         FROM book k
         LEFT JOIN delinquency_snapshots a ON a.loan_id = k.id AND a.as_of = $1::date
         LEFT JOIN delinquency_snapshots b ON b.loan_id = k.id AND b.as_of = $2::date
        WHERE k.disbursement_date <= $1::date AND (k.left_on IS NULL OR k.left_on > $1::date OR a.loan_id IS NOT NULL)
     )
     SELECT from_state, to_state, count(*)::int AS accounts, sum(balance_fen) AS balance_fen FROM pairs GROUP BY 1, 2`,
    [fromDay, toDay],
  );
  return rows.map((r) => ({ from: r.from_state, to: r.to_state, accounts: Number(r.accounts), balanceFen: Number(r.balance_fen) }));
}

export async function rollRates(exec: SqlExecutor, runDays: string[]) {
  const out = [];
  for (const [a, b] of monthPairs(monthEndSnapshots(runDays))) out.push(rollRateMatrix(a, b, await transitions(exec, a, b)));
  return out;
}

/** Cases worked in the period by their last bucket in it (before the cure), and how many were cured in it. */
export async function cureRates(exec: SqlExecutor, period: Period) {
  const { rows } = await exec.query<{ bucket: string | null; cases: number; cured: number }>(
    `SELECT (SELECT s.bucket FROM delinquency_snapshots s
              WHERE s.loan_id = c.loan_id AND s.as_of >= c.opened_on AND s.as_of <= LEAST($2::date, COALESCE(c.closed_on, $2::date))
              ORDER BY s.as_of DESC LIMIT 1) AS bucket,
            count(*)::int AS cases,
            count(*) FILTER (WHERE c.close_reason = 'cured' AND c.closed_on BETWEEN $1::date AND $2::date)::int AS cured
       FROM collection_cases c WHERE ${CASE_IN_PERIOD} GROUP BY 1`,
    [period.from, period.to],
  );
  return REPORT_BUCKETS.map((bucket) => {
    const hit = rows.filter((r) => r.bucket !== null && reportBucket(r.bucket) === bucket);
    return { bucket, ...rate(hit.reduce((s, r) => s + Number(r.cured), 0), hit.reduce((s, r) => s + Number(r.cases), 0)) };
  });
}

export async function promiseFigures(exec: SqlExecutor, period: Period) {
  const { rows } = await exec.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM promises_to_pay WHERE due_on BETWEEN $1::date AND $2::date GROUP BY status`,
    [period.from, period.to],
  );
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const kept = n('kept');
  const broken = n('broken');
  return { due: kept + broken + n('open'), kept, broken, open: n('open'), keptRate: rate(kept, kept + broken) };
}

export async function contactFigures(exec: SqlExecutor, period: Period) {
  const { rows: [acc] } = await exec.query<{ n: number }>(`SELECT count(DISTINCT c.loan_id)::int AS n FROM collection_cases c WHERE ${CASE_IN_PERIOD}`, [period.from, period.to]);
  const { rows } = await exec.query<{ channel: string; n: number }>(
    `SELECT ${CONTACT_CHANNEL('a')} AS channel, count(*)::int AS n FROM collection_actions a
      WHERE a.as_of BETWEEN $1::date AND $2::date AND ${CONTACT_CHANNEL('a')} IS NOT NULL AND a.kind NOT IN ${NOT_CONTACTS} AND a.status NOT IN ${NOT_MADE}
      GROUP BY 1 ORDER BY 1`,
    [period.from, period.to],
  );
  const accounts = Number(acc?.n ?? 0);
  const byChannel = rows.map((r) => ({ channel: r.channel, contacts: Number(r.n), perAccount: accounts ? Number(r.n) / accounts : null }));
  return { accounts, total: byChannel.reduce((s, c) => s + c.contacts, 0), byChannel };
}

/** Collection contacts refused by the compliance engine, by rule (one refusal can cite several rules). */
export async function refusalFigures(exec: SqlExecutor, period: Period, timeZone: string) {
  const range = `d.at >= ($1::date)::timestamp AT TIME ZONE $3 AND d.at < ($2::date + 1)::timestamp AT TIME ZONE $3 AND d.proposal->>'purpose' = 'collections'`;
  const { rows: [total] } = await exec.query<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_denials d WHERE ${range}`, [period.from, period.to, timeZone]);
  const { rows } = await exec.query<{ rule: string; n: number }>(
    `SELECT e->>'rule' AS rule, count(*)::int AS n FROM compliance_denials d, jsonb_array_elements(d.denials) e WHERE ${range} GROUP BY 1 ORDER BY 2 DESC, 1`,
    [period.from, period.to, timeZone],
  );
  return { total: Number(total?.n ?? 0), byReason: rows.map((r) => ({ rule: r.rule, refusals: Number(r.n) })) };
}

/** Repayments valued in the period on a loan whose case was open that day (the day a payment cures, the case closes). */
export async function recoveredFen(exec: SqlExecutor, period: Period): Promise<number> {
  const { rows: [row] } = await exec.query<{ fen: string | number | null }>(
    `SELECT sum(r.amount_fen) AS fen FROM repayments r
      WHERE r.value_date BETWEEN $1::date AND $2::date
        AND EXISTS (SELECT 1 FROM collection_cases c WHERE c.loan_id = r.loan_id AND c.opened_on <= r.value_date AND (c.closed_on IS NULL OR c.closed_on >= r.value_date))`,
    [period.from, period.to],
  );
  return Number(row?.fen ?? 0);
}

export async function recoveryFigures(exec: SqlExecutor, period: Period, contacts: { byChannel: Array<{ channel: string; contacts: number }> }, unitCosts: Record<ContactChannel, number>) {
  const byChannel = Object.fromEntries(contacts.byChannel.map((c) => [c.channel, c.contacts]));
  return recoveryPerCost(await recoveredFen(exec, period), byChannel, unitCosts);
}

/** One outcome per case worked in the period, with the arm fixed when the case opened. */
export async function armOutcomes(exec: SqlExecutor, period: Period, timeZone: string): Promise<AccountOutcome[]> {
  const { rows } = await exec.query<{
    id: string; arm: Arm; cured: boolean; first_bucket: string | null; last_bucket: string | null; recovered: string | number | null;
    contacts: number; complained: boolean; opted_out: boolean;
  }>(
    `SELECT c.id, c.arm,
            (c.close_reason = 'cured' AND c.closed_on BETWEEN $1::date AND $2::date) AS cured,
            (SELECT s.bucket FROM delinquency_snapshots s WHERE s.loan_id = c.loan_id AND s.as_of BETWEEN GREATEST($1::date, c.opened_on) AND LEAST($2::date, COALESCE(c.closed_on, $2::date)) ORDER BY s.as_of LIMIT 1) AS first_bucket,
            (SELECT s.bucket FROM delinquency_snapshots s WHERE s.loan_id = c.loan_id AND s.as_of BETWEEN GREATEST($1::date, c.opened_on) AND LEAST($2::date, COALESCE(c.closed_on, $2::date)) ORDER BY s.as_of DESC LIMIT 1) AS last_bucket,
            (SELECT sum(r.amount_fen) FROM repayments r WHERE r.loan_id = c.loan_id AND r.value_date BETWEEN GREATEST($1::date, c.opened_on) AND LEAST($2::date, COALESCE(c.closed_on, $2::date))) AS recovered,
            (SELECT count(*)::int FROM collection_actions a WHERE a.case_id = c.id AND a.as_of BETWEEN $1::date AND $2::date AND ${CONTACT_CHANNEL('a')} IS NOT NULL AND a.kind NOT IN ${NOT_CONTACTS} AND a.status NOT IN ${NOT_MADE}) AS contacts,
            EXISTS (SELECT 1 FROM complaints p WHERE p.customer_id = c.customer_id AND p.category = 'collection-conduct'
                     AND p.received_at >= ($1::date)::timestamp AT TIME ZONE $3 AND p.received_at < ($2::date + 1)::timestamp AT TIME ZONE $3) AS complained,
            EXISTS (SELECT 1 FROM contact_opt_outs o WHERE o.customer_id = c.customer_id
                     AND o.at >= ($1::date)::timestamp AT TIME ZONE $3 AND o.at < ($2::date + 1)::timestamp AT TIME ZONE $3) AS opted_out
       FROM collection_cases c WHERE ${CASE_IN_PERIOD}`,
    [period.from, period.to, timeZone],
  );
  const rank = (b: string | null) => (b === null ? -1 : BUCKET_CODES.indexOf(b));
  return rows.map((r) => ({
    accountId: r.id,
    arm: r.arm,
    cured: Boolean(r.cured),
    rolledForward: rank(r.last_bucket) > rank(r.first_bucket) && r.first_bucket !== null,
    recoveredFen: Number(r.recovered ?? 0),
    contacts: Number(r.contacts),
    complained: Boolean(r.complained),
    optedOut: Boolean(r.opted_out),
  }));
}

export async function collectionsAnalytics(exec: SqlExecutor, period: Period, opts: { timeZone: string; unitCosts: Record<ContactChannel, number> }) {
  const runDays = await runDaysIn(exec, period);
  const contacts = await contactFigures(exec, period);
  return {
    period: { from: period.from, to: period.to },
    bucketDistribution: await bucketDistribution(exec, period, runDays),
    rollRates: await rollRates(exec, runDays),
    cureRates: await cureRates(exec, period),
    promises: await promiseFigures(exec, period),
    contacts,
    refusals: await refusalFigures(exec, period, opts.timeZone),
    recovery: await recoveryFigures(exec, period, contacts, opts.unitCosts),
    championChallenger: compareArms(await armOutcomes(exec, period, opts.timeZone)),
  };
}
