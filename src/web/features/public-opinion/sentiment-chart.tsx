import type { PublicOpinionDailyStats } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BarChart } from '../../ui/charts/index.ts';

const LABELS = ['negative', 'neutral', 'positive'] as const;

/** Grouped bars (negative / neutral / positive) per day, on the shared SVG bar chart. */
export function SentimentChart({ stats }: { stats: PublicOpinionDailyStats }) {
  const { t } = useI18n();
  return (
    <BarChart
      title={t('publicOpinion.chart.title')}
      mode="grouped"
      categories={stats.items.map((d) => ({ key: d.date, label: d.date.slice(5), title: d.date }))}
      series={LABELS.map((l) => ({ key: l, label: t(`publicOpinion.label.${l}`), className: `po-chart__bar po-chart__bar--${l}` }))}
      values={stats.items.map((d) => LABELS.map((l) => d[l]))}
      testId="po-chart"
      className="po-chart"
      categoryTestId={(date) => `po-chart-day-${date}`}
    />
  );
}
