import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import { notFound } from '../../platform/errors/domain-error.ts';
import { todayInZone, compareDates } from '../../platform/time/calendar-date.ts';
import { customers } from '../customers/customers.schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertCustomerVisible, customerScope } from '../customers/customer-scope.ts';
import { loans, instalments, repayments, repaymentAllocations, creditLines } from './loans.schema.ts';
import { daysPastDue } from './rules/days-past-due.ts';
import { delinquencyBucket } from './rules/delinquency-bucket.ts';
import type { LoanView, InstalmentView } from './loans.contract.ts';

type Loan = z.infer<typeof LoanView>;

export function resolveAsOf(deps: AppDeps, asOf: string | undefined): string {
  return asOf ?? todayInZone(deps.now(), deps.config.defaultTimeZone);
}

/** Loads the loans with their schedules, payments and allocations, and computes delinquency as of a date. */
export async function loadLoanViews(deps: AppDeps, where: { customerId: string } | { loanId: string }, asOf: string): Promise<Loan[]> {
  const { db } = deps.database;
  const loanRows = await db
    .select({ loan: loans, line: creditLines })
    .from(loans)
    .leftJoin(creditLines, eq(creditLines.id, loans.creditLineId))
    .where('customerId' in where ? eq(loans.customerId, where.customerId) : eq(loans.id, where.loanId))
    .orderBy(asc(loans.disbursementDate));
  if (loanRows.length === 0) return [];
  const loanIds = loanRows.map((r) => r.loan.id);
  const [schedule, payments, allocations] = await Promise.all([
    db.select().from(instalments).where(inArray(instalments.loanId, loanIds)).orderBy(asc(instalments.sequence)),
    db.select().from(repayments).where(inArray(repayments.loanId, loanIds)).orderBy(asc(repayments.valueDate)),
    db
      .select({ instalmentId: repaymentAllocations.instalmentId, amountFen: repaymentAllocations.amountFen, valueDate: repayments.valueDate })
      .from(repaymentAllocations)
      .innerJoin(repayments, eq(repayments.id, repaymentAllocations.repaymentId))
      .where(inArray(repayments.loanId, loanIds)),
  ]);
  const paidOnByInstalment = new Map<string, Array<{ date: string; amountFen: number }>>();
  for (const a of allocations) {
    const list = paidOnByInstalment.get(a.instalmentId) ?? [];
    list.push({ date: a.valueDate, amountFen: a.amountFen });
    paidOnByInstalment.set(a.instalmentId, list);
  }
  return loanRows.map(({ loan, line }) => {
    const own = schedule.filter((i) => i.loanId === loan.id);
    const dpd = daysPastDue({
      instalments: own.map((i) => ({
        dueDate: i.dueDate,
        amountDueFen: i.principalFen + i.interestFen + i.feeFen,
        paidOn: paidOnByInstalment.get(i.id) ?? [],
      })),
      asOf,
      graceDays: deps.config.graceDays,
    });
    const views: Array<z.infer<typeof InstalmentView>> = own.map((i) => {
      const due = i.principalFen + i.interestFen + i.feeFen;
      const paid = i.paidPrincipalFen + i.paidInterestFen + i.paidFeeFen;
      const cmp = compareDates(i.dueDate, asOf);
      const state = paid >= due ? 'paid' : cmp < 0 ? 'overdue' : cmp === 0 ? 'due-today' : paid > 0 ? 'partially-paid' : 'upcoming';
      return {
        id: i.id, sequence: i.sequence, dueDate: i.dueDate, principalFen: i.principalFen, interestFen: i.interestFen, feeFen: i.feeFen,
        paidFen: paid, outstandingFen: due - paid, fullyPaidOn: i.fullyPaidOn, state,
      };
    });
    return {
      id: loan.id, loanNumber: loan.loanNumber, customerId: loan.customerId, product: loan.product, principalFen: loan.principalFen,
      annualRateBps: loan.annualRateBps, termMonths: loan.termMonths, disbursementDate: loan.disbursementDate, branchId: loan.branchId,
      status: loan.status,
      creditLine: line ? { externalId: line.externalId, limitFen: line.limitFen, suspended: line.suspended } : null,
      outstandingPrincipalFen: own.reduce((s, i) => s + i.principalFen - i.paidPrincipalFen, 0),
      creditBalanceFen: loan.creditBalanceFen,
      delinquency: { asOf, ...dpd, bucket: delinquencyBucket(dpd.daysPastDue) },
      instalments: views,
      repayments: payments
        .filter((p) => p.loanId === loan.id)
        .map((p) => ({ id: p.id, externalId: p.externalId, valueDate: p.valueDate, amountFen: p.amountFen, channel: p.channel })),
    };
  });
}

export async function loadCustomerLoans(deps: AppDeps, actor: Actor, customerId: string, asOf: string): Promise<Loan[]> {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  return loadLoanViews(deps, { customerId }, asOf);
}

/** A loan outside the actor's scope is reported exactly like a loan that does not exist. */
export async function loadLoan(deps: AppDeps, actor: Actor, loanId: string, asOf: string): Promise<Loan> {
  const [owner] = await deps.database.db
    .select({ customerId: loans.customerId })
    .from(loans)
    .innerJoin(customers, eq(customers.id, loans.customerId))
    .where(and(eq(loans.id, loanId), customerScope(actor)));
  if (!owner) throw notFound({ zh: '贷款', en: 'Loan' });
  const [loan] = await loadLoanViews(deps, { loanId }, asOf);
  return loan!;
}
