/**
 * The daily delinquency run (贷后日批), idempotent per as-of date. See ./README.md.
 *
 *  1. snapshot  — days past due for every active loan (bulk, `delinquentLoans`, grace days from
 *                 config), stored in delinquency_snapshots; open a case for each delinquent loan
 *                 without one (arm fixed at opening), refresh DPD / bucket on the open ones;
 *  2. close     — close open cases whose loan is not past due today (cured, or the loan left the book);
 *  3. promises  — mark open promises to pay kept / broken;
 *  4. treat     — per open case (in loan order): the strategy of its arm (`nextTreatment`), and when a treatment is
 *                 due today, the day's action: a reminder through `queueMessages`, one bulk call per
 *                 batch (compliance-checked per message;
 *                 a refusal is recorded as blocked-by-compliance with the reason), an agent task, or
 *                 a referral proposal awaiting supervisor approval (./treat-batch.ts). What the
 *                 strategy segments by comes set-based from phase 1 (`delinquentLoans` with the
 *                 borrower; balances from ./treatment-inputs.ts, read while the snapshots are written).
 * Every batch is one transaction together with its summary audit event and the run's counters, so a
 * run killed at any point leaves whole batches only. Re-running the day skips cases that already
 * have the day's action (unique (case_id, as_of), inserts ON CONFLICT DO NOTHING), and a message's
 * idempotency key is the action's deterministic key `collections:<case>:<asOf>:<segment>:<step>`.
 * Those constraints, not a lock, are what keep two executions of the same day apart, so on
 * PostgreSQL treatment batches run two at a time (one per core); on PGlite, one connection, one.
 */
import { recordAudit, withDeferredAudits, type AuditAction } from '../../../platform/audit/index.ts';
import { systemActor, type Actor } from '../../../platform/auth/actor.ts';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { delinquentLoans, type LoanDelinquencyWithBorrower } from '../../loans/portfolio-delinquency.ts';
import { DEFAULT_STRATEGY, type Strategy } from '../strategies/index.ts';
import type { ActionKind, ActionStatus } from '../cases/cases.schema.ts';
import { markPromises } from '../cases/promises.ts';
import { snapshotBatch } from './snapshot-batch.ts';
import { loadTreatmentInputs } from './treatment-inputs.ts';
import { approvedTemplateKeys, treatBatch, type CaseRow } from './treat-batch.ts';

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
  /** Cases per treatment transaction (default DEFAULT_BATCH_SIZE); loans per snapshot transaction is 10×. */
  batchSize?: number;
  /** Snapshot and treatment batches in flight at once (default 2 on PostgreSQL, 1 on PGlite, which has one connection). */
  concurrency?: number;
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
/**
 * Open cases per treatment transaction. Measured at 1,000,000 loans (bench:daily): 1,000 beat 500
 * by about a fifth (fewer statements and commits per case); 2,000 gave nothing more.
 */
export const DEFAULT_BATCH_SIZE = 1000;
/** work_mem of the run's two whole-book reads (see wholeBookRead). */
const WHOLE_BOOK_WORK_MEM = '64MB';

export async function runDailyCollections(deps: DailyRunDeps, options: DailyRunOptions): Promise<DailyRunSummary> {
  const { asOf } = options;
  if (!isValidCalendarDate(asOf)) throw new RangeError(`asOf must be a real date YYYY-MM-DD: ${String(asOf)}`);
  const champion = options.strategy ?? DEFAULT_STRATEGY;
  const challenger = options.challenger;
  const experiment = {
    id: challenger?.experimentId ?? `${champion.id}-v${champion.version}-vs-${challenger?.strategy.id ?? 'none'}-v${challenger?.strategy.version ?? 0}`,
    challengerShare: challenger?.share ?? 0,
  };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const concurrency = Math.max(1, options.concurrency ?? (deps.database.kind === 'postgres' ? 2 : 1));
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

  /**
   * The two whole-book reads (the delinquency scan, the balances), each in a read transaction with
   * its own settings, measured at 1,000,000 loans (bench:daily):
   *  - no JIT, as in the batches below: PostgreSQL compiles the plan in the leader and in each
   *    parallel worker, which cost more than it saved (the scan: 1.5 s without, 1.7–2.2 s with);
   *  - WHOLE_BOOK_WORK_MEM for their hash joins and sorts, which the default 4 MB sent to temporary
   *    files (the scan: 1.9 s → 1.5 s). A nightly job's allowance; each parallel worker may use it.
   */
  const wholeBookRead = <T>(read: (exec: SqlExecutor) => Promise<T>) =>
    database.transaction(async (exec) => {
      await exec.query('SET LOCAL jit = off');
      if (database.kind === 'postgres') await exec.query(`SET LOCAL work_mem = '${WHOLE_BOOK_WORK_MEM}'`);
      return read(exec);
    });

  /**
   * One batch: do the work, add to the run's counters, audit it — one transaction. The run row and
   * the audit chain are locked only at the end (counters, then the batch's events in one append),
   * so batches in flight at once wait for each other just for the commit.
   */
  const batch = <T extends Partial<DailyRunCounts>>(event: string, work: (exec: SqlExecutor) => Promise<{ added: T; detail?: object }>) =>
    database.transaction((exec) =>
      withDeferredAudits(exec, async () => {
        // Each batch's queries touch a few hundred rows through indexes, but the planner's estimates
        // over a large book cross jit_above_cost; compiling them (10–20 ms a query) costs more than
        // running them. And the day's tables grow during the run faster than their statistics (the
        // first run after an import starts from empty ones), which made the planner scan and hash
        // whole tables per batch. Both off for this transaction only.
        await exec.query('SET LOCAL jit = off');
        if (database.kind === 'postgres') await exec.query('SET LOCAL enable_seqscan = off');
        const { added, detail } = await work(exec);
        const sets = Object.entries(added).map(([k, v]) => `${snake(k)} = ${snake(k)} + ${Number(v)}`);
        await exec.query(`UPDATE collection_runs SET ${[...sets, 'batches = batches + 1'].join(', ')} WHERE id = $1`, [runId]);
        await recordAudit(exec, {
          actor, action: DAILY_RUN_AUDIT_ACTION, entityType: 'collection-run', entityId: runId,
          after: { event: `daily-run.${event}`, asOf, ...added, ...(detail ?? {}) },
        }, at);
        return added;
      }),
    ).then((added) => {
      for (const [k, v] of Object.entries(added)) counts[k as keyof DailyRunCounts] += Number(v);
      counts.batches++;
      return added;
    });

  try {
    // 1. Snapshot and open cases.
    const delinquent = await wholeBookRead(async (exec) => {
      const loans: LoanDelinquencyWithBorrower[] = [];
      for await (const loan of delinquentLoans(exec, asOf, deps.config.graceDays, { withBorrower: true })) loans.push(loan);
      return loans;
    });
    const delinquency = new Map(delinquent.map((l) => [l.loanId, l]));
    const snapshotChunk = batchSize * 10;
    progress({ phase: 'snapshot', done: 0, total: delinquent.length });
    // `concurrency` chunks at once (disjoint loans); each worker takes the next chunk when it is done.
    let written = 0;
    let nextChunk = 0;
    let snapshotFailed = false;
    const snapshotWorker = async () => {
      for (let i = nextChunk; i < delinquent.length && !snapshotFailed; i = nextChunk) {
        nextChunk += snapshotChunk;
        const chunk = delinquent.slice(i, i + snapshotChunk);
        await batch('snapshot', (exec) => snapshotBatch(exec, asOf, chunk, experiment));
        written += chunk.length;
        progress({ phase: 'snapshot', done: written, total: delinquent.length });
      }
    };
    // A failed chunk stops the others taking new ones; the run fails once those in flight are done.
    const writeSnapshots = async () => {
      const workers = await Promise.allSettled(Array.from({ length: concurrency }, () => snapshotWorker().catch((err: unknown) => {
        snapshotFailed = true;
        throw err;
      })));
      const failed = workers.find((w): w is PromiseRejectedResult => w.status === 'rejected');
      if (failed) throw failed.reason;
    };
    // The balances are read-only and independent of the snapshot writes: on PostgreSQL they are
    // read on another connection meanwhile.
    const readInputs = () => wholeBookRead((exec) => loadTreatmentInputs(exec, asOf, [...delinquency.keys()]));
    let inputs;
    if (concurrency > 1) [inputs] = await Promise.all([readInputs(), writeSnapshots()]);
    else {
      await writeSnapshots();
      inputs = await readInputs();
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

    // 4. Treatments, in batches of open cases (keyset by loan id), `concurrency` batches in flight.
    const { rows: [open] } = await database.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM collection_cases WHERE status = 'open'`);
    const total = Number(open?.n ?? 0);
    const templates = await approvedTemplateKeys(database.sql);
    // Keyset by loan id: the open cases' partial unique index on loan_id serves it (one open case per loan).
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    let batchNo = 0;
    progress({ phase: 'treat', done, total });
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    for (;;) {
      // The batch's cases with what the strategy needs of them, read here rather than again inside
      // the batch: a case's row could change between the two as much as during the batch itself
      // (read committed), so the second read bought nothing.
      const { rows: cases } = await database.sql.query<CaseRow>(
        `SELECT id AS case_id, loan_id, customer_id, arm, willingness FROM collection_cases WHERE status = 'open' AND loan_id > $1::uuid ORDER BY loan_id LIMIT $2`,
        [after, batchSize],
      );
      if (cases.length === 0) break;
      after = cases[cases.length - 1]!.loan_id;
      const treated = batch('treat', (exec) =>
        treatBatch(exec, {
          asOf, at, runId, actor, templates, champion, challenger: challenger?.strategy ?? null,
          cases, delinquency, inputs, byKind, byStatus,
        }),
      )
        .then(async () => {
          done += cases.length;
          progress({ phase: 'treat', done: Math.min(done, total), total });
          await options.afterBatch?.(++batchNo);
        })
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(treated));
      inFlight.add(treated);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (failure) break;
    }
    // A failed batch stops new ones; those in flight finish (each commits whole or not at all).
    await Promise.all(inFlight);
    if (failure) throw failure;

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

