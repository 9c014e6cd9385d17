import type { ReactNode } from 'react';

export type DescriptionItem = { key: string; label: ReactNode; value: ReactNode; testId?: string; wide?: boolean };

/** Label/value pairs in a responsive grid, for profile and loan facts. */
export function DescriptionList({ items, columns = 3 }: { items: DescriptionItem[]; columns?: 2 | 3 | 4 }) {
  return (
    <dl className={`dlist dlist--${columns}`}>
      {items.map((item) => (
        <div key={item.key} className={item.wide ? 'dlist__item dlist__item--wide' : 'dlist__item'}>
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
