/**
 * Monthly repayment schedules in the conventions Chinese lenders quote:
 *  - 'annuity' (等额本息): fixed payment P·r·(1+r)^n / ((1+r)^n − 1);
 *  - 'equal-principal' (等额本金): principal P/n each month plus interest on the balance;
 *  - 'interest-only-bullet' (先息后本): interest monthly, all principal with the last instalment.
 * Monthly rate r = annual rate / 12 and every period accrues a full month's interest
 * regardless of its day count (the banks' 按月计息 convention), including the first period —
 * disbursement date is deliberately not an input.
 */
import { addMonthsClamped, isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { splitProportionally, type Fen } from '../../../platform/money/fen.ts';

export type RepaymentMethod = 'annuity' | 'equal-principal' | 'interest-only-bullet';

export interface ScheduleInput {
  principalFen: Fen;
  /** Annual nominal rate in basis points: 435 = 4.35 %. */
  annualRateBps: number;
  termMonths: number;
  firstDueDate: CalendarDate;
  method: RepaymentMethod;
}

export interface ScheduledInstalment {
  sequence: number;
  dueDate: CalendarDate;
  principalFen: Fen;
  interestFen: Fen;
  feeFen: Fen;
}

/** One month's interest on `balanceFen`, exact integer arithmetic, rounded half-up to the fen. */
export function monthlyInterestFen(balanceFen: Fen, annualRateBps: number): Fen {
  const num = BigInt(balanceFen) * BigInt(annualRateBps);
  const den = 120_000n; // 10 000 bps × 12 months
  return Number((2n * num + den) / (2n * den));
}

function validate(input: ScheduleInput): void {
  const { principalFen, annualRateBps, termMonths, firstDueDate, method } = input;
  if (!Number.isSafeInteger(principalFen) || principalFen <= 0) throw new RangeError('principalFen must be a positive integer');
  if (!Number.isSafeInteger(annualRateBps) || annualRateBps < 0) throw new RangeError('annualRateBps must be a non-negative integer');
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 1200) throw new RangeError('termMonths must be an integer 1-1200');
  if (!isValidCalendarDate(firstDueDate)) throw new RangeError(`Invalid firstDueDate: ${firstDueDate}`);
  if (!['annuity', 'equal-principal', 'interest-only-bullet'].includes(method)) throw new RangeError(`Unknown method: ${method}`);
}

/**
 * Annuity payment, rounded half-up to the fen. The only floating-point step in this module:
 * (1+r)^n has no exact integer form, and a 1-fen error here is absorbed by the last
 * instalment, which always takes the exact remaining balance.
 */
export function annuityPaymentFen(principalFen: Fen, annualRateBps: number, termMonths: number): Fen {
  const r = annualRateBps / 120_000;
  if (r === 0) return Math.ceil(principalFen / termMonths); // interest-free: the largest (first) instalment
  const growth = (1 + r) ** termMonths;
  return Math.round((principalFen * r * growth) / (growth - 1));
}

export function buildEqualInstalmentSchedule(input: ScheduleInput): ScheduledInstalment[] {
  validate(input);
  const { principalFen, annualRateBps, termMonths, firstDueDate, method } = input;
  const anchorDay = Number(firstDueDate.slice(8, 10));
  // Interest-free annuity is equal principal; splitting avoids a rounded payment overshooting early.
  const splitPrincipal = method === 'equal-principal' || (method === 'annuity' && annualRateBps === 0);
  const equalPrincipal = splitPrincipal ? splitProportionally(principalFen, Array<number>(termMonths).fill(1)) : [];
  const payment = method === 'annuity' ? annuityPaymentFen(principalFen, annualRateBps, termMonths) : 0;

  const rows: ScheduledInstalment[] = [];
  let balance = principalFen;
  for (let i = 0; i < termMonths; i++) {
    const last = i === termMonths - 1;
    const interestFen = monthlyInterestFen(balance, annualRateBps);
    let principal: Fen;
    if (last) principal = balance;
    else if (splitPrincipal) principal = equalPrincipal[i]!;
    else if (method === 'annuity') principal = Math.min(balance, Math.max(0, payment - interestFen));
    else principal = 0;
    rows.push({
      sequence: i + 1,
      dueDate: addMonthsClamped(firstDueDate, i, anchorDay),
      principalFen: principal,
      interestFen,
      feeFen: 0,
    });
    balance -= principal;
  }
  return rows;
}
