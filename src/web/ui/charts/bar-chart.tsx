/**
 * Bars over categories, stacked or grouped, as inline SVG: a handful of small charts does not
 * justify a chart library. Each category is one <g> (tests count them); the same figures are in a
 * table for screen readers (sr-only) and every bar has a <title> tooltip. Optional target line
 * (e.g. the 90 % time-limit target) drawn across the plot with its label.
 */
import { ChartFrame, type ChartSeries } from './chart-frame.tsx';

export type BarCategory = { key: string; label: string; /** A longer label for the tooltip and table (defaults to label). */ title?: string };

export type BarChartProps = {
  title: string;
  categories: BarCategory[];
  series: ChartSeries[];
  /** values[categoryIndex][seriesIndex] */
  values: number[][];
  mode?: 'stacked' | 'grouped';
  /** Top of the scale (default: the largest bar, or the target if higher). */
  max?: number;
  target?: { value: number; label: string };
  format?: (value: number) => string;
  height?: number;
  /** Width per category in SVG units (default 36). */
  band?: number;
  /** Space between categories (0 for a histogram). */
  gap?: number;
  testId?: string;
  className?: string;
  categoryTestId?: (key: string) => string;
};

const AXIS = 16;

export function BarChart({
  title, categories, series, values, mode = 'stacked', max, target, format = String, height = 120, band = 36, gap = 4, testId, className, categoryTestId,
}: BarChartProps) {
  const totals = values.map((row) => (mode === 'stacked' ? row.reduce((s, v) => s + v, 0) : Math.max(0, ...row)));
  const top = max ?? Math.max(1e-9, ...totals, target?.value ?? 0);
  const scale = (v: number) => Math.round((Math.max(0, v) / top) * height * 10) / 10;
  const width = Math.max(categories.length * band, band);
  const inner = band - gap;
  const barWidth = mode === 'grouped' ? inner / Math.max(1, series.length) : inner;
  const targetY = target ? height - scale(target.value) : null;
  return (
    <ChartFrame title={title} series={series} testId={testId} className={className}
      table={{ rows: categories.map((c, i) => ({ label: c.title ?? c.label, cells: series.map((_s, j) => format(values[i]?.[j] ?? 0)) })) }}>
      <svg viewBox={`0 0 ${width} ${height + AXIS}`} width="100%" role="img" aria-label={title} className="chart__svg">
        {categories.map((c, i) => {
          let base = height;
          return (
            <g key={c.key} transform={`translate(${i * band + gap / 2}, 0)`} data-testid={categoryTestId?.(c.key)}>
              {series.map((s, j) => {
                const v = values[i]?.[j] ?? 0;
                const h = scale(v);
                const y = mode === 'stacked' ? (base -= h) : height - h;
                return (
                  <rect key={s.key} className={s.className ?? `chart__fill--${j % 6}`} x={mode === 'grouped' ? j * barWidth : 0} y={y}
                    width={Math.max(1, barWidth - (mode === 'grouped' ? 1 : 0))} height={h} data-value={v}>
                    <title>{`${c.title ?? c.label} ${s.label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              <text className="chart__axis" x={inner / 2} y={height + 12} textAnchor="middle">{c.label}</text>
            </g>
          );
        })}
        {target && targetY !== null && (
          <>
            <line className="chart__target" x1={0} x2={width} y1={targetY} y2={targetY} data-testid={testId ? `${testId}-target` : undefined} />
            <text className="chart__target-label" x={width - 2} y={Math.max(9, targetY - 3)} textAnchor="end">{target.label}</text>
          </>
        )}
      </svg>
    </ChartFrame>
  );
}

/** A histogram: one series, bins side by side without gaps. */
export function Histogram(props: Omit<BarChartProps, 'series' | 'values' | 'mode' | 'gap'> & { seriesLabel: string; counts: number[] }) {
  const { seriesLabel, counts, ...rest } = props;
  return <BarChart {...rest} series={[{ key: 'count', label: seriesLabel }]} values={counts.map((n) => [n])} gap={1} />;
}
