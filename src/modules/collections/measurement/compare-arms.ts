/**
 * Champion vs challenger on one observation window. The caller (the measurement job) supplies one
 * outcome per account, with the arm it was treated under, over the same window for both arms:
 *  - cured: back to current (DPD 0) at the end of the window;
 *  - rolledForward: moved to a worse delinquency bucket during the window (e.g. M1 → M2);
 *  - recoveredFen: repayments received in the window;
 *  - contacts: contact attempts made (every channel, human and automated) — the cost side;
 *  - complained: at least one complaint about collection conduct;
 *  - optedOut: opted out of at least one channel.
 * Rates get Wilson intervals and the challenger − champion difference Newcombe's; per-account means
 * get normal (CLT) intervals and a Welch difference — see statistics.ts.
 */
import type { Fen } from '../../../platform/money/fen.ts';
import type { Arm } from './arm-assignment.ts';
import { meanDifference, meanInterval, moments, newcombeDifference, wilsonInterval, type Interval, type SampleMoments } from './statistics.ts';

export interface AccountOutcome {
  accountId: string;
  arm: Arm;
  cured: boolean;
  rolledForward: boolean;
  recoveredFen: Fen;
  contacts: number;
  complained: boolean;
  optedOut: boolean;
}

export type RateEstimate = { events: number; accounts: number; rate: number | null; ci: Interval | null };
export type MeanEstimate = { total: number; accounts: number; mean: number | null; ci: Interval | null };
export type Difference = { estimate: number | null; ci: Interval | null };

export const RATE_METRICS = ['cureRate', 'rollForwardRate', 'complaintRate', 'optOutRate'] as const;
export const MEAN_METRICS = ['recoveredFenPerAccount', 'contactsPerAccount'] as const;
export type RateMetric = (typeof RATE_METRICS)[number];
export type MeanMetric = (typeof MEAN_METRICS)[number];

export type ArmSummary = { arm: Arm; accounts: number } & Record<RateMetric, RateEstimate> & Record<MeanMetric, MeanEstimate>;

export type ArmComparison = {
  confidenceLevel: 0.95;
  champion: ArmSummary;
  challenger: ArmSummary;
  /** challenger − champion */
  difference: Record<RateMetric | MeanMetric, Difference>;
};

const RATE_FIELD: Record<RateMetric, 'cured' | 'rolledForward' | 'complained' | 'optedOut'> = {
  cureRate: 'cured',
  rollForwardRate: 'rolledForward',
  complaintRate: 'complained',
  optOutRate: 'optedOut',
};
const MEAN_FIELD: Record<MeanMetric, 'recoveredFen' | 'contacts'> = { recoveredFenPerAccount: 'recoveredFen', contactsPerAccount: 'contacts' };

export function compareArms(outcomes: readonly AccountOutcome[]): ArmComparison {
  validate(outcomes);
  const champion = outcomes.filter((o) => o.arm === 'champion');
  const challenger = outcomes.filter((o) => o.arm === 'challenger');
  const a = summarise('champion', champion);
  const b = summarise('challenger', challenger);
  const difference = {} as ArmComparison['difference'];
  for (const metric of RATE_METRICS) {
    const x = a[metric];
    const y = b[metric];
    difference[metric] = {
      estimate: x.rate === null || y.rate === null ? null : y.rate - x.rate,
      ci: newcombeDifference(x.events, x.accounts, y.events, y.accounts),
    };
  }
  for (const metric of MEAN_METRICS) {
    const mx = momentsOf(champion, metric);
    const my = momentsOf(challenger, metric);
    difference[metric] = { estimate: mx && my ? my.mean - mx.mean : null, ci: meanDifference(mx, my) };
  }
  return { confidenceLevel: 0.95, champion: a, challenger: b, difference };
}

function summarise(arm: Arm, rows: readonly AccountOutcome[]): ArmSummary {
  const summary = { arm, accounts: rows.length } as ArmSummary;
  for (const metric of RATE_METRICS) {
    const events = rows.filter((r) => r[RATE_FIELD[metric]]).length;
    summary[metric] = { events, accounts: rows.length, rate: rows.length ? events / rows.length : null, ci: wilsonInterval(events, rows.length) };
  }
  for (const metric of MEAN_METRICS) {
    const m = momentsOf(rows, metric);
    summary[metric] = { total: rows.reduce((s, r) => s + r[MEAN_FIELD[metric]], 0), accounts: rows.length, mean: m?.mean ?? null, ci: meanInterval(m) };
  }
  return summary;
}

const momentsOf = (rows: readonly AccountOutcome[], metric: MeanMetric): SampleMoments | null => moments(rows.map((r) => r[MEAN_FIELD[metric]]));

function validate(outcomes: readonly AccountOutcome[]): void {
  const seen = new Set<string>();
  outcomes.forEach((o, i) => {
    if (seen.has(o.accountId)) throw new RangeError(`outcomes[${i}]: account ${o.accountId} appears twice; give one outcome per account`);
    seen.add(o.accountId);
    if (o.arm !== 'champion' && o.arm !== 'challenger') throw new RangeError(`outcomes[${i}].arm must be champion or challenger`);
    if (!Number.isSafeInteger(o.recoveredFen) || o.recoveredFen < 0) throw new RangeError(`outcomes[${i}].recoveredFen must be a non-negative integer`);
    if (!Number.isSafeInteger(o.contacts) || o.contacts < 0) throw new RangeError(`outcomes[${i}].contacts must be a non-negative integer`);
  });
}
