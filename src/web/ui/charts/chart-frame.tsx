/**
 * What every chart shares: a <figure> with the title as caption, a legend, and the figures as a
 * table that screen readers get instead of the picture (the SVG is role="img" with the title).
 */
import type { ReactNode } from 'react';

export type ChartSeries = { key: string; label: string; /** CSS class for the fill (default: the palette by position). */ className?: string };

type FrameProps = {
  title: string;
  series: ChartSeries[];
  table: { rows: Array<{ label: string; cells: string[] }> };
  children: ReactNode;
  testId?: string;
  className?: string;
  /** Hide the visible caption (the card title already says it). */
  showTitle?: boolean;
};

export function ChartFrame({ title, series, table, children, testId, className, showTitle = false }: FrameProps) {
  return (
    <figure className={['chart', className].filter(Boolean).join(' ')} data-testid={testId}>
      {children}
      <figcaption className="chart__legend small">
        <span className={showTitle ? 'chart__title' : 'sr-only'}>{title}</span>
        {series.length > 1 &&
          series.map((s, j) => (
            <span key={s.key} className="chart__key">
              <span className={`chart__swatch ${s.className ?? `chart__fill--${j % 6}`}`} aria-hidden="true" />
              {s.label}
            </span>
          ))}
      </figcaption>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => <td key={i}>{c}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
