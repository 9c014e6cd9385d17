/**
 * 投诉分析: complaints per 1,000 accounts (month, category, product, branch), root causes, time-limit
 * attainment against the 90 % target, time to resolve and satisfaction, from GET /api/analytics/complaints.
 */
import { complaintAnalytics } from '../../api/analytics-client.ts';
import type { ComplaintAnalytics } from '../../api/analytics-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { BarChart, Histogram } from '../../ui/charts/index.ts';
import { Table } from '../../ui/table.tsx';
import { Loading } from '../../ui/states.tsx';
import { AnalyticsShell, Kpi, num, pct, periodFromSearch, rateText } from './analytics-shell.tsx';

type PerThousandRow = ComplaintAnalytics['perThousand']['byCategory'][number];

export function ComplaintAnalyticsPage({ search }: { search: string }) {
  const { t } = useI18n();
  const query = periodFromSearch(search);
  const data = useApi(`analytics:complaints:${search}`, (signal) => complaintAnalytics(query, signal));
  return (
    <AnalyticsShell page="complaints" query={query} shown={data.data?.period}>
      {data.status === 'loading' && <Loading label={t('analytics.loading')} />}
      {data.status === 'error' && <ProblemAlert error={data.error} />}
      {data.data && <Figures d={data.data} />}
    </AnalyticsShell>
  );
}

function Figures({ d }: { d: ComplaintAnalytics }) {
  const { t, label } = useI18n();
  const category = (k: string) => (k === 'unclassified' ? t('analytics.complaints.unclassified') : label('complaint.category', k));
  const per = d.accounts ? (d.complaints * 1000) / d.accounts : null;
  const target = { value: d.timeliness.firstHandling.target, label: t('analytics.target', { value: pct(d.timeliness.firstHandling.target) }) };
  const s = d.satisfaction;
  return (
    <div className="analytics-grid">
      <Card testId="analytics-complaint-kpis">
        <div className="analytics-kpis">
          <Kpi label={t('analytics.complaints.total')} value={d.complaints} testId="kpi-complaints" />
          <Kpi label={t('analytics.complaints.accounts')} value={d.accounts} />
          <Kpi label={t('analytics.complaints.perThousand')} value={num(per)} testId="kpi-per-thousand" />
          <Kpi label={t('analytics.time.firstHandling')} value={pct(d.timeliness.firstHandling.rate)} testId="kpi-first-handling" />
          <Kpi label={t('analytics.time.decision')} value={pct(d.timeliness.decision.rate)} />
        </div>
      </Card>

      <Card title={t('analytics.complaints.byMonth')} testId="analytics-per-month">
        <BarChart title={t('analytics.complaints.byMonth')} categories={d.perThousand.byMonth.map((r) => ({ key: r.key, label: r.key }))}
          series={[{ key: 'p', label: t('analytics.complaints.perThousand') }]} values={d.perThousand.byMonth.map((r) => [r.perThousand ?? 0])}
          format={(v) => num(v)} testId="chart-per-month" band={60} />
      </Card>

      <Card title={t('analytics.complaints.byCategory')} testId="analytics-per-category">
        <BarChart title={t('analytics.complaints.byCategory')} categories={d.perThousand.byCategory.map((r) => ({ key: r.key, label: category(r.key).slice(0, 6), title: category(r.key) }))}
          series={[{ key: 'p', label: t('analytics.complaints.perThousand') }]} values={d.perThousand.byCategory.map((r) => [r.perThousand ?? 0])}
          format={(v) => num(v)} testId="chart-per-category" band={72} />
        <PerThousandTable rows={d.perThousand.byCategory} name={category} testId="analytics-per-category-table" />
      </Card>

      <Card title={t('analytics.complaints.byProduct')} testId="analytics-per-product">
        <PerThousandTable rows={d.perThousand.byProduct} name={(k) => (k === 'unclassified' ? t('analytics.complaints.unclassified') : label('product', k))} />
      </Card>
      <Card title={t('analytics.complaints.byBranch')} testId="analytics-per-branch">
        <PerThousandTable rows={d.perThousand.byBranch} name={(k) => k} />
      </Card>

      <Card title={t('analytics.time.title')} testId="analytics-timeliness">
        <BarChart title={t('analytics.time.title')} mode="grouped" max={1} target={target} format={pct}
          categories={d.timeliness.byMonth.map((m) => ({ key: m.month, label: m.month }))}
          series={[{ key: 'fh', label: t('analytics.time.firstHandling') }, { key: 'dec', label: t('analytics.time.decision') }]}
          values={d.timeliness.byMonth.map((m) => [m.firstHandling.rate ?? 0, m.decision.rate ?? 0])} testId="chart-timeliness" band={72} />
        {(['firstHandling', 'decision'] as const).map((k) => (
          <p key={k} className="small" data-testid={`analytics-timeliness-${k}`}>
            {t('analytics.time.summary', { name: t(`analytics.time.${k}`), met: d.timeliness[k].met, breached: d.timeliness[k].breached, pending: d.timeliness[k].pending })}
            {' · '}{rateText(d.timeliness[k])}
          </p>
        ))}
      </Card>

      <Card title={t('analytics.resolve.title')} testId="analytics-resolve">
        <Histogram title={t('analytics.resolve.title')} seriesLabel={t('analytics.resolve.complaints')}
          categories={d.timeToResolve.histogram.map((h) => ({ key: h.label, label: h.label }))} counts={d.timeToResolve.histogram.map((h) => h.complaints)}
          testId="chart-resolve" band={48} />
        <p className="small" data-testid="analytics-resolve-summary">
          {t('analytics.resolve.summary', { count: d.timeToResolve.count, median: num(d.timeToResolve.medianDays, 1), p90: num(d.timeToResolve.p90Days, 1) })}
        </p>
      </Card>

      <Card title={t('analytics.satisfaction.title')} testId="analytics-satisfaction">
        <BarChart title={t('analytics.satisfaction.title')} categories={s.distribution.map((x) => ({ key: String(x.score), label: t('analytics.satisfaction.score', { score: x.score }) }))}
          series={[{ key: 'n', label: t('analytics.satisfaction.answers') }]} values={s.distribution.map((x) => [x.answers])} testId="chart-satisfaction" band={56} />
        <p className="small" data-testid="analytics-satisfaction-summary">
          {t('analytics.satisfaction.summary', { surveys: s.surveys, answered: s.answered, rate: pct(s.responseRate.rate), average: num(s.average, 2) })}
        </p>
      </Card>

      <Card title={t('analytics.root.title')} testId="analytics-root-causes">
        <Table compact rows={d.rootCauses} rowKey={(r) => r.category} testId="analytics-root-table" columns={[
          { key: 'c', header: t('analytics.root.category'), render: (r) => category(r.category) },
          { key: 'd', header: t('analytics.root.decided'), render: (r) => r.decided, align: 'right' },
          { key: 'u', header: t('analytics.root.upheld'), render: (r) => `${r.upheld} (${pct(r.upheldShare)})`, align: 'right' },
          { key: 'p', header: t('analytics.root.processFix'), render: (r) => r.processFix, align: 'right' },
          { key: 'r', header: t('analytics.root.remedies'), render: (r) => Object.entries(r.remedies).map(([k, n]) => `${label('complaint.remedy', k)} ${n}`).join('、') || '—' },
        ]} />
        <p className="muted small">{t('analytics.root.hint')}</p>
      </Card>
    </div>
  );
}

function PerThousandTable({ rows, name, testId }: { rows: PerThousandRow[]; name: (key: string) => string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table compact rows={rows} rowKey={(r) => r.key} testId={testId} columns={[
      { key: 'k', header: t('analytics.complaints.key'), render: (r) => name(r.key) },
      { key: 'c', header: t('analytics.complaints.count'), render: (r) => r.complaints, align: 'right' },
      { key: 'a', header: t('analytics.accounts'), render: (r) => r.accounts, align: 'right' },
      { key: 'p', header: t('analytics.complaints.perThousand'), render: (r) => num(r.perThousand), align: 'right' },
    ]} />
  );
}
