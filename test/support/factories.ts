import type { Database } from '../../src/platform/db/client.ts';
import { branches, staffUsers, type StaffRole } from '../../src/platform/auth/staff.schema.ts';
import { customers, contactPoints, consents } from '../../src/modules/customers/customers.schema.ts';
import { loans, instalments, repayments } from '../../src/modules/loans/loans.schema.ts';
import { makeResidentId } from '../../src/modules/customers/rules/resident-id.ts';
import { maskResidentId } from '../../src/platform/privacy/masking.ts';
import { buildEqualInstalmentSchedule } from '../../src/modules/loans/rules/repayment-schedule.ts';
import { reallocateLoanPayments } from '../../src/modules/loans/reallocate-payments.ts';
import { createPersonalDataCipher } from '../../src/platform/crypto/personal-data-cipher.ts';
import { TEST_DATA_KEY } from './databases.ts';

/** One `build*` per noun; each returns the row it inserted. Defaults are realistic, never random. */
const cipher = createPersonalDataCipher(TEST_DATA_KEY);
let counter = 0;
const next = () => ++counter;

export async function buildBranch(database: Database, id = 'BJ001', nameZh = '北京分行', nameEn = 'Beijing Branch') {
  const [row] = await database.db.insert(branches).values({ id, nameZh, nameEn }).onConflictDoNothing().returning();
  return row ?? { id, nameZh, nameEn };
}

export async function buildStaff(database: Database, attrs: { role?: StaffRole; branchId?: string; displayName?: string } = {}) {
  const n = next();
  const [row] = await database.db
    .insert(staffUsers)
    .values({ employeeCode: `E${9000 + n}`, displayName: attrs.displayName ?? `员工${n}`, role: attrs.role ?? 'relationship-manager', branchId: attrs.branchId ?? 'BJ001' })
    .returning();
  return row!;
}

export async function buildIndividual(
  database: Database,
  attrs: { name?: string; idNumber?: string; branchId?: string; phone?: string; externalId?: string } = {},
) {
  const n = next();
  const idNumber = attrs.idNumber ?? makeResidentId('110105', '1985-03-15', String(100 + (n % 900)).padStart(3, '0'));
  const [row] = await database.db
    .insert(customers)
    .values({
      externalId: attrs.externalId ?? `C${String(n).padStart(6, '0')}`,
      type: 'individual',
      name: attrs.name ?? `测试客户${n}`,
      idNumberCiphertext: cipher.encrypt(idNumber),
      idNumberHash: cipher.searchHash(idNumber),
      idNumberMasked: maskResidentId(idNumber),
      birthDate: '1985-03-15',
      branchId: attrs.branchId ?? 'BJ001',
    })
    .returning();
  if (attrs.phone) {
    await database.db.insert(contactPoints).values({ customerId: row!.id, kind: 'phone', value: attrs.phone, isPrimary: true, verified: true });
  }
  await database.db.insert(consents).values({ customerId: row!.id, purpose: 'servicing', channel: 'sms', grantedAt: new Date('2024-01-10T02:00:00Z') });
  return { ...row!, idNumber };
}

/**
 * A loan with its generated schedule; `payments` are recorded and allocated by the same code the
 * import uses, so the paid amounts on instalments are what production would hold.
 */
export async function buildLoan(
  database: Database,
  customerId: string,
  attrs: {
    loanNumber?: string;
    principalFen?: number;
    annualRateBps?: number;
    termMonths?: number;
    disbursementDate?: string;
    firstDueDate?: string;
    product?: 'project-finance' | 'working-capital' | 'fixed-asset' | 'personal-consumer';
    payments?: Array<{ valueDate: string; amountFen: number }>;
  } = {},
) {
  const n = next();
  const principalFen = attrs.principalFen ?? 50_000_000; // the article's 500,000-yuan working-capital loan
  const termMonths = attrs.termMonths ?? 12;
  const annualRateBps = attrs.annualRateBps ?? 435;
  const [loan] = await database.db
    .insert(loans)
    .values({
      loanNumber: attrs.loanNumber ?? `LN${String(n).padStart(8, '0')}`,
      customerId,
      product: attrs.product ?? 'working-capital',
      principalFen,
      annualRateBps,
      termMonths,
      disbursementDate: attrs.disbursementDate ?? '2026-01-15',
      branchId: 'BJ001',
    })
    .returning();
  const schedule = buildEqualInstalmentSchedule({
    principalFen, annualRateBps, termMonths, firstDueDate: attrs.firstDueDate ?? '2026-02-15', method: 'annuity',
  });
  await database.db.insert(instalments).values(schedule.map((s) => ({ ...s, loanId: loan!.id })));
  for (const [i, p] of (attrs.payments ?? []).entries()) {
    await database.db.insert(repayments).values({ externalId: `${loan!.loanNumber}-P${i + 1}`, loanId: loan!.id, valueDate: p.valueDate, amountFen: p.amountFen });
  }
  if (attrs.payments?.length) await reallocateLoanPayments(database.sql, [loan!.id]);
  return { loan: loan!, schedule };
}
