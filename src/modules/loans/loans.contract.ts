import { z } from '@hono/zod-openapi';
import { LOAN_PRODUCTS, LOAN_STATUSES } from './loans.schema.ts';
import { isValidCalendarDate } from '../../platform/time/calendar-date.ts';

const fen = (what: string) => z.number().int().describe(`${what}, integer fen (1 yuan = 100 fen)`);

export const AsOfQuery = z.object({
  asOf: z
    .string()
    .refine(isValidCalendarDate, 'asOf must be a real calendar date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD')
    .optional()
    .describe('Compute days past due as of this date (default: today in Asia/Shanghai)'),
});

export const LoanIdParam = z.object({
  loanId: z.uuid().openapi({ param: { name: 'loanId', in: 'path' }, description: 'Loan id (UUID)' }),
});

export const INSTALMENT_STATES = ['paid', 'partially-paid', 'overdue', 'due-today', 'upcoming'] as const;

export const InstalmentView = z
  .object({
    id: z.uuid(),
    sequence: z.number().int(),
    dueDate: z.string(),
    principalFen: fen('Principal due'),
    interestFen: fen('Interest due'),
    feeFen: fen('Fees due'),
    paidFen: fen('Paid so far'),
    outstandingFen: fen('Still owed'),
    fullyPaidOn: z.string().nullable(),
    state: z.enum(INSTALMENT_STATES),
  })
  .openapi('Instalment');

export const RepaymentView = z
  .object({ id: z.uuid(), externalId: z.string(), valueDate: z.string(), amountFen: fen('Amount'), channel: z.string().nullable() })
  .openapi('Repayment');

export const Delinquency = z
  .object({
    asOf: z.string(),
    daysPastDue: z.number().int().describe('From the oldest unpaid instalment due date (逾期天数)'),
    bucket: z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() }),
    oldestUnpaidDueDate: z.string().nullable(),
    overdueFen: fen('Amount past due'),
    overdueInstalments: z.number().int(),
  })
  .openapi('Delinquency');

export const LoanView = z
  .object({
    id: z.uuid(),
    loanNumber: z.string(),
    customerId: z.uuid(),
    product: z.enum(LOAN_PRODUCTS),
    principalFen: fen('Principal disbursed'),
    annualRateBps: z.number().int().describe('Annual rate in basis points: 435 = 4.35 %'),
    termMonths: z.number().int(),
    disbursementDate: z.string(),
    branchId: z.string(),
    status: z.enum(LOAN_STATUSES),
    creditLine: z.object({ externalId: z.string(), limitFen: fen('Limit'), suspended: z.boolean() }).nullable(),
    outstandingPrincipalFen: fen('Principal not yet repaid'),
    creditBalanceFen: fen('Overpayment held as credit'),
    delinquency: Delinquency,
    instalments: z.array(InstalmentView),
    repayments: z.array(RepaymentView),
  })
  .openapi('Loan');

export const LoanList = z.object({ items: z.array(LoanView) }).openapi('LoanList');
