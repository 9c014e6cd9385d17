import type { PublicOpinionDailyStats } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const LABELS = ['negative', 'neutral', 'positive'] as const;
const HEIGHT = 120;
const GROUP = 36;
const BAR = 9;

/** Grouped bars (negative / neutral / positive) per day, inline SVG: no chart library for one chart. */
export function SentimentChart({ stats }: { stats: PublicOpinionDailyStats }) {
  const { t } = useI18n();
  const max = Math.max(1, ...stats.items.flatMap((d) => LABELS.map((l) => d[l])));
  const width = stats.items.length * GROUP;
  return (
    <figure className="po-chart" data-testid="po-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 18}`} width="100%" role="img" aria-label={t('publicOpinion.chart.title')}>
        {stats.items.map((day, i) => (
          <g key={day.date} transform={`translate(${i * GROUP + 4}, 0)`} data-testid={`po-chart-day-${day.date}`}>
            {LABELS.map((label, j) => {
              const h = Math.round((day[label] / max) * HEIGHT);
              return (
                <rect key={label} className={`po-chart__bar po-chart__bar--${label}`} x={j * (BAR + 1)} y={HEIGHT - h} width={BAR} height={h} data-count={day[label]}>
                  <title>{`${day.date} ${t(`publicOpinion.label.${label}`)}: ${day[label]}`}</title>
                </rect>
              );
            })}
            <text className="po-chart__axis" x={BAR * 1.5} y={HEIGHT + 13} textAnchor="middle">
              {day.date.slice(5)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="po-chart__legend small">
        {LABELS.map((label) => (
          <span key={label} className="po-chart__key">
            <span className={`po-chart__swatch po-chart__bar--${label}`} aria-hidden="true" />
            {t(`publicOpinion.label.${label}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
