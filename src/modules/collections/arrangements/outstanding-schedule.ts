/**
 * What is still owed on a loan, instalment by instalment, as of a date: the input to every
 * arrangement (宽限期 / 分期 / 债务重组). Amounts are the UNPAID parts, integer fen. An instalment due
 * before asOf is overdue; one due on asOf is not yet (as in days-past-due.ts).
 */
import { addMonthsClamped, isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';
import type { ScheduledInstalment } from '../../loans/rules/repayment-schedule.ts';

export type Instalment = ScheduledInstalment;

export interface OutstandingSchedule {
  asOf: CalendarDate;
  /** Unpaid amounts per instalment, in due-date order; fully paid instalments may be left in (ignored). */
  instalments: Instalment[];
  /** Day of month the schedule is anchored on (default: the largest day among its due dates, so 31 survives February). */
  anchorDay?: number;
}

export type ScheduleTotals = {
  principalFen: Fen;
  interestFen: Fen;
  feeFen: Fen;
  totalFen: Fen;
  instalments: number;
  lastDueDate: CalendarDate | null;
};

const AMOUNTS = ['principalFen', 'interestFen', 'feeFen'] as const;

export function validateOutstanding(schedule: OutstandingSchedule): void {
  if (!isValidCalendarDate(schedule.asOf)) throw new RangeError(`asOf is not a valid YYYY-MM-DD date: ${String(schedule.asOf)}`);
  if (schedule.anchorDay !== undefined && (!Number.isInteger(schedule.anchorDay) || schedule.anchorDay < 1 || schedule.anchorDay > 31)) {
    throw new RangeError(`anchorDay must be an integer 1–31: ${schedule.anchorDay}`);
  }
  let previous: CalendarDate | null = null;
  schedule.instalments.forEach((row, i) => {
    if (!isValidCalendarDate(row.dueDate)) throw new RangeError(`instalments[${i}].dueDate is not a valid date: ${String(row.dueDate)}`);
    if (previous !== null && row.dueDate < previous) throw new RangeError(`instalments[${i}] is due ${row.dueDate}, before the previous instalment (${previous}); list them in due-date order`);
    previous = row.dueDate;
    for (const key of AMOUNTS) {
      if (!Number.isSafeInteger(row[key]) || row[key] < 0) throw new RangeError(`instalments[${i}].${key} must be a non-negative integer number of fen: ${row[key]}`);
    }
  });
  if (!schedule.instalments.some(isOwed)) throw new RangeError('nothing is outstanding: every instalment is fully paid');
}

export const isOwed = (row: Instalment): boolean => row.principalFen + row.interestFen + row.feeFen > 0;
export const owedRows = (schedule: OutstandingSchedule): Instalment[] => schedule.instalments.filter(isOwed);
export const isOverdue = (row: Instalment, asOf: CalendarDate): boolean => row.dueDate < asOf;

export function totalsOf(rows: readonly Instalment[]): ScheduleTotals {
  const principalFen = sum(rows, 'principalFen');
  const interestFen = sum(rows, 'interestFen');
  const feeFen = sum(rows, 'feeFen');
  return {
    principalFen, interestFen, feeFen,
    totalFen: principalFen + interestFen + feeFen,
    instalments: rows.length,
    lastDueDate: rows.length ? rows.reduce((d, r) => (r.dueDate > d ? r.dueDate : d), rows[0]!.dueDate) : null,
  };
}

export const sum = (rows: readonly Instalment[], key: (typeof AMOUNTS)[number]): Fen => rows.reduce((s, r) => s + r[key], 0);

export function anchorDayOf(schedule: OutstandingSchedule): number {
  return schedule.anchorDay ?? Math.max(...schedule.instalments.map((r) => Number(r.dueDate.slice(8, 10))));
}

/**
 * The next `count` regular due dates after asOf: the due dates of instalments still owed after asOf
 * (a prepaid instalment's date is no payment date), then monthly on the anchor day beyond the last
 * (or beyond asOf when everything owed is already due). Schedules are monthly, as the loans module builds them.
 */
export function regularDatesAfter(schedule: OutstandingSchedule, count: number): CalendarDate[] {
  const anchor = anchorDayOf(schedule);
  const owed = owedRows(schedule);
  const dates = [...new Set(owed.map((r) => r.dueDate).filter((d) => d > schedule.asOf))];
  const base = dates.at(-1) ?? owed.at(-1)!.dueDate;
  const out = dates.slice(0, count);
  for (let k = 1; out.length < count; k++) {
    const d = addMonthsClamped(base, k, anchor);
    if (d > schedule.asOf) out.push(d);
  }
  return out;
}

/** Whole months the final due date moves later: the least k with (old + k months, on the anchor day) ≥ new. */
export function termExtensionMonths(oldLast: CalendarDate, newLast: CalendarDate, anchorDay: number): number {
  let k = 0;
  while (addMonthsClamped(oldLast, k, anchorDay) < newLast) k++;
  return k;
}

/** Sorted by due date (stable) and numbered 1…n. */
export function renumber(rows: readonly Instalment[]): Instalment[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.dueDate < b.r.dueDate ? -1 : a.r.dueDate > b.r.dueDate ? 1 : a.i - b.i))
    .map(({ r }, i) => ({ ...r, sequence: i + 1 }));
}
