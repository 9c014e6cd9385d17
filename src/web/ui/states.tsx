import type { ReactNode } from 'react';

export function Loading({ label, testId = 'loading' }: { label: string; testId?: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, hint, testId = 'empty-state', icon }: { title: ReactNode; hint?: ReactNode; testId?: string; icon?: ReactNode }) {
  return (
    <div className="state state--empty" data-testid={testId}>
      {icon && <div className="state__icon" aria-hidden="true">{icon}</div>}
      <p className="state__title">{title}</p>
      {hint && <p className="state__hint">{hint}</p>}
    </div>
  );
}

export function Alert({
  tone = 'danger',
  title,
  children,
  action,
  testId = 'alert',
}: {
  tone?: 'danger' | 'warning' | 'info' | 'success';
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'danger' ? 'alert' : 'note'} data-testid={testId}>
      <div className="alert__content">
        <p className="alert__title">{title}</p>
        {children && <div className="alert__body">{children}</div>}
      </div>
      {action && <div className="alert__action">{action}</div>}
    </div>
  );
}
