/**
 * What both analytics pages share: the header with tabs, the period form (kept in the address bar,
 * so a view can be bookmarked and the export takes the same period), the CSV export link, and
 * number formatting (shares as %, fen as 元).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { analyticsCsvHref } from '../../api/analytics-client.ts';
import type { AnalyticsPeriodQuery, AnalyticsRate } from '../../api/analytics-types.ts';
import { Link, navigate, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { fenToDecimalString } from '../../../platform/money/fen.ts';

export type AnalyticsPage = 'collections' | 'complaints';

export function periodFromSearch(search: string): AnalyticsPeriodQuery {
  const params = new URLSearchParams(search);
  const day = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(k) ?? '') ? params.get(k)! : undefined);
  return { from: day('from'), to: day('to') };
}

const searchOf = (q: AnalyticsPeriodQuery) => {
  const params = new URLSearchParams();
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  const s = params.toString();
  return s ? `?${s}` : '';
};

export function AnalyticsShell({ page, query, shown, children }: { page: AnalyticsPage; query: AnalyticsPeriodQuery; shown?: { from: string; to: string }; children: ReactNode }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(paths.analytics(page, searchOf({ from: from || undefined, to: to || undefined })));
  };
  const tab = (id: AnalyticsPage) => (
    <Link to={paths.analytics(id, searchOf(query))} className={id === page ? 'analytics-tab analytics-tab--active' : 'analytics-tab'}
      aria-current={id === page ? 'page' : undefined} data-testid={`analytics-tab-${id}`}>
      {t(`analytics.tab.${id}`)}
    </Link>
  );
  return (
    <div className="page" data-testid={`analytics-${page}-page`}>
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('analytics.title')}</h1>
          <p className="muted small">{t('analytics.subtitle')}</p>
        </div>
        {can('reports.export') && (
          <div className="page-header__actions">
            <a className="button button--secondary" href={analyticsCsvHref(shown ?? query)} download title={t('analytics.exportHint')} data-testid="analytics-export">
              {t('analytics.export')}
            </a>
          </div>
        )}
      </div>
      <nav className="analytics-tabs" aria-label={t('analytics.title')}>{tab('collections')}{tab('complaints')}</nav>
      <form className="analytics-period" onSubmit={submit} data-testid="analytics-period">
        <label className="field">
          <span className="field__label">{t('analytics.period.from')}</span>
          <input type="date" className="input input--small" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="analytics-from" />
        </label>
        <label className="field">
          <span className="field__label">{t('analytics.period.to')}</span>
          <input type="date" className="input input--small" value={to} onChange={(e) => setTo(e.target.value)} data-testid="analytics-to" />
        </label>
        <button type="submit" className="button button--small">{t('analytics.period.apply')}</button>
        {shown && <span className="muted small" data-testid="analytics-period-shown">{t('analytics.period.shown', shown)}</span>}
      </form>
      {children}
    </div>
  );
}

/** 0.123 → "12.3%"; null → "—". */
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** A rate with its Wilson interval: "50.0% (9.5%–90.5%)". */
export const rateText = (r: Pick<AnalyticsRate, 'rate' | 'ci'>) => (r.rate === null ? '—' : r.ci ? `${pct(r.rate)} (${pct(r.ci.low)}–${pct(r.ci.high)})` : pct(r.rate));

/** Integer fen → 元 with two decimals and grouping, no symbol (column headers say 元). */
export const yuan = (fen: number) => {
  const [i, f] = fenToDecimalString(Math.round(fen)).split('.') as [string, string];
  return `${i.replace(/\B(?=(\d{3})+$)/g, ',')}.${f}`;
};

/** Fen as a number of 元 (for chart scales). */
export const toYuan = (fen: number) => fen / 100;

export const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function Kpi({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value}</span>
    </div>
  );
}
