/**
 * The daily delinquency run (贷后日批), idempotent per as-of date. See ./README.md.
 *
 *  1. snapshot  — days past due for every active loan (bulk, `delinquentLoans`, grace days from
 *                 config), stored in delinquency_snapshots; open a case for each delinquent loan
 *                 without one (arm fixed at opening), refresh DPD / bucket on the open ones;
 *  2. close     — close open cases whose loan is not past due today (cured, or the loan left the book);
 *  3. promises  — mark open promises to pay kept / broken;
 *  4. treat     — per open case: the strategy of its arm (`nextTreatment`), and when a treatment is
 *                 due today, the day's action: a reminder through `queueMessages`, one bulk call per
 *                 batch (compliance-checked per message;
 *                 a refusal is recorded as blocked-by-compliance with the reason), an agent task, or
 *                 a referral proposal awaiting supervisor approval.
 * Every batch is one transaction together with its summary audit event and the run's counters, so a
 * run killed at any point leaves whole batches only. Re-running the day skips cases that already
 * have the day's action (unique (case_id, as_of), inserts ON CONFLICT DO NOTHING), and a message's
 * idempotency key is the action's deterministic key `collections:<case>:<asOf>:<segment>:<step>`.
 */
import { recordAudit, type AuditAction } from '../../../platform/audit/index.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { delinquentLoans, type LoanDelinquency } from '../../loans/portfolio-delinquency.ts';
import { queueMessages, type QueueMessageInput } from '../../communications/outbox/queue-message.ts';
import type { MessageChannel } from '../../communications/outbox/outbox.schema.ts';
import { armFor, type Arm } from '../measurement/index.ts';
import {
  DEFAULT_STRATEGY, nextTreatment, type CollectionAccount, type PlannedTreatment, type PromiseToPay, type Strategy, type TreatmentRecord,
} from '../strategies/index.ts';
import type { ActionKind, ActionStatus } from '../cases/cases.schema.ts';
import { markPromises } from '../cases/promises.ts';

/** One summary audit event per committed batch (its phase and counts in `after`). */
export const DAILY_RUN_AUDIT_ACTION: AuditAction = 'collections.daily-run.batch';

export type DailyRunPhase = 'snapshot' | 'close' | 'promises' | 'treat' | 'done';
export type DailyRunProgress = { phase: DailyRunPhase; done: number; total: number };

export type DailyRunDeps = Pick<AppDeps, 'database' | 'now'> & { config: Pick<AppDeps['config'], 'graceDays'> };

export type ChampionChallenger = {
  /** The challenger strategy; accounts in the challenger arm are treated with it. */
  strategy: Strategy;
  /** Fraction of accounts in the challenger arm (0–1). */
  share: number;
  /** Default `<champion id>-v<version>-vs-<challenger id>-v<version>`. */
  experimentId?: string;
};

export type DailyRunOptions = {
  asOf: CalendarDate;
  onProgress?: (p: DailyRunProgress) => void;
  strategy?: Strategy;
  challenger?: ChampionChallenger;
  /** Cases per treatment transaction (default 500); loans per snapshot transaction is 10×. */
  batchSize?: number;
  actor?: Actor;
  /** Test hook: called after each committed treatment batch (throw to simulate a killed run). */
  afterBatch?: (batch: number) => void | Promise<void>;
};

export type DailyRunCounts = {
  delinquentLoans: number;
  casesOpened: number;
  casesClosed: number;
  promisesKept: number;
  promisesBroken: number;
  casesEvaluated: number;
  actionsCreated: number;
  messagesQueued: number;
  messagesBlocked: number;
  batches: number;
};

export type DailyRunSummary = {
  runId: string;
  asOf: CalendarDate;
  /** 1 for the first execution of this as-of date, 2+ for re-runs. */
  execution: number;
  durationMs: number;
  /** What this execution created or changed (zero everywhere on a re-run of a completed day). */
  counts: DailyRunCounts;
  actionsByKind: Partial<Record<ActionKind, number>>;
  actionsByStatus: Partial<Record<ActionStatus, number>>;
};

const COLLECTIONS_ACTOR = systemActor('daily-collections-run');
const AUTOMATED_CHANNELS = new Set<string>(['sms', 'email', 'portal', 'letter']);

export async function runDailyCollections(deps: DailyRunDeps, options: DailyRunOptions): Promise<DailyRunSummary> {
  const { asOf } = options;
  if (!isValidCalendarDate(asOf)) throw new RangeError(`asOf must be a real date YYYY-MM-DD: ${String(asOf)}`);
  const champion = options.strategy ?? DEFAULT_STRATEGY;
  const challenger = options.challenger;
  const experiment = {
    id: challenger?.experimentId ?? `${champion.id}-v${champion.version}-vs-${challenger?.strategy.id ?? 'none'}-v${challenger?.strategy.version ?? 0}`,
    challengerShare: challenger?.share ?? 0,
  };
  const batchSize = options.batchSize ?? 500;
  const actor = options.actor ?? COLLECTIONS_ACTOR;
  const progress = options.onProgress ?? (() => undefined);
  const { database } = deps;
  const at = deps.now();
  const started = performance.now();

  const { rows: [run] } = await database.sql.query<{ id: string; executions: number }>(
    `INSERT INTO collection_runs (as_of, strategy_id, strategy_version, status, started_at)
     VALUES ($1::date, $2, $3, 'running', $4::timestamptz)
     ON CONFLICT (as_of, strategy_id, strategy_version) DO UPDATE
       SET status = 'running', executions = collection_runs.executions + 1, started_at = EXCLUDED.started_at, finished_at = NULL, error = NULL
     RETURNING id, executions`,
    [asOf, champion.id, champion.version, at.toISOString()],
  );
  const runId = run!.id;
  const counts: DailyRunCounts = {
    delinquentLoans: 0, casesOpened: 0, casesClosed: 0, promisesKept: 0, promisesBroken: 0,
    casesEvaluated: 0, actionsCreated: 0, messagesQueued: 0, messagesBlocked: 0, batches: 0,
  };
  const byKind: Partial<Record<ActionKind, number>> = {};
  const byStatus: Partial<Record<ActionStatus, number>> = {};

  /** One batch: lock the run row, do the work, audit it, add to the run's counters — one transaction. */
  const batch = <T extends Partial<DailyRunCounts>>(event: string, work: (exec: SqlExecutor) => Promise<{ added: T; detail?: object }>) =>
    database.transaction(async (exec) => {
      // Each batch's queries touch a few hundred rows through indexes, but the planner's estimates
      // over a large book cross jit_above_cost; compiling them (10–20 ms a query) costs more than
      // running them. Off for this transaction only.
      await exec.query('SET LOCAL jit = off');
      await exec.query(`SELECT id FROM collection_runs WHERE id = $1 FOR UPDATE`, [runId]);
      const { added, detail } = await work(exec);
      const sets = Object.entries(added).map(([k, v]) => `${snake(k)} = ${snake(k)} + ${Number(v)}`);
      await exec.query(`UPDATE collection_runs SET ${[...sets, 'batches = batches + 1'].join(', ')} WHERE id = $1`, [runId]);
      await recordAudit(exec, {
        actor, action: DAILY_RUN_AUDIT_ACTION, entityType: 'collection-run', entityId: runId,
        after: { event: `daily-run.${event}`, asOf, ...added, ...(detail ?? {}) },
      }, at);
      for (const [k, v] of Object.entries(added)) counts[k as keyof DailyRunCounts] += Number(v);
      counts.batches++;
      return added;
    });

  try {
    // 1. Snapshot and open cases.
    const delinquent: LoanDelinquency[] = [];
    for await (const loan of delinquentLoans(database.sql, asOf, deps.config.graceDays)) delinquent.push(loan);
    const snapshotChunk = batchSize * 10;
    progress({ phase: 'snapshot', done: 0, total: delinquent.length });
    for (let i = 0; i < delinquent.length; i += snapshotChunk) {
      const chunk = delinquent.slice(i, i + snapshotChunk);
      await batch('snapshot', (exec) => snapshotBatch(exec, asOf, chunk, experiment));
      progress({ phase: 'snapshot', done: Math.min(i + snapshotChunk, delinquent.length), total: delinquent.length });
    }

    // The day's cases and snapshots were just bulk-written: fresh statistics keep the treatment
    // phase's keyset scan and per-batch lookups on their indexes (without them a first run after a
    // large import plans them as if the tables were empty).
    await database.sql.query('ANALYZE collection_cases, delinquency_snapshots');

    // 2. Close cured cases.
    progress({ phase: 'close', done: 0, total: 1 });
    await batch('close', async (exec) => {
      const { rows } = await exec.query<{ id: string }>(
        `UPDATE collection_cases c
            SET status = 'closed', closed_on = $1::date, updated_on = $1::date,
                close_reason = CASE WHEN l.status = 'active' THEN 'cured' ELSE 'loan-' || l.status END
           FROM loans l
          WHERE l.id = c.loan_id AND c.status = 'open' AND c.opened_on <= $1::date
            AND NOT EXISTS (SELECT 1 FROM delinquency_snapshots s WHERE s.loan_id = c.loan_id AND s.as_of = $1::date)
         RETURNING c.id`,
        [asOf],
      );
      return { added: { casesClosed: rows.length } };
    });
    progress({ phase: 'close', done: 1, total: 1 });

    // 3. Promises to pay.
    progress({ phase: 'promises', done: 0, total: 1 });
    await batch('promises', async (exec) => {
      const marked = await markPromises(exec, asOf);
      return { added: { promisesKept: marked.kept.length, promisesBroken: marked.broken.length } };
    });
    progress({ phase: 'promises', done: 1, total: 1 });

    // 4. Treatments, in batches of open cases (keyset by id).
    const { rows: [open] } = await database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM collection_cases WHERE status = 'open'`);
    const total = Number(open?.n ?? 0);
    const templates = await approvedTemplateKeys(database.sql);
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    let batchNo = 0;
    progress({ phase: 'treat', done, total });
    for (;;) {
      const { rows: ids } = await database.sql.query<{ id: string }>(
        `SELECT id FROM collection_cases WHERE status = 'open' AND id > $1::uuid ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!.id;
      await batch('treat', (exec) =>
        treatBatch(exec, {
          asOf, at, runId, actor, templates, champion, challenger: challenger?.strategy ?? null,
          caseIds: ids.map((r) => r.id), byKind, byStatus,
        }),
      );
      done += ids.length;
      batchNo++;
      progress({ phase: 'treat', done: Math.min(done, total), total });
      await options.afterBatch?.(batchNo);
    }

    const durationMs = Math.round(performance.now() - started);
    await database.sql.query(
      `UPDATE collection_runs SET status = 'completed', finished_at = $2::timestamptz, duration_ms = $3 WHERE id = $1`,
      [runId, new Date(at.getTime() + durationMs).toISOString(), durationMs],
    );
    progress({ phase: 'done', done: total, total });
    return { runId, asOf, execution: run!.executions, durationMs, counts, actionsByKind: byKind, actionsByStatus: byStatus };
  } catch (err) {
    await database.sql
      .query(`UPDATE collection_runs SET status = 'failed', error = $2, duration_ms = $3 WHERE id = $1`, [
        runId, err instanceof Error ? err.message : String(err), Math.round(performance.now() - started),
      ])
      .catch(() => undefined);
    throw err;
  }
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function snapshotBatch(exec: SqlExecutor, asOf: CalendarDate, chunk: LoanDelinquency[], experiment: { id: string; challengerShare: number }) {
  const ids = chunk.map((l) => l.loanId);
  const dpd = chunk.map((l) => l.daysPastDue);
  const bucket = chunk.map((l) => l.bucket);
  const overdue = chunk.map((l) => l.overdueFen);
  const arms = chunk.map((l): Arm => (experiment.challengerShare > 0 ? armFor(l.loanId, experiment) : 'champion'));
  await exec.query(
    `INSERT INTO delinquency_snapshots (loan_id, as_of, dpd, bucket, overdue_fen)
     SELECT u.loan_id, $1::date, u.dpd, u.bucket, u.overdue FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bigint[]) AS u(loan_id, dpd, bucket, overdue)
     ON CONFLICT (loan_id, as_of) DO UPDATE SET dpd = EXCLUDED.dpd, bucket = EXCLUDED.bucket, overdue_fen = EXCLUDED.overdue_fen`,
    [asOf, ids, dpd, bucket, overdue],
  );
  await exec.query(
    `UPDATE collection_cases c SET dpd = u.dpd, bucket = u.bucket, updated_on = $1::date
       FROM unnest($2::uuid[], $3::int[], $4::text[]) AS u(loan_id, dpd, bucket)
      WHERE c.loan_id = u.loan_id AND c.status = 'open' AND c.updated_on <= $1::date`,
    [asOf, ids, dpd, bucket],
  );
  const { rows: opened } = await exec.query<{ id: string }>(
    `INSERT INTO collection_cases (loan_id, customer_id, status, opened_on, arm, dpd, bucket, updated_on)
     SELECT u.loan_id, l.customer_id, 'open', $1::date, u.arm, u.dpd, u.bucket, $1::date
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS u(loan_id, dpd, bucket, arm)
       JOIN loans l ON l.id = u.loan_id
      WHERE NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.loan_id = u.loan_id AND c.status = 'open')
     ON CONFLICT (loan_id) WHERE status = 'open' DO NOTHING
     RETURNING id`,
    [asOf, ids, dpd, bucket, arms],
  );
  return { added: { delinquentLoans: chunk.length, casesOpened: opened.length } };
}

async function approvedTemplateKeys(exec: SqlExecutor): Promise<Set<string>> {
  const { rows } = await exec.query<{ key: string }>(
    `SELECT DISTINCT t.key FROM message_templates t JOIN template_versions v ON v.template_id = t.id WHERE v.status = 'approved'`,
  );
  return new Set(rows.map((r) => r.key));
}

type CaseRow = {
  case_id: string; loan_id: string; customer_id: string; arm: Arm; willingness: CollectionAccount['willingness'];
  product: CollectionAccount['product']; customer_type: CollectionAccount['customerType']; birth_date: string | null;
  dpd: number | null; overdue_fen: number | null; outstanding_fen: number | null; oldest_due_date: string | null;
};

type TreatContext = {
  asOf: CalendarDate; at: Date; runId: string; actor: Actor; templates: Set<string>;
  champion: Strategy; challenger: Strategy | null; caseIds: string[];
  byKind: Partial<Record<ActionKind, number>>; byStatus: Partial<Record<ActionStatus, number>>;
};

type NewAction = {
  key: string; caseId: string; loanId: string; customerId: string; strategy: Strategy; arm: Arm; planned: PlannedTreatment;
  kind: ActionKind; status: ActionStatus; statusReason: string | null; outboxMessageId: string | null; denialId: string | null; dpd: number;
};

async function treatBatch(exec: SqlExecutor, ctx: TreatContext) {
  const { asOf, at, caseIds } = ctx;
  const { rows: cases } = await exec.query<CaseRow>(
    `SELECT c.id AS case_id, c.loan_id, c.customer_id, c.arm, c.willingness, l.product, cu.type AS customer_type, cu.birth_date::text AS birth_date,
            s.dpd, s.overdue_fen, ins.outstanding_fen, ins.oldest_due_date
       FROM collection_cases c
       JOIN loans l ON l.id = c.loan_id
       JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN delinquency_snapshots s ON s.loan_id = c.loan_id AND s.as_of = $2::date
       LEFT JOIN LATERAL (
         SELECT sum(i.principal_fen + i.interest_fen + i.fee_fen - i.paid_principal_fen - i.paid_interest_fen - i.paid_fee_fen) AS outstanding_fen,
                (min(i.due_date) FILTER (WHERE i.due_date < $2::date AND (i.fully_paid_on IS NULL OR i.fully_paid_on > $2::date)))::text AS oldest_due_date
           FROM instalments i WHERE i.loan_id = c.loan_id) ins ON true
      WHERE c.id = ANY($1::uuid[]) AND c.status = 'open'
      ORDER BY c.id`,
    [caseIds, asOf],
  );
  const customerIds = [...new Set(cases.map((c) => c.customer_id))];
  const { rows: flagRows } = await exec.query<{ customer_id: string; flag: 'hardship' | 'bereavement' | 'vulnerable' }>(
    `SELECT DISTINCT customer_id, flag FROM customer_contact_flags
      WHERE customer_id = ANY($1::uuid[]) AND set_at <= $2::timestamptz AND (cleared_at IS NULL OR cleared_at > $2::timestamptz)`,
    [customerIds, at.toISOString()],
  );
  const { rows: promiseRows } = await exec.query<{ case_id: string; promised_on: string; due_on: string; amount_fen: number; status: PromiseToPay['status'] }>(
    `SELECT case_id, promised_on::text AS promised_on, due_on::text AS due_on, amount_fen, status FROM promises_to_pay WHERE case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  // The cases' actions up to today, through the (case_id, as_of) index: the history, and whether a
  // case already has today's action (a re-run). Kept out of the case query: as a correlated EXISTS
  // the planner may hash all of today's actions once per batch, which grows with every batch.
  const { rows: historyRows } = await exec.query<{ case_id: string; segment_id: string; step_index: number; as_of: string; outcome: TreatmentRecord['outcome'] }>(
    `SELECT case_id, segment_id, step_index, as_of::text AS as_of, outcome FROM collection_actions WHERE case_id = ANY($1::uuid[]) AND as_of <= $2::date`,
    [caseIds, asOf],
  );
  const actedToday = new Set(historyRows.filter((h) => h.as_of === asOf).map((h) => h.case_id));
  const flags = groupBy(flagRows, (r) => r.customer_id);
  const promises = groupBy(promiseRows, (r) => r.case_id);
  const history = groupBy(historyRows, (r) => r.case_id);

  const actions: NewAction[] = [];
  const reminders: Array<{ action: NewAction; request: QueueMessageInput }> = [];
  let evaluated = 0;
  for (const c of cases) {
    if (actedToday.has(c.case_id) || c.dpd === null) continue; // already treated today (a re-run), or not past due today
    evaluated++;
    const customerFlags = new Set((flags.get(c.customer_id) ?? []).map((f) => f.flag));
    const account: CollectionAccount = {
      dpd: Number(c.dpd),
      outstandingFen: Math.max(0, Number(c.outstanding_fen ?? 0)),
      product: c.product,
      customerType: c.customer_type,
      riskScore: null, // no risk model score stored yet (customers.risk_tier only)
      age: c.customer_type === 'individual' ? ageOn(c.birth_date, asOf) : null,
      flags: { hardship: customerFlags.has('hardship'), bereavement: customerFlags.has('bereavement'), vulnerable: customerFlags.has('vulnerable') },
      willingness: c.willingness,
      promises: (promises.get(c.case_id) ?? []).map((p) => ({ promisedOn: p.promised_on, dueOn: p.due_on, amountFen: Number(p.amount_fen), status: p.status })),
    };
    const records: TreatmentRecord[] = (history.get(c.case_id) ?? []).map((h) => ({ segmentId: h.segment_id, stepIndex: h.step_index, on: h.as_of, outcome: h.outcome }));
    const strategy = c.arm === 'challenger' && ctx.challenger ? ctx.challenger : ctx.champion;
    const next = nextTreatment(strategy, account, records, asOf);
    if ('none' in next || next.dueOn > asOf) continue;
    const key = `collections:${c.case_id}:${asOf}:${next.segmentId}:${next.stepIndex}`;
    const base = { key, caseId: c.case_id, loanId: c.loan_id, customerId: c.customer_id, strategy, arm: c.arm, planned: next, dpd: account.dpd, outboxMessageId: null, denialId: null, statusReason: null };
    const action = next.action;
    if (action.kind === 'contact' && action.channel && AUTOMATED_CHANNELS.has(action.channel)) {
      const templateKey = action.templateKey;
      const reminder: NewAction = { ...base, kind: 'reminder-message', status: 'not-sent', statusReason: `no approved template "${templateKey ?? ''}" (需审批通过的模板)` };
      actions.push(reminder);
      if (templateKey && ctx.templates.has(templateKey)) {
        reminders.push({
          action: reminder,
          request: {
            customerId: c.customer_id, channel: action.channel as MessageChannel, purpose: 'collections', debtId: c.loan_id, templateKey,
            variables: reminderVariables({ overdueFen: Number(c.overdue_fen ?? 0), dpd: account.dpd, outstandingFen: account.outstandingFen, oldestDueDate: c.oldest_due_date ?? asOf }), idempotencyKey: key, actor: ctx.actor, at,
          },
        });
      }
    } else if (action.kind === 'contact') {
      const kind: ActionKind = action.channel === 'phone' ? 'agent-call-task' : action.channel === 'online-chat' ? 'agent-chat-task' : 'field-visit-task';
      actions.push({ ...base, kind, status: 'planned' });
    } else {
      actions.push({ ...base, kind: action.kind, status: action.requiresApproval ? 'proposed-awaiting-approval' : 'planned' });
    }
  }

  await sendReminders(exec, reminders);

  let inserted = 0;
  if (actions.length > 0) {
    const col = <T>(f: (a: NewAction) => T) => actions.map(f);
    const { rows } = await exec.query<{ kind: ActionKind; status: ActionStatus }>(
      `INSERT INTO collection_actions (key, case_id, loan_id, customer_id, run_id, as_of, strategy_id, strategy_version, arm, segment_id, step_index,
                                       kind, channel, template_key, status, status_reason, requires_approval, outbox_message_id, denial_id,
                                       trigger, reason, dpd, created_at)
       SELECT u.key, u.case_id, u.loan_id, u.customer_id, $1::uuid, $2::date, u.strategy_id, u.strategy_version, u.arm, u.segment_id, u.step_index,
              u.kind, u.channel, u.template_key, u.status, u.status_reason, u.requires_approval, u.outbox_message_id, u.denial_id,
              u.trigger, u.reason, u.dpd, $3::timestamptz
         FROM unnest($4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::int[], $10::text[], $11::text[], $12::int[],
                     $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::bool[], $19::uuid[], $20::uuid[],
                     $21::text[], $22::text[], $23::int[])
           AS u(key, case_id, loan_id, customer_id, strategy_id, strategy_version, arm, segment_id, step_index,
                kind, channel, template_key, status, status_reason, requires_approval, outbox_message_id, denial_id, trigger, reason, dpd)
       ON CONFLICT DO NOTHING
       RETURNING kind, status`,
      [
        ctx.runId, asOf, at.toISOString(),
        col((a) => a.key), col((a) => a.caseId), col((a) => a.loanId), col((a) => a.customerId), col((a) => a.strategy.id), col((a) => a.strategy.version),
        col((a) => a.arm), col((a) => a.planned.segmentId), col((a) => a.planned.stepIndex),
        col((a) => a.kind), col((a) => a.planned.action.channel), col((a) => a.planned.action.templateKey), col((a) => a.status), col((a) => a.statusReason),
        col((a) => a.planned.action.requiresApproval), col((a) => a.outboxMessageId), col((a) => a.denialId),
        col((a) => a.planned.trigger), col((a) => a.planned.reason), col((a) => a.dpd),
      ],
    );
    inserted = rows.length;
    for (const r of rows) {
      ctx.byKind[r.kind] = (ctx.byKind[r.kind] ?? 0) + 1;
      ctx.byStatus[r.status] = (ctx.byStatus[r.status] ?? 0) + 1;
    }
    await exec.query(
      `UPDATE collection_cases c SET segment_id = u.segment_id FROM unnest($1::uuid[], $2::text[]) AS u(case_id, segment_id)
        WHERE c.id = u.case_id AND c.segment_id IS DISTINCT FROM u.segment_id`,
      [col((a) => a.caseId), col((a) => a.planned.segmentId)],
    );
  }
  const queued = actions.filter((a) => a.status === 'queued').length;
  const blocked = actions.filter((a) => a.status === 'blocked-by-compliance').length;
  return {
    added: { casesEvaluated: evaluated, actionsCreated: inserted, messagesQueued: queued, messagesBlocked: blocked },
    detail: { cases: cases.length, firstCaseId: caseIds[0], lastCaseId: caseIds[caseIds.length - 1] },
  };
}

/**
 * The batch's reminders through the communications hub in one bulk call (same checks and
 * idempotency per message as queueMessage). A message that cannot be built (no usable contact
 * point, bad variables) is recorded as not-sent without aborting the batch. A blocked or not-sent
 * step still counts as done for the ladder (as no response), so the borrower moves on to the next
 * step (often a human one) instead of being retried every day.
 */
async function sendReminders(exec: SqlExecutor, reminders: Array<{ action: NewAction; request: QueueMessageInput }>): Promise<void> {
  if (reminders.length === 0) return;
  const results = await queueMessages(exec, reminders.map((r) => r.request));
  reminders.forEach(({ action }, n) => {
    const result = results[n]!;
    if (result.status === 'queued') Object.assign(action, { status: 'queued', statusReason: null, outboxMessageId: result.messageId, denialId: null });
    else if (result.status === 'blocked') {
      Object.assign(action, {
        status: 'blocked-by-compliance', outboxMessageId: null, denialId: result.denialId,
        statusReason: result.denials.map((d) => `${d.rule}: ${d.messageZh} / ${d.messageEn}`).join('; '),
      });
    } else Object.assign(action, { status: 'not-sent', statusReason: `${result.error.userMessage.zh} / ${result.error.userMessage.en}` });
  });
}

/**
 * The values a collections template may use, besides the hub's own customerName, lenderName and
 * loanNumber: the overdue amount, days past due, the oldest unpaid due date and the whole
 * outstanding balance. The default templates' test renders every strategy template with these.
 */
export function reminderVariables(a: { overdueFen: number; dpd: number; outstandingFen: number; oldestDueDate: CalendarDate }): Record<string, unknown> {
  return { overdueAmountFen: a.overdueFen, daysPastDue: a.dpd, outstandingAmountFen: a.outstandingFen, dueDate: a.oldestDueDate };
}

function ageOn(birthDate: string | null, asOf: CalendarDate): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}
