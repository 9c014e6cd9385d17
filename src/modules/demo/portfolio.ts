import { buildEqualInstalmentSchedule } from '../loans/rules/repayment-schedule.ts';
import { isValidCalendarDate } from '../../platform/time/calendar-date.ts';
import { fenToDecimalString } from '../../platform/money/fen.ts';
import { IMPORT_KIND_DEFINITIONS } from '../imports/kinds/index.ts';
import type { ImportKind } from '../imports/import-types.ts';
import { demoContacts, demoPerson, type CsvRow, type DemoPerson } from './people.ts';
import { demoLoans, demoPayments, DELINQUENT_BEHAVIOURS, type Behaviour, type DemoLoan, type DemoPayment, type ScheduleLine } from './loan-book.ts';
import { REPAYMENT_CHANNELS } from './reference-data.ts';

export type DemoPortfolioOptions = {
  customers: number;
  seed: number;
  /** 'YYYY-MM-DD': repayment histories run up to this date. */
  asOf: string;
  /** Stop after this many loans in total (for volume benchmarks); default: no cap. */
  maxLoans?: number;
  /**
   * Customers (from the first) whose loans get schedules and repayment histories; default all.
   * Volume runs keep this small: 1,000,000 loans × ~30 instalments would be 30M schedule rows.
   */
  historyCustomers?: number;
};

export type DemoScenario = {
  customerExternalId: string;
  customerName: string;
  branchId: string;
  relationshipManagerCode: string;
  /** The worst behaviour across the customer's loans. */
  scenario: Behaviour;
  loans: Array<{ loanNumber: string; product: string; behaviour: Behaviour; targetDpd: number | null; fraudDate: string | null }>;
};

/** The CSV columns of each kind, in file order: the importer's own column lists. */
export const DEMO_COLUMNS: Record<ImportKind, readonly string[]> = Object.fromEntries(
  Object.entries(IMPORT_KIND_DEFINITIONS).map(([kind, def]) => [kind, [...def.requiredColumns, ...def.optionalColumns]]),
) as unknown as Record<ImportKind, readonly string[]>;

const SEVERITY: Behaviour[] = ['on-time', 'late-then-paid', 'cured', 'currently-late', 'rolling-default', 'fraud-victim'];

export type LoanWithHistory = { loan: DemoLoan; schedule: ScheduleLine[]; payments: DemoPayment[] };

export type DemoPortfolio = {
  options: Required<DemoPortfolioOptions>;
  /** Rows in the import CSV formats, generated lazily: nothing is held in memory. */
  rows: Record<ImportKind, () => Generator<CsvRow>>;
  scenarios(): Generator<DemoScenario>;
  /** The people, for seeding consents and preferences. */
  people(): Generator<DemoPerson>;
  /** Loans with schedule and payments, for tests that recompute delinquency. */
  loansWithHistory(): Generator<LoanWithHistory>;
};

/**
 * A fictional, deterministic loan book: same options → byte-identical rows. Each customer is a
 * pure function of (seed, index, asOf), so every file is generated independently and streamed.
 */
export function generateDemoPortfolio(options: DemoPortfolioOptions): DemoPortfolio {
  const opts: Required<DemoPortfolioOptions> = {
    maxLoans: Infinity,
    historyCustomers: Infinity,
    ...options,
  };
  if (!Number.isSafeInteger(opts.customers) || opts.customers < 0) throw new RangeError('customers must be a non-negative integer');
  if (!Number.isInteger(opts.seed)) throw new RangeError('seed must be an integer');
  if (!isValidCalendarDate(opts.asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date: ${opts.asOf}`);
  const { seed, asOf } = opts;

  function* people(): Generator<DemoPerson> {
    for (let i = 0; i < opts.customers; i++) yield demoPerson(seed, i, asOf);
  }

  /** Every customer with their loans, honouring maxLoans (customers past the cap get none). */
  function* peopleWithLoans(): Generator<{ person: DemoPerson; loans: DemoLoan[] }> {
    let remaining = opts.maxLoans;
    for (const person of people()) {
      const loans = remaining > 0 ? demoLoans(seed, person, asOf, remaining) : [];
      remaining -= loans.length;
      yield { person, loans };
    }
  }

  function* loansWithHistory(): Generator<LoanWithHistory> {
    for (const { person, loans } of peopleWithLoans()) {
      if (person.index >= opts.historyCustomers) return;
      for (const loan of loans) {
        const schedule = buildEqualInstalmentSchedule({
          principalFen: loan.principalFen,
          annualRateBps: loan.annualRateBps,
          termMonths: loan.termMonths,
          firstDueDate: loan.firstDueDate,
          method: loan.method,
        });
        yield { loan, schedule, payments: demoPayments(seed, person.index, loan, schedule, asOf, REPAYMENT_CHANNELS) };
      }
    }
  }

  const rows: Record<ImportKind, () => Generator<CsvRow>> = {
    *customers() {
      for (const p of people()) yield p.row;
    },
    *contacts() {
      for (const p of people()) yield* demoContacts(seed, p, asOf);
    },
    *loans() {
      for (const { loans } of peopleWithLoans()) for (const l of loans) yield l.row;
    },
    *schedules() {
      for (const { loan, schedule } of loansWithHistory()) {
        for (const s of schedule) {
          yield {
            loan_number: loan.loanNumber,
            sequence: String(s.sequence),
            due_date: s.dueDate,
            principal: fenToDecimalString(s.principalFen),
            interest: fenToDecimalString(s.interestFen),
            fee: fenToDecimalString(s.feeFen),
          };
        }
      }
    },
    *repayments() {
      for (const { loan, payments } of loansWithHistory()) {
        for (const p of payments) {
          yield { external_id: p.externalId, loan_number: loan.loanNumber, value_date: p.valueDate, amount: fenToDecimalString(p.amountFen), channel: p.channel };
        }
      }
    },
  };

  function* scenarios(): Generator<DemoScenario> {
    for (const { person, loans } of peopleWithLoans()) {
      if (loans.length === 0) continue;
      const worst = loans.reduce((w, l) => (SEVERITY.indexOf(l.behaviour) > SEVERITY.indexOf(w) ? l.behaviour : w), 'on-time' as Behaviour);
      yield {
        customerExternalId: person.externalId,
        customerName: person.name,
        branchId: person.branchId,
        relationshipManagerCode: person.rmCode,
        scenario: worst,
        loans: loans.map((l) => ({ loanNumber: l.loanNumber, product: l.product, behaviour: l.behaviour, targetDpd: l.targetDpd, fraudDate: l.fraudDate })),
      };
    }
  }

  return { options: opts, rows, scenarios, people, loansWithHistory };
}

export const isDelinquentBehaviour = (b: Behaviour) => DELINQUENT_BEHAVIOURS.has(b);

/** RFC 4180 field: quoted only when needed. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * CSV bytes for rows, in chunks of roughly `chunkBytes`: feed to runImport through
 * Readable.from(), or write to a file. UTF-8 without BOM, LF line endings.
 */
export function* csvChunks(columns: readonly string[], rows: Iterable<CsvRow>, chunkBytes = 256 * 1024): Generator<Buffer> {
  let text = columns.join(',') + '\n';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += ',';
      line += csvField(row[columns[c]!] ?? '');
    }
    text += line + '\n';
    if (text.length >= chunkBytes / 3) {
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  if (text) yield Buffer.from(text, 'utf8');
}
