/**
 * A matrix as a real table whose cells are shaded by value (0 → white, 1 → full colour): the roll-rate
 * matrix reads as a table for everyone, screen readers included, and as a heat map at a glance.
 */
export type HeatmapTableProps = {
  title: string;
  rowHeader: string;
  rows: Array<{ key: string; label: string; /** Shown after the label, e.g. the row's account count. */ note?: string }>;
  columns: Array<{ key: string; label: string }>;
  /** cells[rowIndex][columnIndex], a share 0–1 or null for "no data". */
  cells: Array<Array<number | null>>;
  format: (value: number) => string;
  /** Cells to outline (e.g. the diagonal "stayed in bucket"). */
  emphasise?: (rowKey: string, columnKey: string) => boolean;
  testId?: string;
};

export function HeatmapTable({ title, rowHeader, rows, columns, cells, format, emphasise, testId }: HeatmapTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table--compact heatmap" data-testid={testId}>
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => <th key={c.key} scope="col" className="cell--right">{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">
                {r.label}
                {r.note && <span className="muted small"> {r.note}</span>}
              </th>
              {columns.map((c, j) => {
                const v = cells[i]?.[j] ?? null;
                const alpha = v === null ? 0 : Math.min(1, Math.max(0, v));
                return (
                  <td key={c.key} className={['cell--right', 'heatmap__cell', emphasise?.(r.key, c.key) ? 'heatmap__cell--emphasis' : ''].filter(Boolean).join(' ')}
                    style={{ backgroundColor: `rgba(214, 69, 69, ${(alpha * 0.85).toFixed(3)})`, color: alpha > 0.55 ? '#fff' : undefined }}
                    data-col={c.key} data-value={v ?? ''}>
                    {v === null ? '—' : format(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
