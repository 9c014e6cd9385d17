import { describe, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';

/**
 * Integration tests run on both engines LoanDesk supports: embedded PGlite (the default) and a
 * PostgreSQL server (production). Each file gets a fresh PostgreSQL database, dropped afterwards.
 * Under CI=true a missing PostgreSQL fails the run; elsewhere the PostgreSQL half is skipped loudly.
 */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresAvailable: Promise<boolean> | undefined;
/** Whether the PostgreSQL test server answers; under CI=true, throws when it does not. */
export function checkPostgres(): Promise<boolean> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (err) {
      if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true but unreachable at ${POSTGRES_ADMIN_URL}: ${String(err)}`);
      console.warn(`\n!!! PostgreSQL unreachable at ${POSTGRES_ADMIN_URL}: SKIPPING the PostgreSQL half of the integration tests !!!\n`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresAvailable;
}

export async function createScratchPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `loandesk_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export type DatabaseKind = 'pglite' | 'postgres';

export async function openTestDatabase(kind: DatabaseKind): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite' });
    return { database, dispose: () => database.close() };
  }
  const scratch = await createScratchPostgresDatabase();
  const database = await openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 5 });
  return {
    database,
    dispose: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

const postgresReachable = await checkPostgres().catch((err) => {
  throw err;
});

/** Runs `body` once per database engine, with a fresh, migrated database per engine. */
export function describeEachDatabase(title: string, body: (getDb: () => Database, kind: DatabaseKind) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const run = kind === 'postgres' && !postgresReachable ? describe.skip : describe;
    run(`${title} [${kind}]`, () => {
      let handle: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await handle?.dispose();
      });
      body(() => {
        if (!handle) throw new Error('database not opened yet');
        return handle.database;
      }, kind);
    });
  }
}

export const TEST_DATA_KEY = '0f'.repeat(32);
