import type { KeyboardEvent, ReactNode } from 'react';

export type Column<Row> = {
  key: string;
  header: ReactNode;
  render: (row: Row) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Fixed width, e.g. '7rem'. */
  width?: string;
  nowrap?: boolean;
};

type TableProps<Row> = {
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Makes rows clickable and keyboard-activatable (Enter). */
  onRowClick?: (row: Row) => void;
  rowClassName?: (row: Row) => string | undefined;
  rowTestId?: string;
  /** Extra data-* attributes per row, for tests and styling hooks (data-status, data-channel…). */
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
  footer?: ReactNode;
  caption?: ReactNode;
  testId?: string;
  compact?: boolean;
};

export function Table<Row>({ columns, rows, rowKey, onRowClick, rowClassName, rowTestId, rowAttributes, footer, caption, testId, compact }: TableProps<Row>) {
  const cellClass = (c: Column<Row>) => [c.align && c.align !== 'left' ? `cell--${c.align}` : '', c.nowrap ? 'cell--nowrap' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="table-wrap">
      <table className={compact ? 'table table--compact' : 'table'} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cellClass(c)} style={c.width ? { width: c.width } : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const classes = [onRowClick ? 'row--clickable' : '', rowClassName?.(row) ?? ''].filter(Boolean).join(' ') || undefined;
            const onKeyDown = onRowClick
              ? (e: KeyboardEvent<HTMLTableRowElement>) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) onRowClick(row);
                }
              : undefined;
            return (
              <tr
                key={rowKey(row)}
                className={classes}
                data-testid={rowTestId}
                {...rowAttributes?.(row)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={onKeyDown}
                tabIndex={onRowClick ? 0 : undefined}
              >
                {columns.map((c) => (
                  <td key={c.key} className={cellClass(c)}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
