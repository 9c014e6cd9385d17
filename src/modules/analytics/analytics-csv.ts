/**
 * The period's statistics as one CSV for regulatory reporting, in LONG format: one figure per line,
 * `section,section_zh,dimension,key,metric,value`, so every table of both pages fits one sheet and a
 * pivot table rebuilds any view. UTF-8 with a BOM (Excel shows 中文 instead of mojibake), CRLF lines,
 * formula-looking text neutralised (csvCell). Shares are decimals (0.9 = 90 %), money integer fen.
 */
import type { z } from '@hono/zod-openapi';
import { csvCell, UTF8_BOM } from '../../platform/audit/audit-csv.ts';
import type { CollectionsAnalytics, ComplaintAnalytics } from './analytics.contract.ts';

type Line = [section: string, sectionZh: string, dimension: string, key: string | number, metric: string, value: number | string | boolean | null];

export const CSV_HEADER = ['section', 'section_zh', 'dimension', 'key', 'metric', 'value'] as const;

export function analyticsCsvLines(c: z.infer<typeof CollectionsAnalytics>, p: z.infer<typeof ComplaintAnalytics>): Line[] {
  const out: Line[] = [];
  const add = (...l: Line) => out.push(l);
  add('period', '统计期间', 'period', 'from', 'date', c.period.from);
  add('period', '统计期间', 'period', 'to', 'date', c.period.to);

  for (const point of c.bucketDistribution.points) {
    for (const b of point.buckets) {
      add('bucket_distribution', '逾期分档分布', `${c.bucketDistribution.granularity}:${point.date}`, b.bucket, 'accounts', b.accounts);
      add('bucket_distribution', '逾期分档分布', `${c.bucketDistribution.granularity}:${point.date}`, b.bucket, 'overdue_fen', b.overdueFen);
    }
  }
  for (const m of c.rollRates) {
    for (const row of m.rows) {
      for (const cell of row.cells) {
        if (cell.accounts === 0) continue;
        const dim = `${m.fromDate}>${m.toDate}`;
        add('roll_rate', '迁徙率', dim, `${row.from}>${cell.to}`, 'accounts', cell.accounts);
        add('roll_rate', '迁徙率', dim, `${row.from}>${cell.to}`, 'account_share', cell.accountShare);
        add('roll_rate', '迁徙率', dim, `${row.from}>${cell.to}`, 'balance_share', cell.balanceShare);
      }
    }
  }
  for (const r of c.cureRates) addRate(add, 'cure_rate', '分档回收率（治愈率）', 'bucket', r.bucket, r);
  addRate(add, 'promise_to_pay', '承诺还款兑现率', 'all', 'kept', c.promises.keptRate);
  add('promise_to_pay', '承诺还款兑现率', 'all', 'open', 'promises', c.promises.open);
  add('contacts', '人均接触次数', 'all', 'accounts', 'accounts', c.contacts.accounts);
  for (const ch of c.contacts.byChannel) {
    add('contacts', '人均接触次数', 'channel', ch.channel, 'contacts', ch.contacts);
    add('contacts', '人均接触次数', 'channel', ch.channel, 'per_account', ch.perAccount);
  }
  add('compliance_refusals', '合规拦截', 'all', 'refusals', 'count', c.refusals.total);
  for (const r of c.refusals.byReason) add('compliance_refusals', '合规拦截', 'rule', r.rule, 'count', r.refusals);
  add('recovery', '回收与接触成本', 'all', 'recovered', 'fen', c.recovery.recoveredFen);
  add('recovery', '回收与接触成本', 'all', 'contact_cost', 'fen', c.recovery.contactCostFen);
  add('recovery', '回收与接触成本', 'all', 'recovered_per_cost', 'ratio', c.recovery.recoveredPerCostFen);
  for (const arm of [c.championChallenger.champion, c.championChallenger.challenger]) {
    for (const metric of ['cureRate', 'rollForwardRate', 'complaintRate', 'optOutRate'] as const) {
      const e = arm[metric];
      add('champion_challenger', '冠军挑战者', arm.arm, metric, 'accounts', e.accounts);
      add('champion_challenger', '冠军挑战者', arm.arm, metric, 'rate', e.rate);
      add('champion_challenger', '冠军挑战者', arm.arm, metric, 'ci_low', e.ci?.low ?? null);
      add('champion_challenger', '冠军挑战者', arm.arm, metric, 'ci_high', e.ci?.high ?? null);
    }
    for (const metric of ['recoveredFenPerAccount', 'contactsPerAccount'] as const) {
      add('champion_challenger', '冠军挑战者', arm.arm, metric, 'mean', arm[metric].mean);
    }
  }

  add('complaints', '投诉总量', 'all', 'complaints', 'count', p.complaints);
  add('complaints', '投诉总量', 'all', 'accounts', 'count', p.accounts);
  for (const [dim, rows] of Object.entries(p.perThousand)) {
    for (const r of rows) {
      add('complaints_per_1000', '千户投诉量', dim, r.key, 'complaints', r.complaints);
      add('complaints_per_1000', '千户投诉量', dim, r.key, 'accounts', r.accounts);
      add('complaints_per_1000', '千户投诉量', dim, r.key, 'per_1000_accounts', r.perThousand);
    }
  }
  for (const r of p.rootCauses) {
    add('root_causes', '投诉成因', 'category', r.category, 'decided', r.decided);
    add('root_causes', '投诉成因', 'category', r.category, 'upheld', r.upheld);
    add('root_causes', '投诉成因', 'category', r.category, 'process_fix', r.processFix);
    for (const [remedy, n] of Object.entries(r.remedies)) add('root_causes', '投诉成因', `remedy:${r.category}`, remedy, 'count', n);
  }
  addRate(add, 'time_limits', '处理时限达标率', 'all', 'first_handling_24h', p.timeliness.firstHandling);
  addRate(add, 'time_limits', '处理时限达标率', 'all', 'decision', p.timeliness.decision);
  for (const m of p.timeliness.byMonth) {
    addRate(add, 'time_limits', '处理时限达标率', `month:${m.month}`, 'first_handling_24h', m.firstHandling);
    addRate(add, 'time_limits', '处理时限达标率', `month:${m.month}`, 'decision', m.decision);
  }
  add('time_to_resolve', '处理用时', 'all', 'resolved', 'count', p.timeToResolve.count);
  add('time_to_resolve', '处理用时', 'all', 'median', 'days', p.timeToResolve.medianDays);
  add('time_to_resolve', '处理用时', 'all', 'p90', 'days', p.timeToResolve.p90Days);
  for (const h of p.timeToResolve.histogram) add('time_to_resolve', '处理用时', 'histogram_days', h.label, 'complaints', h.complaints);
  add('satisfaction', '满意度', 'all', 'surveys', 'count', p.satisfaction.surveys);
  addRate(add, 'satisfaction', '满意度', 'all', 'response', p.satisfaction.responseRate);
  add('satisfaction', '满意度', 'all', 'average', 'score', p.satisfaction.average);
  for (const d of p.satisfaction.distribution) add('satisfaction', '满意度', 'score', d.score, 'answers', d.answers);
  return out;
}

type RateLike = { events: number; total: number; rate: number | null; ci: { low: number; high: number } | null };
function addRate(add: (...l: Line) => void, section: string, zh: string, dim: string, key: string, r: RateLike) {
  add(section, zh, dim, key, 'events', r.events);
  add(section, zh, dim, key, 'total', r.total);
  add(section, zh, dim, key, 'rate', r.rate);
  add(section, zh, dim, key, 'ci_low', r.ci?.low ?? null);
  add(section, zh, dim, key, 'ci_high', r.ci?.high ?? null);
}

export function analyticsCsv(lines: readonly Line[]): string {
  const cell = (v: unknown) => csvCell(typeof v === 'boolean' ? String(v) : v);
  return UTF8_BOM + [CSV_HEADER.join(','), ...lines.map((l) => l.map(cell).join(','))].join('\r\n') + '\r\n';
}
