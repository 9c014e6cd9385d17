/**
 * Analytics API contracts: one zod schema per input and output (route validation, OpenAPI and the
 * console's types). Every figure is an aggregate — counts, sums in fen, shares — never a customer.
 */
import { z } from '@hono/zod-openapi';
import { isValidCalendarDate } from '../../platform/time/calendar-date.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isValidCalendarDate, 'a real calendar date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD');

export const AnalyticsPeriodQuery = z.object({
  from: day.optional().describe('First day of the period (Asia/Shanghai). Default: the first day of the month five months before `to` (six calendar months).'),
  to: day.optional().describe('Last day of the period, inclusive. Default: today.'),
  granularity: z.enum(['day', 'month']).optional().describe('Bucket distribution per run day or per month end. Default: day for periods of up to 62 days, else month.'),
  unitCosts: z
    .string()
    .max(300)
    .optional()
    .describe('Contact unit costs in fen, e.g. `sms:5,phone:250`; channels not named keep the defaults (sms 5, email 1, portal 0, letter 300, phone 200, online-chat 100, field-visit 5000).'),
});
export type AnalyticsPeriodInput = z.infer<typeof AnalyticsPeriodQuery>;

const share = z.number().nullable();
const interval = z.object({ low: z.number(), high: z.number() }).nullable();
export const RateSchema = z.object({ events: z.number().int(), total: z.number().int(), rate: share, ci: interval }).openapi('AnalyticsRate');
const Period = z.object({ from: z.string(), to: z.string() });

const BucketPoint = z.object({
  date: z.string().describe('The run day (as-of) whose snapshot this is; per month, the last run day of the month'),
  buckets: z.array(z.object({ bucket: z.enum(['M1', 'M2', 'M3', 'M4+']), accounts: z.number().int(), overdueFen: z.number().int() })),
});

const RollRow = z.object({
  from: z.string(),
  accounts: z.number().int(),
  balanceFen: z.number().int(),
  cells: z.array(z.object({ to: z.string(), accounts: z.number().int(), balanceFen: z.number().int(), accountShare: share, balanceShare: share })),
  rollForward: share,
  cured: share,
});
export const RollRateMatrixSchema = z.object({ fromDate: z.string(), toDate: z.string(), states: z.array(z.string()), rows: z.array(RollRow) }).openapi('RollRateMatrix');

const RateEstimate = z.object({ events: z.number().int(), accounts: z.number().int(), rate: share, ci: interval });
const MeanEstimate = z.object({ total: z.number(), accounts: z.number().int(), mean: share, ci: interval });
const ArmSummary = z.object({
  arm: z.enum(['champion', 'challenger']),
  accounts: z.number().int(),
  cureRate: RateEstimate, rollForwardRate: RateEstimate, complaintRate: RateEstimate, optOutRate: RateEstimate,
  recoveredFenPerAccount: MeanEstimate, contactsPerAccount: MeanEstimate,
});
const Difference = z.object({ estimate: share, ci: interval });

export const CollectionsAnalytics = z
  .object({
    period: Period,
    bucketDistribution: z.object({ granularity: z.enum(['day', 'month']), points: z.array(BucketPoint) }),
    rollRates: z.array(RollRateMatrixSchema).describe('One matrix per pair of consecutive month ends (last run day of each month) in the period'),
    cureRates: z.array(z.object({ bucket: z.enum(['M1', 'M2', 'M3', 'M4+']) }).extend(RateSchema.shape)).describe('Cases cured in the period over cases worked in it, by their last bucket before cure or period end'),
    promises: z.object({ due: z.number().int(), kept: z.number().int(), broken: z.number().int(), open: z.number().int(), keptRate: RateSchema }),
    contacts: z.object({
      accounts: z.number().int().describe('Accounts (loans) with a collection case open at some time in the period'),
      total: z.number().int(),
      byChannel: z.array(z.object({ channel: z.string(), contacts: z.number().int(), perAccount: share })),
    }),
    refusals: z.object({ total: z.number().int(), byReason: z.array(z.object({ rule: z.string(), refusals: z.number().int() })) }),
    recovery: z.object({
      recoveredFen: z.number().int(),
      contactCostFen: z.number().int(),
      recoveredPerCostFen: share,
      byChannel: z.array(z.object({ channel: z.string(), contacts: z.number().int(), unitCostFen: z.number().int(), costFen: z.number().int() })),
    }),
    championChallenger: z.object({
      confidenceLevel: z.number(),
      champion: ArmSummary,
      challenger: ArmSummary,
      difference: z.record(z.string(), Difference),
    }),
  })
  .openapi('CollectionsAnalytics');

const PerThousandRow = z.object({ key: z.string(), complaints: z.number().int(), accounts: z.number().int(), perThousand: share });
const Attainment = RateSchema.extend({ met: z.number().int(), breached: z.number().int(), pending: z.number().int(), target: z.number(), meetsTarget: z.boolean().nullable() });

export const ComplaintAnalytics = z
  .object({
    period: Period,
    complaints: z.number().int().describe('Complaints received in the period (merged repeats not counted again)'),
    accounts: z.number().int().describe('Loans on the book at some time in the period'),
    perThousand: z.object({ byCategory: z.array(PerThousandRow), byProduct: z.array(PerThousandRow), byBranch: z.array(PerThousandRow), byMonth: z.array(PerThousandRow) }),
    rootCauses: z.array(
      z.object({
        category: z.string(), decided: z.number().int(), upheld: z.number().int(), upheldShare: share, notUpheld: z.number().int(),
        processFix: z.number().int(), remedies: z.record(z.string(), z.number().int()),
      }),
    ),
    timeliness: z.object({
      firstHandling: Attainment,
      decision: Attainment,
      byMonth: z.array(z.object({ month: z.string(), firstHandling: Attainment, decision: Attainment })),
    }),
    timeToResolve: z.object({
      count: z.number().int(), medianDays: share, p90Days: share, meanDays: share,
      histogram: z.array(z.object({ label: z.string(), fromDays: z.number(), toDays: z.number().nullable(), complaints: z.number().int() })),
    }),
    satisfaction: z.object({
      surveys: z.number().int(), answered: z.number().int(), responseRate: RateSchema, average: share, satisfied: RateSchema,
      distribution: z.array(z.object({ score: z.number().int(), answers: z.number().int() })),
    }),
  })
  .openapi('ComplaintAnalytics');
