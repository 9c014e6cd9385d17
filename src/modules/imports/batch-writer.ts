import type { Database } from '../../platform/db/client.ts';
import type { ImportRejection } from './import-types.ts';
import type { BatchOutcome, ImportKindDefinition, ValidRow, WriteContext } from './kinds/kind.ts';

export type BatchReport = { sent: number } & BatchOutcome;

/**
 * Writes batches, each in its own transaction: a crash mid-file keeps every committed batch, and
 * because writes are idempotent a re-run is a no-op for them. Up to `concurrency` batches are in
 * flight so parsing/validating the next batch overlaps the database work on the previous one.
 */
export class BatchWriter<Row> {
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly database: Database,
    private readonly def: ImportKindDefinition<Row>,
    private readonly ctx: WriteContext,
    private readonly concurrency: number,
    private readonly onReport: (report: BatchReport) => Promise<void> | void,
  ) {}

  /** Resolves once the batch is accepted for writing (not when it is written). */
  async submit(rows: ValidRow<Row>[]): Promise<void> {
    this.throwIfFailed();
    while (this.inflight.size >= this.concurrency) {
      await Promise.race(this.inflight);
      this.throwIfFailed();
    }
    const task: Promise<void> = this.write(rows)
      .then((report) => this.onReport(report))
      .catch((err) => {
        this.failure ??= err;
      })
      .finally(() => this.inflight.delete(task));
    this.inflight.add(task);
  }

  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.race(this.inflight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private async write(rows: ValidRow<Row>[]): Promise<BatchReport> {
    try {
      return { sent: rows.length, ...(await this.writeWithRetry(rows)) };
    } catch (err) {
      if (!isRowLevelDatabaseError(err)) throw err;
      return { sent: rows.length, ...(await this.writeRowByRow(rows)) };
    }
  }

  private async writeWithRetry(rows: ValidRow<Row>[]): Promise<BatchOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.database.transaction((sql) => this.def.writeBatch(sql, rows, this.ctx));
      } catch (err) {
        // Deadlocks/serialisation failures are transient; the whole batch rolled back, so retry it.
        if (attempt >= 3 || !isTransient(err)) throw err;
      }
    }
  }

  /**
   * Safety net for anything the kind's own checks did not catch (a constraint violated by one
   * row): find the culprit rows one at a time so the rest of the batch still imports.
   */
  private async writeRowByRow(rows: ValidRow<Row>[]): Promise<BatchOutcome> {
    const total: BatchOutcome = { inserted: 0, updated: 0, rejections: [] };
    for (const row of rows) {
      try {
        const one = await this.writeWithRetry([row]);
        total.inserted += one.inserted;
        total.updated += one.updated;
        total.rejections.push(...one.rejections);
      } catch (err) {
        if (!isRowLevelDatabaseError(err)) throw err;
        total.rejections.push(databaseRejection(row.line, err));
      }
    }
    return total;
  }
}

function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Class 22 (data exception) and 23 (integrity constraint violation) are about the data in a row. */
function isRowLevelDatabaseError(err: unknown): boolean {
  const state = sqlState(err);
  return state !== undefined && (state.startsWith('22') || state.startsWith('23'));
}

function isTransient(err: unknown): boolean {
  const state = sqlState(err);
  return state === '40P01' || state === '40001';
}

function databaseRejection(line: number, err: unknown): ImportRejection {
  const e = err as { message?: string; column?: string; constraint?: string };
  const detail = e.constraint ? `violates ${e.constraint}` : (e.message ?? 'unknown error');
  return { line, column: e.column ?? null, reason: `refused by the database: ${detail} / 数据库拒绝写入：${detail}`, rawValue: null };
}
