/**
 * Allocates received payments to instalment components (还款冲抵顺序).
 * Payments are applied in value-date order (ties keep input order); instalments oldest
 * first (dueDate, then sequence). Money is never dropped: whatever exceeds everything owed,
 * including instalments not yet due (which are simply prepaid), is returned as overpayment.
 */
import { compareDates, isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';

export type Component = 'fee' | 'interest' | 'principal';

export interface InstalmentDue {
  id: string;
  sequence: number;
  dueDate: CalendarDate;
  principalFen: Fen;
  interestFen: Fen;
  feeFen: Fen;
}

export interface Payment {
  id: string;
  valueDate: CalendarDate;
  amountFen: Fen;
}

export interface AllocationPolicy {
  componentOrder: Component[];
  /**
   * 'instalment-first': settle the oldest instalment completely (in componentOrder) before the next.
   * 'component-first': the first component across all instalments oldest-first, then the next component.
   */
  mode: 'instalment-first' | 'component-first';
}

/** Fees, then interest, then principal, oldest instalment first — the usual order in Chinese loan contracts. */
export const DEFAULT_ALLOCATION_POLICY: AllocationPolicy = Object.freeze({
  componentOrder: Object.freeze(['fee', 'interest', 'principal']) as Component[],
  mode: 'instalment-first',
});

export interface Allocation {
  paymentId: string;
  instalmentId: string;
  component: Component;
  amountFen: Fen;
}

export interface InstalmentPaid {
  feeFen: Fen;
  interestFen: Fen;
  principalFen: Fen;
  /** Value date of the payment that cleared the last fen; an instalment owing nothing counts as cleared on its due date. */
  fullyPaidOn: CalendarDate | null;
}

export interface AllocationResult {
  allocations: Allocation[];
  overpaymentFen: Fen;
  paidByInstalment: Map<string, InstalmentPaid>;
}

const FIELD = { fee: 'feeFen', interest: 'interestFen', principal: 'principalFen' } as const;

function isAmount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function validate(instalments: InstalmentDue[], payments: Payment[], policy: AllocationPolicy): void {
  const order = [...policy.componentOrder].sort().join(',');
  if (order !== 'fee,interest,principal') throw new RangeError('componentOrder must list fee, interest and principal exactly once');
  if (policy.mode !== 'instalment-first' && policy.mode !== 'component-first') throw new RangeError(`Unknown mode: ${policy.mode}`);
  const ids = new Set<string>();
  for (const i of instalments) {
    if (ids.has(i.id)) throw new RangeError(`Duplicate instalment id: ${i.id}`);
    ids.add(i.id);
    if (!isValidCalendarDate(i.dueDate)) throw new RangeError(`Invalid dueDate on instalment ${i.id}`);
    if (!isAmount(i.principalFen) || !isAmount(i.interestFen) || !isAmount(i.feeFen)) {
      throw new RangeError(`Amounts on instalment ${i.id} must be non-negative integer fen`);
    }
  }
  let total = 0;
  for (const p of payments) {
    if (!isValidCalendarDate(p.valueDate)) throw new RangeError(`Invalid valueDate on payment ${p.id}`);
    if (!isAmount(p.amountFen)) throw new RangeError(`Payment ${p.id} amount must be a non-negative integer fen`);
    total += p.amountFen;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('Total of payments exceeds the safe integer range');
}

export function allocateRepayments(
  instalments: InstalmentDue[],
  payments: Payment[],
  policy: AllocationPolicy = DEFAULT_ALLOCATION_POLICY,
): AllocationResult {
  validate(instalments, payments, policy);
  const ordered = instalments
    .map((inst, index) => ({ inst, index }))
    .sort((a, b) => compareDates(a.inst.dueDate, b.inst.dueDate) || a.inst.sequence - b.inst.sequence || a.index - b.index)
    .map((x) => x.inst);

  // Allocation slots in the order money flows into them; identical for every payment.
  const slots: Array<{ inst: InstalmentDue; component: Component }> = [];
  if (policy.mode === 'instalment-first') {
    for (const inst of ordered) for (const component of policy.componentOrder) slots.push({ inst, component });
  } else {
    for (const component of policy.componentOrder) for (const inst of ordered) slots.push({ inst, component });
  }

  const paid = new Map<string, InstalmentPaid>();
  for (const inst of ordered) {
    const owesNothing = inst.feeFen + inst.interestFen + inst.principalFen === 0;
    paid.set(inst.id, { feeFen: 0, interestFen: 0, principalFen: 0, fullyPaidOn: owesNothing ? inst.dueDate : null });
  }

  const allocations: Allocation[] = [];
  let overpaymentFen = 0;
  // Array.prototype.sort is stable (ES2019), so same-day payments keep their input order.
  const byValueDate = [...payments].sort((a, b) => compareDates(a.valueDate, b.valueDate));
  for (const payment of byValueDate) {
    let remaining = payment.amountFen;
    for (const { inst, component } of slots) {
      if (remaining === 0) break;
      const state = paid.get(inst.id)!;
      const field = FIELD[component];
      const take = Math.min(remaining, inst[field] - state[field]);
      if (take <= 0) continue;
      state[field] += take;
      remaining -= take;
      allocations.push({ paymentId: payment.id, instalmentId: inst.id, component, amountFen: take });
      if (state.fullyPaidOn === null && state.feeFen === inst.feeFen && state.interestFen === inst.interestFen && state.principalFen === inst.principalFen) {
        state.fullyPaidOn = payment.valueDate;
      }
    }
    overpaymentFen += remaining;
  }
  return { allocations, overpaymentFen, paidByInstalment: paid };
}
