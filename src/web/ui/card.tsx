import type { ReactNode } from 'react';

type CardProps = {
  title?: ReactNode;
  /** Right-aligned header content: badges, totals, actions. */
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  flush?: boolean;
};

export function Card({ title, aside, children, className, testId, flush }: CardProps) {
  return (
    <section className={['card', className].filter(Boolean).join(' ')} data-testid={testId}>
      {(title || aside) && (
        <header className="card__header">
          {title && <h2 className="card__title">{title}</h2>}
          {aside && <div className="card__aside">{aside}</div>}
        </header>
      )}
      <div className={flush ? 'card__body card__body--flush' : 'card__body'}>{children}</div>
    </section>
  );
}
