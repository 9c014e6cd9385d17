import type { Database } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { ImportKind, ImportRejection } from './import-types.ts';

const FLUSH_EVERY = 1000;

/**
 * The audit record of one import: import_runs (counts, status) and every rejection in
 * import_rejections. Rejections are written in chunks outside the data batches' transactions,
 * so a batch that rolls back never takes its neighbours' rejection records with it.
 */
export class ImportRunStore {
  private pending: ImportRejection[] = [];

  private constructor(
    private readonly database: Database,
    readonly runId: string,
  ) {}

  static async start(database: Database, kind: ImportKind, fileName: string): Promise<ImportRunStore> {
    const { rows } = await database.sql.query<{ id: string }>(
      `INSERT INTO import_runs (kind, file_name, status) VALUES ($1, $2, 'running') RETURNING id`,
      [kind, fileName],
    );
    return new ImportRunStore(database, rows[0]!.id);
  }

  async add(rejections: readonly ImportRejection[]): Promise<void> {
    for (const r of rejections) this.pending.push(r);
    if (this.pending.length >= FLUSH_EVERY) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    await this.database.sql.query(
      `INSERT INTO import_rejections (run_id, line, "column", reason, raw_value)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
      [this.runId, chunk.map((r) => r.line), chunk.map((r) => r.column), chunk.map((r) => r.reason), chunk.map((r) => r.rawValue)],
    );
  }

  /** Marks the run completed and writes its import.completed audit event in the same transaction. */
  async complete(actor: Actor, result: {
    encoding: string;
    sha256: string;
    read: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  }): Promise<void> {
    await this.flush();
    await this.database.transaction(async (sql) => {
      const { rows } = await sql.query<{ kind: string; file_name: string }>(
        `UPDATE import_runs SET status = 'completed', encoding = $2, file_sha256 = $3, read_rows = $4, inserted_rows = $5,
                updated_rows = $6, unchanged_rows = $7, rejected_rows = $8, finished_at = now()
          WHERE id = $1 RETURNING kind, file_name`,
        [this.runId, result.encoding, result.sha256, result.read, result.inserted, result.updated, result.unchanged, result.rejected],
      );
      await recordAudit(sql, {
        actor,
        action: 'import.completed',
        entityType: 'import-run',
        entityId: this.runId,
        after: { kind: rows[0]?.kind, fileName: rows[0]?.file_name, ...result },
      });
    });
  }

  /** Best effort: the original error matters more than a failure to record it. */
  async fail(message: string, partial: { encoding?: string; read: number; inserted: number; updated: number; rejected: number }): Promise<void> {
    try {
      await this.flush();
      await this.database.sql.query(
        `UPDATE import_runs SET status = 'failed', failure_message = $2, encoding = $3, read_rows = $4, inserted_rows = $5,
                updated_rows = $6, rejected_rows = $7, finished_at = now()
          WHERE id = $1`,
        [this.runId, message.slice(0, 2000), partial.encoding ?? null, partial.read, partial.inserted, partial.updated, partial.rejected],
      );
    } catch {
      /* the caller rethrows the original error */
    }
  }
}
