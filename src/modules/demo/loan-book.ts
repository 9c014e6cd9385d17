import type { LoanProduct } from '../loans/loans.schema.ts';
import type { RepaymentMethod } from '../loans/rules/repayment-schedule.ts';
import { addDays, addMonthsClamped } from '../../platform/time/calendar-date.ts';
import { fenToDecimalString } from '../../platform/money/fen.ts';
import type { CsvRow, DemoPerson } from './people.ts';
import { customerRng, STREAM, type Rng } from './prng.ts';

/**
 * How a loan's borrower behaves up to asOf. The shares make about 8% of loans delinquent on asOf
 * (currently-late + rolling-default + fraud-victim), the rest current with some history of lateness.
 */
export type Behaviour = 'on-time' | 'late-then-paid' | 'cured' | 'currently-late' | 'rolling-default' | 'fraud-victim';

export const BEHAVIOUR_SHARES: ReadonlyArray<readonly [Behaviour, number]> = [
  ['on-time', 80],
  ['late-then-paid', 8],
  ['cured', 4],
  ['currently-late', 3.5],
  ['rolling-default', 3.5],
  ['fraud-victim', 1],
];

export const DELINQUENT_BEHAVIOURS: ReadonlySet<Behaviour> = new Set(['currently-late', 'rolling-default', 'fraud-victim']);

export type DemoLoan = {
  loanNumber: string;
  product: LoanProduct;
  principalFen: number;
  annualRateBps: number;
  termMonths: number;
  method: RepaymentMethod;
  disbursementDate: string;
  firstDueDate: string;
  behaviour: Behaviour;
  /** rolling-default: the days past due it was steered to on asOf. */
  targetDpd: number | null;
  /** fraud-victim: the day the borrower's payments stopped (account taken over). */
  fraudDate: string | null;
  row: CsvRow;
};

type ProductSpec = {
  principalYuan: [number, number];
  roundTo: number;
  rateBps: [number, number];
  terms: readonly number[];
  methods: ReadonlyArray<readonly [RepaymentMethod, number]>;
};

const PRODUCTS: Record<LoanProduct, ProductSpec> = {
  'personal-consumer': { principalYuan: [5_000, 300_000], roundTo: 1_000, rateBps: [450, 1800], terms: [12, 24, 36], methods: [['annuity', 80], ['equal-principal', 20]] },
  'working-capital': { principalYuan: [100_000, 5_000_000], roundTo: 10_000, rateBps: [345, 650], terms: [12, 24, 36], methods: [['interest-only-bullet', 50], ['annuity', 30], ['equal-principal', 20]] },
  'fixed-asset': { principalYuan: [1_000_000, 50_000_000], roundTo: 100_000, rateBps: [350, 600], terms: [36, 60, 84, 120], methods: [['equal-principal', 70], ['annuity', 30]] },
  'project-finance': { principalYuan: [10_000_000, 100_000_000], roundTo: 1_000_000, rateBps: [300, 550], terms: [60, 96, 120, 180], methods: [['equal-principal', 100]] },
};

export function demoLoans(seed: number, person: DemoPerson, asOf: string, maxLoans = Infinity): DemoLoan[] {
  const rng = customerRng(seed, person.index, STREAM.loans);
  // 1-3 loans, ≈1.25 on average.
  const count = Math.min(rng.weighted([[1, 80], [2, 15], [3, 5]] as const), maxLoans);
  const loans: DemoLoan[] = [];
  for (let k = 0; k < count; k++) loans.push(oneLoan(rng, person, asOf, k));
  return loans;
}

function oneLoan(rng: Rng, person: DemoPerson, asOf: string, k: number): DemoLoan {
  const product: LoanProduct =
    person.type === 'individual'
      ? rng.weighted([['personal-consumer', 92], ['working-capital', 8]] as const)
      : rng.weighted([['working-capital', 70], ['fixed-asset', 20], ['project-finance', 10]] as const);
  const spec = PRODUCTS[product];
  const principalFen = principal(rng, product, spec) * 100;
  const annualRateBps = Math.round(rng.int(spec.rateBps[0], spec.rateBps[1]) / 5) * 5;
  const method = rng.weighted(spec.methods);
  const behaviour = rng.weighted(BEHAVIOUR_SHARES);

  // Enough history for the behaviour, and the loan still running on asOf.
  let targetDpd: number | null = null;
  let minElapsedMonths = 2;
  if (behaviour === 'rolling-default') {
    targetDpd = rng.weighted([[rng.int(31, 89), 30], [rng.int(90, 179), 35], [rng.int(180, 400), 35]] as const);
    minElapsedMonths = Math.ceil(targetDpd / 30) + 3;
  } else if (behaviour === 'cured' || behaviour === 'late-then-paid') {
    minElapsedMonths = 6;
  } else if (behaviour === 'fraud-victim') {
    minElapsedMonths = 10;
  }
  const termChoices = spec.terms.filter((t) => t > minElapsedMonths + 1);
  const termMonths = termChoices.length > 0 ? rng.pick(termChoices) : spec.terms[spec.terms.length - 1]! + minElapsedMonths;
  const maxElapsed = Math.max(minElapsedMonths, Math.min(termMonths - 1, 36));
  const elapsedMonths = rng.int(minElapsedMonths, maxElapsed);
  // Day 1-28 so monthly due dates never need clamping.
  const anchor = addMonthsClamped(asOf, -elapsedMonths);
  const disbursementDate = `${anchor.slice(0, 8)}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const firstDueDate = addMonthsClamped(disbursementDate, 1);
  const fraudDate = behaviour === 'fraud-victim' ? addDays(asOf, -rng.int(40, 240)) : null;
  const loanNumber = `LN${person.externalId.slice(1)}${k + 1}`;
  const officer = person.rmCode;
  const row: CsvRow = {
    loan_number: loanNumber,
    customer_external_id: person.externalId,
    product,
    principal: fenToDecimalString(principalFen),
    annual_rate: fenToDecimalString(annualRateBps),
    term_months: String(termMonths),
    disbursement_date: disbursementDate,
    branch_id: person.branchId,
    officer_code: officer,
    status: 'active',
    credit_line_external_id: '',
  };
  return { loanNumber, product, principalFen, annualRateBps, termMonths, method, disbursementDate, firstDueDate, behaviour, targetDpd, fraudDate, row };
}

function principal(rng: Rng, product: LoanProduct, spec: ProductSpec): number {
  // The article's 500,000-yuan working-capital loan is a common size, so it appears often.
  if (product === 'working-capital' && rng.chance(0.15)) return 500_000;
  // Log-uniform: many small loans, few large ones, as in real books.
  const [lo, hi] = spec.principalYuan;
  const value = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
  return Math.max(lo, Math.min(hi, Math.round(value / spec.roundTo) * spec.roundTo));
}

export type ScheduleLine = { sequence: number; dueDate: string; principalFen: number; interestFen: number; feeFen: number };
export type DemoPayment = { externalId: string; valueDate: string; amountFen: number; channel: string };

/**
 * Payments up to asOf for one loan's schedule, following its behaviour. Amounts are whole
 * instalments (or the arrears in one sum when a late borrower catches up), dated on or
 * around the due dates, never after asOf.
 */
export function demoPayments(seed: number, customerIndex: number, loan: DemoLoan, schedule: readonly ScheduleLine[], asOf: string, channels: readonly string[]): DemoPayment[] {
  const rng = customerRng(seed, customerIndex, STREAM.history * 16 + Number(loan.loanNumber.slice(-1)));
  const due = schedule.filter((s) => s.dueDate <= asOf);
  const owed = (s: ScheduleLine) => s.principalFen + s.interestFen + s.feeFen;
  const channel = rng.pick(channels);
  const payments: DemoPayment[] = [];
  const pay = (valueDate: string, amountFen: number) => {
    if (amountFen <= 0 || valueDate > asOf) return;
    const floor = valueDate < loan.disbursementDate ? loan.disbursementDate : valueDate;
    payments.push({ externalId: `${loan.loanNumber}-R${String(payments.length + 1).padStart(3, '0')}`, valueDate: floor, amountFen, channel });
  };
  const onTime = (s: ScheduleLine) => pay(addDays(s.dueDate, -rng.int(0, 3)), owed(s));
  const n = due.length;

  switch (loan.behaviour) {
    case 'on-time':
      due.forEach(onTime);
      break;
    case 'late-then-paid': {
      const late = new Set([rng.int(0, Math.max(0, n - 2)), rng.chance(0.4) ? rng.int(0, Math.max(0, n - 2)) : -1]);
      for (const [i, s] of due.entries()) (late.has(i) ? pay(addDays(s.dueDate, rng.int(3, 20)), owed(s)) : onTime(s));
      break;
    }
    case 'cured': {
      // Misses two instalments (30-60 DPD at worst), then pays the arrears in one sum and resumes.
      const start = rng.int(0, Math.max(0, n - 4));
      for (const [i, s] of due.entries()) {
        if (i < start || i > start + 1) onTime(s);
        else if (i === start + 1) pay(addDays(s.dueDate, rng.int(5, 25)), owed(due[start]!) + owed(s));
      }
      break;
    }
    case 'currently-late': {
      // Everything paid except the latest instalment (or two, when the latest falls due on asOf).
      const unpaidFrom = n > 0 && due[n - 1]!.dueDate === asOf ? n - 2 : n - 1;
      due.forEach((s, i) => i < unpaidFrom && onTime(s));
      break;
    }
    case 'rolling-default': {
      const stopDay = addDays(asOf, -(loan.targetDpd ?? 90));
      for (const s of due) if (s.dueDate < stopDay) onTime(s);
      break;
    }
    case 'fraud-victim':
      for (const s of due) if (s.dueDate < loan.fraudDate!) onTime(s);
      break;
  }
  return payments;
}
