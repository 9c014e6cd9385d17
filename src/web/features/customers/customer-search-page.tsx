import { useEffect, useRef, useState, type FormEvent } from 'react';
import { searchCustomers } from '../../api/client.ts';
import type { CustomerSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, navigate, paths } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { rememberSearch } from './last-search.ts';
import { riskTierTone } from './risk-tier.ts';

const PAGE_SIZE = 50;

/**
 * One box for whatever the collector has in front of them. The query lives in the URL (?q=) so
 * "back" from a customer page returns to the same results.
 */
export function CustomerSearchPage({ q }: { q: string | null }) {
  const { t } = useI18n();
  const [input, setInput] = useState(q ?? '');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setInput(q ?? '');
    rememberSearch(q);
  }, [q]);
  useEffect(() => inputRef.current?.focus(), []);

  // Empty and over-long queries still go to the server: its problem+json is the one source of validation messages.
  const result = useApi(q === null ? null : `search:${q}`, (signal) => searchCustomers({ q: q ?? '', limit: PAGE_SIZE }, signal));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = paths.search(input);
    // Re-submitting the same query re-runs it (the data may have changed since).
    if (q === input) result.reload();
    else navigate(next);
  };

  return (
    <div className="page" data-testid="search-page">
      <section className="search-hero">
        <h1 className="page__title">{t('search.title')}</h1>
        <form className="search-form" role="search" onSubmit={onSubmit}>
          <label htmlFor="customer-search" className="sr-only">
            {t('search.label')}
          </label>
          <div className="search-form__row">
            <span className="search-form__icon" aria-hidden="true">
              <svg viewBox="0 0 20 20" width="18" height="18">
                <circle cx="8.5" cy="8.5" r="5.75" fill="none" stroke="currentColor" strokeWidth="1.8" />
                <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              </svg>
            </span>
            <input
              id="customer-search"
              ref={inputRef}
              className="search-form__input"
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={input}
              placeholder={t('search.placeholder')}
              onChange={(e) => setInput(e.target.value)}
              data-testid="search-input"
              aria-describedby="customer-search-hint"
            />
            <button type="submit" className="button button--primary search-form__submit" data-testid="search-submit">
              {t('search.submit')}
            </button>
          </div>
          <p id="customer-search-hint" className="search-form__hint">
            {t('search.hint')}
          </p>
        </form>
      </section>

      {result.status === 'idle' && <EmptyState title={t('search.intro')} hint={t('search.introHint')} testId="search-intro" />}
      {result.status === 'loading' && <Loading label={t('search.loading')} testId="search-loading" />}
      {result.status === 'error' && <ProblemAlert error={result.error} testId="search-error" />}
      {result.status === 'success' &&
        (result.data.items.length === 0 ? (
          <EmptyState title={t('search.empty', { q: q ?? '' })} hint={t('search.emptyHint')} testId="search-empty" />
        ) : (
          <SearchResults items={result.data.items} total={result.data.total} />
        ))}
    </div>
  );
}

function SearchResults({ items, total }: { items: CustomerSummary[]; total: number }) {
  const { t } = useI18n();
  const columns: Array<Column<CustomerSummary>> = [
    {
      key: 'name',
      header: t('customer.name'),
      render: (c) => (
        <Link to={paths.customer(c.id)} className="strong-link" data-testid="search-result-name">
          {c.name}
        </Link>
      ),
    },
    { key: 'number', header: t('customer.number'), render: (c) => <span className="ident">{c.externalId}</span>, nowrap: true },
    { key: 'type', header: t('customer.type'), render: (c) => <Badge tone={c.type === 'enterprise' ? 'info' : 'neutral'}>{t(`customerType.${c.type}`)}</Badge>, nowrap: true },
    {
      key: 'identity',
      header: t('customer.identity'),
      render: (c) => <span className="ident" data-testid="search-result-identity">{(c.type === 'enterprise' ? c.creditCode : c.idNumberMasked) ?? t('common.none')}</span>,
      nowrap: true,
    },
    { key: 'branch', header: t('customer.branch'), render: (c) => <span className="ident">{c.branchId}</span>, nowrap: true },
    { key: 'risk', header: t('customer.riskTier'), render: (c) => <Badge tone={riskTierTone[c.riskTier]}>{t(`riskTier.${c.riskTier}`)}</Badge>, nowrap: true },
    { key: 'matched', header: t('customer.matchedOn'), render: (c) => <span className="muted" data-testid="search-result-matched">{t(`matchedOn.${c.matchedOn}`)}</span>, nowrap: true },
  ];
  return (
    <Card
      title={t('search.results')}
      aside={
        <span className="muted" data-testid="search-total">
          {t('search.total', { total })}
          {total > items.length && ` · ${t('search.partial', { shown: items.length })}`}
        </span>
      }
      flush
    >
      <Table
        columns={columns}
        rows={items}
        rowKey={(c) => c.id}
        onRowClick={(c) => navigate(paths.customer(c.id))}
        rowTestId="search-result-row"
        testId="search-results"
      />
    </Card>
  );
}
