/**
 * The plain data the strategy is evaluated on. The daily run builds it from the loan (days past due,
 * outstanding), the customer (type, age, care flags) and the collector's records (willingness,
 * promises to pay); `history` is what the run has already done in this delinquency episode.
 */
import { isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';
import type { LoanProduct } from '../../loans/loans.schema.ts';
import type { CUSTOMER_TYPES } from '../../customers/customers.schema.ts';
import { WILLINGNESS, type CareFlags, type Willingness } from './treatments.ts';

export type PromiseStatus = 'kept' | 'broken' | 'open';

/** A promise to pay (承诺还款). `dueOn` is the promised payment date; it is known broken from the next day. */
export interface PromiseToPay {
  promisedOn: CalendarDate;
  dueOn: CalendarDate;
  amountFen: Fen;
  status: PromiseStatus;
}

export interface CollectionAccount {
  dpd: number;
  outstandingFen: Fen;
  product: LoanProduct;
  customerType: (typeof CUSTOMER_TYPES)[number];
  /** From the risk model; null when not scored. */
  riskScore: number | null;
  /** Whole years on asOf; null for enterprises or when the birth date is unknown. */
  age: number | null;
  flags: CareFlags;
  willingness: Willingness;
  promises: PromiseToPay[];
}

/**
 * One treatment already done in this delinquency episode. `pending` = done, outcome not known yet;
 * for planning it counts as no response (if nothing arrives by the end of the wait, escalate).
 */
export type TreatmentOutcome = 'responded' | 'no-response' | 'pending';
export interface TreatmentRecord {
  segmentId: string;
  stepIndex: number;
  on: CalendarDate;
  outcome: TreatmentOutcome;
}

const OUTCOMES: readonly TreatmentOutcome[] = ['responded', 'no-response', 'pending'];
const STATUSES: readonly PromiseStatus[] = ['kept', 'broken', 'open'];

function date(value: CalendarDate, what: string): void {
  if (!isValidCalendarDate(value)) throw new RangeError(`${what} is not a valid YYYY-MM-DD date: ${String(value)}`);
}

/** Throws RangeError naming the bad field; the evaluation functions call it first. */
export function assertCollectionAccount(account: CollectionAccount): void {
  if (!Number.isSafeInteger(account.dpd) || account.dpd < 0) throw new RangeError(`dpd must be a non-negative integer: ${account.dpd}`);
  if (!Number.isSafeInteger(account.outstandingFen) || account.outstandingFen < 0) throw new RangeError(`outstandingFen must be a non-negative integer: ${account.outstandingFen}`);
  if (account.riskScore !== null && !Number.isFinite(account.riskScore)) throw new RangeError(`riskScore must be a finite number or null: ${account.riskScore}`);
  if (account.age !== null && (!Number.isInteger(account.age) || account.age < 0)) throw new RangeError(`age must be a non-negative integer or null: ${account.age}`);
  if (!WILLINGNESS.includes(account.willingness)) throw new RangeError(`Unknown willingness: ${String(account.willingness)}`);
  account.promises.forEach((p, i) => {
    date(p.promisedOn, `promises[${i}].promisedOn`);
    date(p.dueOn, `promises[${i}].dueOn`);
    if (!STATUSES.includes(p.status)) throw new RangeError(`promises[${i}].status must be kept, broken or open: ${String(p.status)}`);
    if (!Number.isSafeInteger(p.amountFen) || p.amountFen < 0) throw new RangeError(`promises[${i}].amountFen must be a non-negative integer`);
  });
}

export function assertHistory(history: readonly TreatmentRecord[]): void {
  history.forEach((h, i) => {
    date(h.on, `history[${i}].on`);
    if (!Number.isSafeInteger(h.stepIndex) || h.stepIndex < 0) throw new RangeError(`history[${i}].stepIndex must be a non-negative integer`);
    if (!OUTCOMES.includes(h.outcome)) throw new RangeError(`history[${i}].outcome must be responded, no-response or pending: ${String(h.outcome)}`);
  });
}
