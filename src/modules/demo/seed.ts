import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Database } from '../../platform/db/client.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data-cipher.ts';
import { runImport } from '../imports/run-import.ts';
import { IMPORT_KINDS, type ImportKind } from '../imports/imports.schema.ts';
import type { ImportProgress, ImportSummary } from '../imports/import-types.ts';
import { demoConsents, demoPreference, insertConsents, insertPreferences, type DemoConsent, type DemoPreference } from './consents.ts';
import { DEMO_STAFF } from './demo-staff.ts';
import { demoContacts } from './people.ts';
import { demoLoans } from './loan-book.ts';
import { csvChunks, DEMO_COLUMNS, generateDemoPortfolio, type DemoPortfolio, type DemoPortfolioOptions, type DemoScenario } from './portfolio.ts';
import { DEMO_BRANCHES } from './reference-data.ts';
import { grantDemoAccess } from './demo-access.ts';

export type SeedProgress =
  | { phase: 'import'; kind: ImportKind; progress: ImportProgress }
  | { phase: 'imported'; kind: ImportKind; summary: ImportSummary }
  | { phase: 'consents'; customersDone: number; customersTotal: number }
  | { phase: 'done'; message: string };

export type SeedDemoOptions = DemoPortfolioOptions & {
  database: Database;
  cipher: PersonalDataCipher;
  onProgress?: (event: SeedProgress) => void;
  /** Where to write the scenario manifest (JSON); omitted = not written. */
  manifestPath?: string;
};

export type SeedResult =
  | { seeded: false; reason: 'already seeded' }
  | { seeded: true; summaries: Record<ImportKind, ImportSummary>; manifest: DemoManifest; durationMs: number };

const CONSENT_BATCH = 5000;
const CASES_PER_SCENARIO = 200;

/**
 * Seeds a demo loan book into an empty database. Branches and staff are inserted directly; all
 * borrower data goes through the production import pipeline (same validation, same writes);
 * consents and contact preferences, which have no import format, are inserted directly.
 * Does nothing when any customer exists, so it is safe to call on every start.
 */
export async function seedDemoPortfolio(options: SeedDemoOptions): Promise<SeedResult> {
  const { database, cipher, onProgress } = options;
  const { rows: [existing] } = await database.sql.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM customers) AS any');
  if (existing?.any) return { seeded: false, reason: 'already seeded' };
  const started = performance.now();

  await insertBranchesAndStaff(database);

  const portfolio = generateDemoPortfolio(options);
  const summaries = {} as Record<ImportKind, ImportSummary>;
  for (const kind of IMPORT_KINDS) {
    const summary = await runImport({
      database,
      cipher,
      kind,
      fileName: `demo-${kind}-seed${options.seed}.csv`,
      input: Readable.from(csvChunks(DEMO_COLUMNS[kind], portfolio.rows[kind]())),
      onProgress: (progress) => onProgress?.({ phase: 'import', kind, progress }),
    });
    summaries[kind] = summary;
    onProgress?.({ phase: 'imported', kind, summary });
  }

  await seedConsentsAndPreferences(database, portfolio, onProgress);
  const access = await grantDemoAccess(database, options.asOf);
  onProgress?.({ phase: 'done', message: `demo access: ${access.portalAccounts} portal accounts, ${access.assignments} delinquent customers assigned to collector teams` });
  const manifest = buildManifest(portfolio);
  if (options.manifestPath) {
    fs.mkdirSync(path.dirname(options.manifestPath), { recursive: true });
    fs.writeFileSync(options.manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }
  const durationMs = Math.round(performance.now() - started);
  onProgress?.({ phase: 'done', message: `seeded ${options.customers} customers in ${(durationMs / 1000).toFixed(1)} s` });
  return { seeded: true, summaries, manifest, durationMs };
}

/** Raw SQL on purpose: only the columns the demo sets, whatever else the staff table grows. */
export async function insertBranchesAndStaff(database: Database): Promise<void> {
  await database.sql.query(
    `INSERT INTO branches (id, name_zh, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (id) DO NOTHING`,
    [DEMO_BRANCHES.map((b) => b.id), DEMO_BRANCHES.map((b) => b.nameZh), DEMO_BRANCHES.map((b) => b.nameEn)],
  );
  await database.sql.query(
    `INSERT INTO staff_users (employee_code, display_name, role, branch_id, team, email)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (employee_code) DO NOTHING`,
    [
      DEMO_STAFF.map((s) => s.employeeCode), DEMO_STAFF.map((s) => s.displayName), DEMO_STAFF.map((s) => s.role),
      DEMO_STAFF.map((s) => s.branchId), DEMO_STAFF.map((s) => s.team), DEMO_STAFF.map((s) => s.email),
    ],
  );
}

async function seedConsentsAndPreferences(database: Database, portfolio: DemoPortfolio, onProgress: SeedDemoOptions['onProgress']) {
  const { seed, asOf, customers, maxLoans } = portfolio.options;
  let consents: DemoConsent[] = [];
  let preferences: DemoPreference[] = [];
  let done = 0;
  let loansLeft = maxLoans;
  // One write in flight while the next batch is generated (PGlite serialises them anyway).
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const [c, p, doneSoFar] = [consents, preferences, done];
    consents = [];
    preferences = [];
    await inFlight;
    inFlight = database.transaction(async (sql) => {
      await insertConsents(sql, c);
      await insertPreferences(sql, p);
    }).then(() => onProgress?.({ phase: 'consents', customersDone: doneSoFar, customersTotal: customers }));
    inFlight.catch(() => undefined); // surfaced by the next `await inFlight`, not as an unhandled rejection
  };
  for (const person of portfolio.people()) {
    const loans = loansLeft > 0 ? demoLoans(seed, person, asOf, loansLeft) : [];
    loansLeft -= loans.length;
    const signedOn = loans.reduce((d, l) => (l.disbursementDate < d ? l.disbursementDate : d), asOf);
    const hasEmail = demoContacts(seed, person, asOf).some((c) => c.kind === 'email');
    consents.push(...demoConsents(seed, person, signedOn, asOf, hasEmail));
    const preference = demoPreference(seed, person, asOf);
    if (preference) preferences.push(preference);
    done++;
    if (consents.length >= CONSENT_BATCH) await flush();
  }
  await flush();
  await inFlight;
}

export type DemoManifest = {
  description: string;
  seed: number;
  customers: number;
  asOf: string;
  /** Customers per scenario (worst behaviour across their loans). */
  counts: Record<string, number>;
  /** The first customers of each non-ordinary scenario: first-day cases for each workflow. */
  cases: Record<string, DemoScenario[]>;
  visitOptOuts: Array<{ customerExternalId: string; reason: string }>;
};

export function buildManifest(portfolio: DemoPortfolio): DemoManifest {
  const { seed, customers, asOf } = portfolio.options;
  const counts: Record<string, number> = {};
  const cases: Record<string, DemoScenario[]> = {};
  for (const s of portfolio.scenarios()) {
    counts[s.scenario] = (counts[s.scenario] ?? 0) + 1;
    if (s.scenario === 'on-time') continue;
    const list = (cases[s.scenario] ??= []);
    if (list.length < CASES_PER_SCENARIO) list.push(s);
  }
  const visitOptOuts: DemoManifest['visitOptOuts'] = [];
  for (const person of portfolio.people()) {
    const p = demoPreference(seed, person, asOf);
    if (p?.visitOptOutReason) visitOptOuts.push({ customerExternalId: person.externalId, reason: p.visitOptOutReason });
    if (visitOptOuts.length >= CASES_PER_SCENARIO) break;
  }
  return {
    description:
      'LoanDesk demo portfolio (fictional). Scenarios: currently-late (1-30 DPD), rolling-default (stopped paying; 30-400 DPD), ' +
      'fraud-victim (payments stopped on fraudDate; open a fraud case), cured (was 30-60 DPD, now current), late-then-paid, on-time.',
    seed,
    customers,
    asOf,
    counts,
    cases,
    visitOptOuts,
  };
}
