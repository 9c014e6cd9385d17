import type pg from 'pg';
import Result, { type FieldDescription } from 'pg/lib/result.js';
import { prepareValue } from 'pg/lib/utils.js';
import type { SqlExecutor } from './client.ts';
import { encodeArrayParameters } from './array-parameters.ts';
import { preparedOn } from './statement-cache.ts';

/** Most statements committed together. */
export const GROUP_COMMIT_MAX = 32;

/**
 * How long a statement of a group may wait for a lock before the group gives way (lock_timeout).
 * A group holds the audit chain's lock from its first statement to its commit, longer than any one
 * statement would; a transaction that holds a row a later statement needs and then waits for the
 * chain (every audited transaction appends last) would deadlock with it, and PostgreSQL might pick
 * that transaction, a user's action, as the victim after deadlock_timeout (1 s). The group gives
 * way long before: it is rolled back and its statements run alone, as any write does.
 */
export const GROUP_LOCK_TIMEOUT_MS = 50;

type Rows = { rows: never[] };
type Waiting = { text: string; params: unknown[]; resolve: (r: Rows) => void; reject: (e: unknown) => void };

/**
 * Group commit for writes that are each one autocommit statement (audit withOneStatement: complaint
 * intake). One lane: while one write is at the database, the next ones wait, and then go together
 * on one connection as ONE transaction: a Bind/Execute per statement and a single Sync (the
 * protocol's implicit transaction: all commit at the Sync, or none). Each caller gets its own rows.
 *
 * Why. Each such write takes the audit chain's lock at its end (migration 0022) and holds it
 * through its commit's WAL flush, so they ran one at a time in PostgreSQL anyway, each with its own
 * round trip, commit and flush, and the waiting backends slept and woke on the lock. Under a burst,
 * one transaction for the waiting writes pays those once (npm run bench:complaints, complaints
 * README session 9). When the lane is idle a write goes at once, alone: no added latency.
 *
 * Isolation. If the transaction fails (one statement's constraint, a lock wait past
 * GROUP_LOCK_TIMEOUT_MS), PostgreSQL rolled all of it back; each statement is then run again alone,
 * so only the one at fault fails. A lost connection is not retried (it may have committed): every
 * waiting caller gets the error.
 *
 * Only statements the connection has already prepared are pipelined (statement-cache.ts names
 * them); one it has not runs alone first, which prepares it.
 */
export function groupCommitExecutor(pool: pg.Pool, maxBatch = GROUP_COMMIT_MAX): SqlExecutor {
  const waiting: Waiting[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    // One connection for as long as writes keep coming: a group then never queues for the pool
    // behind the reads of the requests it is writing for. Returned when the lane goes idle.
    const lane: { client: pg.PoolClient | null } = { client: null };
    const send = async (): Promise<Outcome> => {
      const batch = waiting.splice(0, maxBatch);
      try {
        if (!lane.client) {
          lane.client = await pool.connect();
          // The lane holds it between groups: a connection that dies then must not crash the process
          // (node-postgres emits 'error' on a checked-out client). Its next query fails, and it is discarded.
          lane.client.on('error', ignoreLaneError);
        }
      } catch (err) {
        return { answers: batch.map((w) => () => w.reject(err)), unsent: [] };
      }
      return commitTogether(lane.client, batch);
    };
    try {
      let group: Promise<Outcome> | null = send();
      while (group) {
        const { answers, broken, unsent } = await group;
        if (broken) {
          lane.client?.off('error', ignoreLaneError).release(broken);
          lane.client = null;
          waiting.unshift(...unsent); // never sent: they go first, on a new connection
        }
        // The next group goes to the database before this one's callers are answered: answering
        // runs the rest of their requests (the HTTP responses) in this turn, and the database need
        // not wait for that.
        group = waiting.length > 0 ? send() : null;
        for (const answer of answers) answer();
      }
    } finally {
      lane.client?.off('error', ignoreLaneError).release();
      running = false;
    }
  };
  return {
    query: (text, params) =>
      new Promise<Rows>((resolve, reject) => {
        waiting.push({ text, params: encodeArrayParameters(params) ?? [], resolve, reject });
        if (!running) void drain();
      }) as never,
  };
}

const ignoreLaneError = () => undefined;

/** What a group came to: its callers' answers (not given yet), and if the connection broke, the error and the writes never sent. */
type Outcome = { answers: Array<() => void>; broken?: Error; unsent: Waiting[] };

/**
 * Writes one group on `client`. If the connection broke, the client must be discarded: the writes
 * that were sent are answered with the error, the ones not sent yet are returned, to run on another.
 */
async function commitTogether(client: pg.PoolClient, batch: Waiting[]): Promise<Outcome> {
  const answers: Array<() => void> = [];
  const together: Waiting[] = [];
  for (const [i, w] of batch.entries()) {
    if (batch.length > 1 && preparedOn(client, w.text)) together.push(w);
    else {
      const broken = await runAlone(client, w, answers);
      if (broken) return { answers, broken, unsent: [...together, ...batch.slice(i + 1)] };
    }
  }
  if (together.length === 1) return { answers, broken: await runAlone(client, together[0]!, answers), unsent: [] };
  if (together.length > 1) {
    try {
      const results = await inOneTransaction(client, together.map((w) => ({ name: preparedOn(client, w.text)!, params: w.params })));
      together.forEach((w, i) => answers.push(() => w.resolve(results[i]!)));
    } catch (err) {
      // Rolled back (wasRolledBack): run each alone. Otherwise it may have committed: report, never write twice.
      if (!wasRolledBack(err)) {
        for (const w of together) answers.push(() => w.reject(err));
        return { answers, broken: err as Error, unsent: [] };
      }
      for (const [i, w] of together.entries()) {
        const broken = await runAlone(client, w, answers);
        if (broken) return { answers, broken, unsent: together.slice(i + 1) };
      }
    }
  }
  return { answers, unsent: [] };
}

function inOneTransaction(client: pg.PoolClient, statements: Array<{ name: string; params: unknown[] }>): Promise<Rows[]> {
  return new Promise((resolve, reject) => {
    const pipelined = new PipelinedTransaction(statements);
    pipelined.callback = (err, results) => (err ? reject(err) : resolve(results!));
    client.query(pipelined as never);
  });
}

/** Runs one write as its own statement, its answer added to `answers`; the error if the connection broke (not a statement's own failure). */
async function runAlone(client: pg.PoolClient, w: Waiting, answers: Array<() => void>): Promise<Error | undefined> {
  try {
    const rows = (await client.query(w.text, w.params as never[])) as unknown as Rows;
    answers.push(() => w.resolve(rows));
    return undefined;
  } catch (err) {
    answers.push(() => w.reject(err));
    return wasRolledBack(err) ? undefined : (err as Error);
  }
}

/**
 * An ErrorResponse of severity ERROR: the statement failed, its transaction was rolled back and the
 * session goes on. FATAL (the backend was terminated) may come after a commit, and anything without
 * a severity is the connection itself: neither is retried, and the connection is discarded.
 */
const wasRolledBack = (err: unknown): boolean => (err as { severity?: unknown })?.severity === 'ERROR';

type Connection = {
  parse(msg: { text: string; name: string }): void;
  bind(msg: { statement: string; values: unknown[] }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string }): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
};

/**
 * A node-postgres submittable (as pg-cursor is): prepared statements bound and executed back to
 * back, then one Sync. node-postgres hands it the protocol messages until ReadyForQuery.
 */
class PipelinedTransaction {
  callback?: (err: Error | null, results?: Rows[]) => void;
  /** One node-postgres Result per statement (the lock_timeout's first): rows parsed as a lone query's are. */
  private readonly results: Result[] = [];
  private current = new Result();
  private failed: Error | null = null;

  constructor(private readonly statements: Array<{ name: string; params: unknown[] }>) {}

  submit(connection: Connection): Error | null {
    let values: unknown[][];
    try {
      values = this.statements.map((s) => s.params.map((v) => prepareValue(v)));
    } catch (err) {
      return err as Error; // nothing written yet: node-postgres reports it and the connection stays usable
    }
    connection.stream.cork?.();
    try {
      // First, for this transaction only: give way rather than wait long for a lock (GROUP_LOCK_TIMEOUT_MS).
      connection.parse({ text: `SELECT set_config('lock_timeout', '${GROUP_LOCK_TIMEOUT_MS}ms', true)`, name: '' });
      connection.bind({ statement: '', values: [] });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
      this.statements.forEach((s, i) => {
        connection.bind({ statement: s.name, values: values[i]! });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: FieldDescription[] }): void {
    this.current.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: Array<string | null> }): void {
    this.current.addRow(this.current.parseRow(msg.fields));
  }

  handleCommandComplete(msg: { text: string }): void {
    this.current.addCommandComplete(msg);
    this.results.push(this.current);
    this.current = new Result();
  }

  handleEmptyQuery(): void {
    this.results.push(this.current);
    this.current = new Result();
  }

  handleError(err: Error): void {
    this.failed ??= err;
    this.callback?.(err);
    this.callback = undefined;
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    // The first result is the lock_timeout's.
    if (this.results.length !== this.statements.length + 1) {
      this.handleError(new Error(`group commit: ${this.results.length - 1} results for ${this.statements.length} statements`));
      return;
    }
    this.callback?.(null, this.results.slice(1) as unknown as Rows[]);
    this.callback = undefined;
  }

  handlePortalSuspended(): void {
    this.handleError(new Error('group commit: a portal was suspended'));
  }

  handleCopyInResponse(): void {
    this.handleError(new Error('group commit: COPY is not supported'));
  }

  handleCopyData(): void {}
}
