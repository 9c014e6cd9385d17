import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { buildBranch, buildIndividual, buildLoan } from '../../../test/support/factories.ts';
import { signInAs, type SignedInClient } from '../../../test/support/sessions.ts';
import { buildEqualInstalmentSchedule } from './rules/repayment-schedule.ts';
import { portfolioDelinquency } from './portfolio-delinquency.ts';

// The article's example: a 500,000-yuan working-capital loan, 12 monthly annuity instalments at 4.35 %.
const schedule = buildEqualInstalmentSchedule({
  principalFen: 50_000_000, annualRateBps: 435, termMonths: 12, firstDueDate: '2026-02-15', method: 'annuity',
});
const instalmentFen = (n: number) => schedule[n]!.principalFen + schedule[n]!.interestFen;

describeEachDatabase('loans API: schedule, payments and days past due', (getDb) => {
  let api: SignedInClient;
  let customerId: string;
  let lateLoanId: string;

  beforeAll(async () => {
    await buildBranch(getDb());
    const customer = await buildIndividual(getDb(), { name: '王芳' });
    customerId = customer.id;
    // Paid Feb–Aug on the due dates, then stopped: Sep 15, Oct 15, Nov 15 unpaid on 2026-11-26.
    const late = await buildLoan(getDb(), customerId, {
      loanNumber: 'LN-LATE',
      payments: schedule.slice(0, 7).map((s, i) => ({ valueDate: s.dueDate, amountFen: instalmentFen(i) })),
    });
    lateLoanId = late.loan.id;
    // Paid everything due so far plus 1,000.00 yuan too much on the last payment.
    await buildLoan(getDb(), customerId, {
      loanNumber: 'LN-CURRENT',
      payments: schedule.slice(0, 10).map((s, i) => ({ valueDate: s.dueDate, amountFen: instalmentFen(i) + (i === 9 ? 100_000 : 0) })),
    });
    api = await signInAs(buildTestApp(getDb()), getDb(), { role: 'supervisor' });
  });

  it('counts days past due from the oldest unpaid instalment and buckets the loan', async () => {
    const res = await api.request(`/api/customers/${customerId}/loans`);
    expect(res.status).toBe(200);
    const late = res.body.items.find((l: any) => l.loanNumber === 'LN-LATE');
    expect(late.delinquency).toMatchObject({
      asOf: '2026-11-26',
      daysPastDue: 72, // 2026-09-15 → 2026-11-26
      oldestUnpaidDueDate: '2026-09-15',
      overdueInstalments: 3,
      overdueFen: instalmentFen(7) + instalmentFen(8) + instalmentFen(9),
      bucket: { code: 'M3' },
    });
    expect(late.instalments.map((i: any) => i.state).slice(5, 11)).toEqual(['paid', 'paid', 'overdue', 'overdue', 'overdue', 'upcoming']);
  });

  it('keeps an overpayment as a credit balance and applies it to the next instalment', async () => {
    const res = await api.request(`/api/customers/${customerId}/loans`);
    const current = res.body.items.find((l: any) => l.loanNumber === 'LN-CURRENT');
    expect(current.delinquency.daysPastDue).toBe(0);
    expect(current.delinquency.bucket.code).toBe('M0');
    // The extra 1,000 yuan prepays instalment 11 partially (allocation covers future instalments).
    const eleventh = current.instalments[10];
    expect(eleventh.paidFen).toBe(100_000);
    expect(eleventh.state).toBe('partially-paid');
    expect(current.creditBalanceFen).toBe(0);
  });

  it('answers for any as-of date: before the missed instalment the loan was current', async () => {
    const res = await api.request(`/api/loans/${lateLoanId}?asOf=2026-09-15`);
    expect(res.status).toBe(200);
    expect(res.body.delinquency).toMatchObject({ daysPastDue: 0, bucket: { code: 'M0' } });
    const dayAfter = await api.request(`/api/loans/${lateLoanId}?asOf=2026-09-16`);
    expect(dayAfter.body.delinquency).toMatchObject({ daysPastDue: 1, bucket: { code: 'M1' } });
  });

  it('refuses an impossible as-of date with a field-level problem', async () => {
    const res = await api.request(`/api/loans/${lateLoanId}?asOf=2024-02-30`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.asOf' })]);
  });

  it('the portfolio view agrees with the loan page', async () => {
    const portfolio = await portfolioDelinquency(getDb().sql, { asOf: '2026-11-26', graceDays: 0 });
    const byCode = Object.fromEntries(portfolio.buckets.map((b) => [b.code, b.loans]));
    expect(portfolio.loans).toBe(2);
    expect(byCode).toMatchObject({ M0: 1, M3: 1 });
    const m3 = portfolio.buckets.find((b) => b.code === 'M3')!;
    expect(m3.overdueFen).toBe(instalmentFen(7) + instalmentFen(8) + instalmentFen(9));
  });
});
