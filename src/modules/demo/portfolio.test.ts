import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { validateResidentId } from '../customers/rules/resident-id.ts';
import { validateUnifiedSocialCreditCode } from '../customers/rules/unified-social-credit-code.ts';
import { normalisePhone } from '../customers/rules/phone.ts';
import { allocateRepayments } from '../loans/rules/allocate-repayments.ts';
import { daysPastDue } from '../loans/rules/days-past-due.ts';
import { daysBetween } from '../../platform/time/calendar-date.ts';
import { IMPORT_KINDS } from '../imports/imports.schema.ts';
import { csvChunks, DEMO_COLUMNS, generateDemoPortfolio, isDelinquentBehaviour } from './portfolio.ts';

const ASOF = '2026-11-26';

function digest(seed: number, customers = 200): string {
  const p = generateDemoPortfolio({ customers, seed, asOf: ASOF });
  const hash = createHash('sha256');
  for (const kind of IMPORT_KINDS) for (const chunk of csvChunks(DEMO_COLUMNS[kind], p.rows[kind]())) hash.update(chunk);
  return hash.digest('hex');
}

describe('demo portfolio', () => {
  it('is deterministic: same seed → byte-identical files; another seed → different', () => {
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
  });

  it('generates each file independently of the others (streams, not shared state)', () => {
    const p = generateDemoPortfolio({ customers: 50, seed: 3, asOf: ASOF });
    const loansFirst = [...p.rows.loans()];
    [...p.rows.customers()];
    expect([...p.rows.loans()]).toEqual(loansFirst);
  });

  it('produces valid resident IDs (ages 22-70), credit codes, phones and unique keys', () => {
    const p = generateDemoPortfolio({ customers: 3000, seed: 11, asOf: ASOF });
    const creditCodes = new Set<string>();
    let individuals = 0;
    for (const c of p.rows.customers()) {
      if (c.type === 'individual') {
        individuals++;
        const id = validateResidentId(c.id_number!);
        expect(id.ok, c.id_number).toBe(true);
        if (!id.ok) continue;
        const age = daysBetween(id.birthDate, ASOF) / 365.25;
        expect(age).toBeGreaterThanOrEqual(22);
        expect(age).toBeLessThan(71);
        if (c.gender) expect(c.gender).toBe(id.gender);
        if (c.birth_date) expect(c.birth_date).toBe(id.birthDate);
      } else {
        expect(validateUnifiedSocialCreditCode(c.credit_code!).ok, c.credit_code).toBe(true);
        expect(c.name).toMatch(/有限公司$/);
        creditCodes.add(c.credit_code!);
      }
    }
    expect(individuals).toBeGreaterThan(2400);
    expect(creditCodes.size).toBe(3000 - individuals);
    const contactIds = new Set<string>();
    for (const c of p.rows.contacts()) {
      contactIds.add(c.external_id!);
      if (c.kind === 'phone') expect(normalisePhone(c.value!, 'CN').ok, c.value).toBe(true);
      if (c.relationship !== 'self') expect(c.third_party_name).not.toBe('');
    }
    expect(contactIds.size).toBeGreaterThan(3000 * 2.5);
  });

  it('makes loans of sensible sizes: the four products, 3-18 % rates, ≈1.1-1.3 loans per customer', () => {
    const p = generateDemoPortfolio({ customers: 2000, seed: 5, asOf: ASOF });
    const loans = [...p.rows.loans()];
    expect(loans.length / 2000).toBeGreaterThan(1.1);
    expect(loans.length / 2000).toBeLessThan(1.4);
    expect(new Set(loans.map((l) => l.product))).toEqual(new Set(['personal-consumer', 'working-capital', 'fixed-asset', 'project-finance']));
    for (const l of loans) {
      const rate = Number(l.annual_rate);
      expect(rate).toBeGreaterThanOrEqual(3);
      expect(rate).toBeLessThanOrEqual(18);
      const yuan = Number(l.principal);
      if (l.product === 'personal-consumer') {
        expect(yuan).toBeGreaterThanOrEqual(5_000);
        expect(yuan).toBeLessThanOrEqual(300_000);
      }
      if (l.product === 'project-finance') expect(yuan).toBeLessThanOrEqual(100_000_000);
    }
    expect(loans.some((l) => l.product === 'working-capital' && l.principal === '500000.00')).toBe(true);
  });

  it('has about 8% of loans delinquent on asOf, by the loans rules (allocation, then days past due)', () => {
    const p = generateDemoPortfolio({ customers: 4000, seed: 99, asOf: ASOF });
    let total = 0;
    let delinquent = 0;
    for (const { loan, schedule, payments } of p.loansWithHistory()) {
      total++;
      for (const pay of payments) expect(pay.valueDate <= ASOF).toBe(true);
      const insts = schedule.map((s) => ({ id: String(s.sequence), ...s }));
      const { allocations } = allocateRepayments(insts, payments.map((x) => ({ id: x.externalId, valueDate: x.valueDate, amountFen: x.amountFen })));
      const dateOf = new Map(payments.map((x) => [x.externalId, x.valueDate]));
      const dpd = daysPastDue({
        asOf: ASOF,
        instalments: insts.map((i) => ({
          dueDate: i.dueDate,
          amountDueFen: i.principalFen + i.interestFen + i.feeFen,
          paidOn: allocations.filter((a) => a.instalmentId === i.id).map((a) => ({ date: dateOf.get(a.paymentId)!, amountFen: a.amountFen })),
        })),
      }).daysPastDue;
      if (dpd > 0) delinquent++;
      // Behaviours steer delinquency: the delinquent ones are past due, the others are not.
      expect(dpd > 0, `${loan.loanNumber} ${loan.behaviour} dpd ${dpd}`).toBe(isDelinquentBehaviour(loan.behaviour));
      if (loan.behaviour === 'rolling-default' && loan.targetDpd! >= 90) expect(dpd).toBeGreaterThanOrEqual(60);
    }
    const share = delinquent / total;
    expect(share).toBeGreaterThan(0.065);
    expect(share).toBeLessThan(0.095);
  });

  it('lists each customer scenario, with fraud dates for fraud victims', () => {
    const p = generateDemoPortfolio({ customers: 1000, seed: 1, asOf: ASOF });
    const scenarios = [...p.scenarios()];
    expect(new Set(scenarios.map((s) => s.scenario))).toEqual(new Set(['on-time', 'late-then-paid', 'cured', 'currently-late', 'rolling-default', 'fraud-victim']));
    const fraud = scenarios.find((s) => s.scenario === 'fraud-victim')!;
    expect(fraud.loans.find((l) => l.behaviour === 'fraud-victim')!.fraudDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('caps the loan count and limits histories for volume runs', () => {
    const p = generateDemoPortfolio({ customers: 100, seed: 1, asOf: ASOF, maxLoans: 90, historyCustomers: 10 });
    expect([...p.rows.loans()]).toHaveLength(90);
    const withHistory = new Set([...p.rows.schedules()].map((s) => s.loan_number));
    expect(withHistory.size).toBeGreaterThan(9);
    expect(withHistory.size).toBeLessThan(40);
  });
});
