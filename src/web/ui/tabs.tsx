import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export type TabItem = { id: string; label: ReactNode; count?: number; content: ReactNode };

type TabsProps = {
  items: TabItem[];
  value: string;
  onChange: (id: string) => void;
  testId?: string;
  variant?: 'page' | 'inline';
};

/** WAI-ARIA tabs: arrow keys move between tabs; only the active panel is rendered. */
export function Tabs({ items, value, onChange, testId, variant = 'page' }: TabsProps) {
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const active = items.find((i) => i.id === value) ?? items[0];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const index = items.findIndex((i) => i.id === active?.id);
    const next = items[(index + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length]!;
    onChange(next.id);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-tab="${next.id}"]`)?.focus();
  };

  return (
    <div className={`tabs tabs--${variant}`} data-testid={testId}>
      <div className="tabs__list" role="tablist" ref={listRef} onKeyDown={onKeyDown}>
        {items.map((item) => {
          const selected = item.id === active?.id;
          return (
            <button
              key={item.id}
              type="button"
              role="tab"
              id={`${baseId}-tab-${item.id}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel-${item.id}`}
              tabIndex={selected ? 0 : -1}
              className={selected ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
              data-tab={item.id}
              data-testid={`tab-${item.id}`}
              onClick={() => onChange(item.id)}
            >
              {item.label}
              {item.count !== undefined && <span className="tabs__count">{item.count}</span>}
            </button>
          );
        })}
      </div>
      {active && (
        <div role="tabpanel" id={`${baseId}-panel-${active.id}`} aria-labelledby={`${baseId}-tab-${active.id}`} className="tabs__panel">
          {active.content}
        </div>
      )}
    </div>
  );
}
