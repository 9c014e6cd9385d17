/**
 * 催收分析: bucket distribution over time, the month-over-month roll-rate matrix, cure rate by bucket,
 * promise-kept rate, contacts per account by channel, compliance refusals by reason, recovery per
 * unit of contact cost, champion vs challenger — all aggregates from GET /api/analytics/collections.
 */
import { useState } from 'react';
import { collectionsAnalytics } from '../../api/analytics-client.ts';
import type { CollectionsAnalytics, RollRateMatrix } from '../../api/analytics-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { BarChart, HeatmapTable } from '../../ui/charts/index.ts';
import { Table } from '../../ui/table.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { AnalyticsShell, Kpi, num, pct, periodFromSearch, rateText, toYuan, yuan } from './analytics-shell.tsx';

const BUCKETS = ['M1', 'M2', 'M3', 'M4+'] as const;

export function CollectionsAnalyticsPage({ search }: { search: string }) {
  const { t } = useI18n();
  const query = periodFromSearch(search);
  const data = useApi(`analytics:collections:${search}`, (signal) => collectionsAnalytics(query, signal));
  return (
    <AnalyticsShell page="collections" query={query} shown={data.data?.period}>
      {data.status === 'loading' && <Loading label={t('analytics.loading')} />}
      {data.status === 'error' && <ProblemAlert error={data.error} />}
      {data.data && <Figures d={data.data} />}
    </AnalyticsShell>
  );
}

function Figures({ d }: { d: CollectionsAnalytics }) {
  const { t, label } = useI18n();
  const channel = (c: string) => (c === 'online-chat' ? t('analytics.channel.online-chat') : label('channel', c));
  const points = d.bucketDistribution.points;
  const series = BUCKETS.map((b) => ({ key: b, label: b }));
  const cats = points.map((p) => ({ key: p.date, label: d.bucketDistribution.granularity === 'month' ? p.date.slice(0, 7) : p.date.slice(5), title: p.date }));
  const of = (p: (typeof points)[number], b: string) => p.buckets.find((x) => x.bucket === b);
  return (
    <div className="analytics-grid">
      <Card title={t('analytics.bucket.title')} testId="analytics-buckets">
        {points.length === 0 ? <EmptyState title={t('analytics.noData')} /> : (
          <>
            <BarChart title={t('analytics.bucket.title')} categories={cats} series={series} values={points.map((p) => BUCKETS.map((b) => of(p, b)?.accounts ?? 0))}
              testId="chart-buckets" categoryTestId={(k) => `chart-buckets-${k}`} />
            <BarChart title={t('analytics.bucket.amountTitle')} categories={cats} series={series} values={points.map((p) => BUCKETS.map((b) => toYuan(of(p, b)?.overdueFen ?? 0)))}
              format={(v) => yuan(v * 100)} testId="chart-bucket-amounts" />
            <p className="muted small">{t('analytics.bucket.hint')}</p>
          </>
        )}
      </Card>

      <RollRates matrices={d.rollRates} />

      <Card title={t('analytics.cure.title')} testId="analytics-cure">
        <BarChart title={t('analytics.cure.title')} categories={BUCKETS.map((b) => ({ key: b, label: b }))} series={[{ key: 'cure', label: t('analytics.share') }]}
          values={d.cureRates.map((r) => [r.rate ?? 0])} max={1} format={pct} testId="chart-cure" band={60} />
        <Table compact rows={d.cureRates} rowKey={(r) => r.bucket} testId="analytics-cure-table" columns={[
          { key: 'b', header: t('analytics.roll.from'), render: (r) => r.bucket },
          { key: 'n', header: t('analytics.cure.cases'), render: (r) => r.total, align: 'right' },
          { key: 'c', header: t('analytics.cure.cured'), render: (r) => r.events, align: 'right' },
          { key: 'r', header: `${t('analytics.share')}（${t('analytics.ci')}）`, render: (r) => rateText(r), align: 'right' },
        ]} />
        <p className="muted small">{t('analytics.cure.hint')}</p>
      </Card>

      <Card title={t('analytics.promise.title')} testId="analytics-promises">
        <div className="analytics-kpis">
          <Kpi label={t('analytics.promise.title')} value={rateText(d.promises.keptRate)} testId="kpi-promise-kept" />
          <Kpi label={t('analytics.promise.due')} value={d.promises.due} />
          <Kpi label={t('analytics.promise.kept')} value={d.promises.kept} />
          <Kpi label={t('analytics.promise.broken')} value={d.promises.broken} />
          <Kpi label={t('analytics.promise.open')} value={d.promises.open} />
        </div>
      </Card>

      <Card title={t('analytics.contacts.title')} testId="analytics-contacts">
        {d.contacts.byChannel.length === 0 ? <EmptyState title={t('analytics.noData')} /> : (
          <BarChart title={t('analytics.contacts.title')} categories={d.contacts.byChannel.map((c) => ({ key: c.channel, label: channel(c.channel) }))}
            series={[{ key: 'per', label: t('analytics.contacts.perAccount') }]} values={d.contacts.byChannel.map((c) => [c.perAccount ?? 0])}
            format={(v) => num(v)} testId="chart-contacts" band={60} />
        )}
        <p className="muted small">{t('analytics.contacts.hint', { accounts: d.contacts.accounts })}</p>
      </Card>

      <Card title={t('analytics.refusals.title')} testId="analytics-refusals">
        {d.refusals.byReason.length === 0 ? <EmptyState title={t('analytics.noData')} /> : (
          <BarChart title={t('analytics.refusals.title')} categories={d.refusals.byReason.map((r) => ({ key: r.rule, label: label('rule', r.rule) }))}
            series={[{ key: 'n', label: t('analytics.refusals.count') }]} values={d.refusals.byReason.map((r) => [r.refusals])} testId="chart-refusals" band={72} />
        )}
        <p className="muted small">{t('analytics.refusals.total', { count: d.refusals.total })}</p>
      </Card>

      <Card title={t('analytics.recovery.title')} testId="analytics-recovery">
        <div className="analytics-kpis">
          <Kpi label={`${t('analytics.recovery.recovered')}（元）`} value={yuan(d.recovery.recoveredFen)} testId="kpi-recovered" />
          <Kpi label={`${t('analytics.recovery.cost')}（元）`} value={yuan(d.recovery.contactCostFen)} />
          <Kpi label={t('analytics.recovery.perCost')} value={num(d.recovery.recoveredPerCostFen)} testId="kpi-recovery-per-cost" />
        </div>
        <Table compact rows={d.recovery.byChannel.filter((c) => c.contacts > 0)} rowKey={(c) => c.channel} columns={[
          { key: 'ch', header: t('analytics.complaints.key'), render: (c) => channel(c.channel) },
          { key: 'n', header: t('analytics.contacts.count'), render: (c) => c.contacts, align: 'right' },
          { key: 'u', header: t('analytics.recovery.unitCost'), render: (c) => yuan(c.unitCostFen), align: 'right' },
          { key: 'c', header: t('analytics.recovery.channelCost'), render: (c) => yuan(c.costFen), align: 'right' },
        ]} />
        <p className="muted small">{t('analytics.recovery.hint')}</p>
      </Card>

      <Arms cc={d.championChallenger} />
    </div>
  );
}

function RollRates({ matrices }: { matrices: RollRateMatrix[] }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(matrices.length - 1);
  const m = matrices[Math.min(Math.max(index, 0), matrices.length - 1)];
  const stateLabel = (s: string) => (s === 'closed' ? t('analytics.state.closed') : s === 'M0' ? t('analytics.state.M0') : s);
  return (
    <Card title={t('analytics.roll.title')} testId="analytics-roll" className="analytics-wide" aside={matrices.length > 1 && (
      <select className="input input--small" value={index} onChange={(e) => setIndex(Number(e.target.value))} aria-label={t('analytics.roll.title')} data-testid="analytics-roll-pair">
        {matrices.map((x, i) => <option key={x.fromDate} value={i}>{t('analytics.roll.pair', { from: x.fromDate, to: x.toDate })}</option>)}
      </select>
    )}>
      {!m ? <EmptyState title={t('analytics.roll.none')} testId="analytics-roll-empty" /> : (
        <>
          <p className="small" data-testid="analytics-roll-dates">{t('analytics.roll.pair', { from: m.fromDate, to: m.toDate })}</p>
          <HeatmapTable
            title={`${t('analytics.roll.title')} ${m.fromDate} → ${m.toDate}`}
            rowHeader={t('analytics.roll.from')}
            rows={m.rows.map((r) => ({ key: r.from, label: stateLabel(r.from), note: `(${r.accounts})` }))}
            columns={[...m.states.map((s) => ({ key: s, label: stateLabel(s) })), { key: 'roll', label: t('analytics.roll.rollForward') }]}
            cells={m.rows.map((r) => [...r.cells.map((c) => c.accountShare), r.rollForward])}
            format={pct}
            emphasise={(row, col) => row === col}
            testId="roll-rate-matrix"
          />
          <p className="muted small">{t('analytics.roll.hint')}</p>
        </>
      )}
    </Card>
  );
}

const ARM_RATES = ['cureRate', 'rollForwardRate', 'complaintRate', 'optOutRate'] as const;

function Arms({ cc }: { cc: CollectionsAnalytics['championChallenger'] }) {
  const { t } = useI18n();
  const diff = (k: string) => {
    const x = cc.difference[k];
    return !x || x.estimate === null ? '—' : `${pct(x.estimate)}${x.ci ? ` (${pct(x.ci.low)}–${pct(x.ci.high)})` : ''}`;
  };
  const rows = [
    { key: 'accounts', label: t('analytics.arms.accounts'), a: String(cc.champion.accounts), b: String(cc.challenger.accounts), d: '' },
    ...ARM_RATES.map((k) => ({ key: k, label: t(`analytics.arms.${k}`), a: rateText(cc.champion[k]), b: rateText(cc.challenger[k]), d: diff(k) })),
    {
      key: 'recovered', label: t('analytics.arms.recoveredFenPerAccount'),
      a: cc.champion.recoveredFenPerAccount.mean === null ? '—' : yuan(cc.champion.recoveredFenPerAccount.mean),
      b: cc.challenger.recoveredFenPerAccount.mean === null ? '—' : yuan(cc.challenger.recoveredFenPerAccount.mean),
      d: cc.difference.recoveredFenPerAccount?.estimate == null ? '—' : yuan(cc.difference.recoveredFenPerAccount.estimate),
    },
    {
      key: 'contacts', label: t('analytics.arms.contactsPerAccount'), a: num(cc.champion.contactsPerAccount.mean), b: num(cc.challenger.contactsPerAccount.mean),
      d: num(cc.difference.contactsPerAccount?.estimate ?? null),
    },
  ];
  return (
    <Card title={t('analytics.arms.title')} testId="analytics-arms">
      <Table compact rows={rows} rowKey={(r) => r.key} testId="analytics-arms-table" columns={[
        { key: 'm', header: t('analytics.arms.metric'), render: (r) => r.label },
        { key: 'a', header: t('analytics.arms.champion'), render: (r) => r.a, align: 'right' },
        { key: 'b', header: t('analytics.arms.challenger'), render: (r) => r.b, align: 'right' },
        { key: 'd', header: t('analytics.arms.difference'), render: (r) => r.d, align: 'right' },
      ]} />
      <p className="muted small">{t('analytics.ci')}</p>
    </Card>
  );
}
