import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { AUDIT_ACTION_NAMES } from '../../../platform/audit/audit-actions.ts';
import { auditCsvHref, listAuditEvents } from '../../api/client.ts';
import type { AuditEvent } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { navigate, paths } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { AuditEventsTable } from './audit-events-table.tsx';
import { auditSearchString, EMPTY_FILTER, KNOWN_ENTITY_TYPES, parseAuditSearch, toApiFilter, type AuditFilterForm } from './audit-filter.ts';
import { AuditVerificationResult, useAuditVerification } from './audit-verify.tsx';

const PAGE_SIZE = 50;

/** Known actions grouped by their first segment (customer.*, evidence.*…), in catalogue order. */
function actionGroups(): Array<{ prefix: string; actions: string[] }> {
  const groups = new Map<string, string[]>();
  for (const action of AUDIT_ACTION_NAMES) {
    const prefix = action.slice(0, action.indexOf('.'));
    groups.set(prefix, [...(groups.get(prefix) ?? []), action]);
  }
  return [...groups].map(([prefix, actions]) => ({ prefix, actions }));
}

type MorePages = { key: string; items: AuditEvent[]; nextCursor: string | null };

/**
 * The audit trail for compliance and internal audit: filters in the address bar, newest first,
 * "load more" by keyset cursor (stable while new events arrive), CSV export of every match with
 * the same filters, and a verification of the whole hash chain.
 */
export function AuditPage({ search }: { search: string }) {
  const { t, label } = useI18n();
  const applied = useMemo(() => parseAuditSearch(search), [search]);
  const key = auditSearchString(applied);
  const filter = useMemo(() => toApiFilter(applied), [key]);
  const [form, setForm] = useState<AuditFilterForm>(applied);
  const groups = useMemo(actionGroups, []);
  const verification = useAuditVerification();

  useEffect(() => setForm(applied), [key]);

  const first = useApi(`audit:${key}`, (signal) => listAuditEvents(filter, { limit: PAGE_SIZE }, signal));
  const [more, setMore] = useState<MorePages | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  const extra = more?.key === key ? more : null;
  const events = first.status === 'success' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = first.status === 'success' ? (extra ? extra.nextCursor : first.data.nextCursor) : null;

  const loadMore = async () => {
    if (!nextCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const page = await listAuditEvents(filter, { limit: PAGE_SIZE, cursor: nextCursor });
      setMore({ key, items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const apply = (next: AuditFilterForm) => {
    const target = paths.audit(auditSearchString(next));
    if (auditSearchString(next) === key) {
      // The same filters again: fetch afresh (new events may have been recorded since).
      setMore(null);
      first.reload();
    } else navigate(target);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply(form);
  };
  const set = (field: keyof AuditFilterForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const knownAction = form.action === '' || groups.some((g) => `${g.prefix}.*` === form.action || g.actions.includes(form.action));

  return (
    <div className="page" data-testid="audit-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('audit.title')}</h1>
          <p className="muted small">{t('audit.subtitle')}</p>
        </div>
        <div className="page-header__actions">
          <a className="button button--secondary" href={auditCsvHref(filter)} download title={t('audit.exportHint')} data-testid="audit-export">
            {t('audit.export')}
          </a>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void verification.run()}
            disabled={verification.state.status === 'running'}
            data-testid="audit-verify"
          >
            {verification.state.status === 'running' ? t('audit.verifying') : t('audit.verify')}
          </button>
        </div>
      </header>

      <AuditVerificationResult state={verification.state} onRetry={() => void verification.run()} />

      <Card testId="audit-filters">
        <form className="filter-form" onSubmit={onSubmit} aria-label={t('audit.filters')} data-testid="audit-filter-form">
          <div className="filter-form__grid">
            <label className="field">
              <span className="field__label">{t('audit.actor')}</span>
              <input
                className="input input--small"
                value={form.actor}
                onChange={(e) => set('actor')(e.target.value)}
                placeholder={t('audit.actorPlaceholder')}
                spellCheck={false}
                data-testid="audit-filter-actor"
              />
            </label>
            <label className="field">
              <span className="field__label">{t('audit.action')}</span>
              <select className="input input--small" value={form.action} onChange={(e) => set('action')(e.target.value)} data-testid="audit-filter-action">
                <option value="">{t('audit.actionAny')}</option>
                {!knownAction && <option value={form.action}>{form.action}</option>}
                {groups.map((g) => (
                  <optgroup key={g.prefix} label={label('auditGroup', g.prefix)}>
                    {g.actions.length > 1 && <option value={`${g.prefix}.*`}>{t('audit.actionGroup', { prefix: label('auditGroup', g.prefix) })}</option>}
                    {g.actions.map((a) => (
                      <option key={a} value={a}>
                        {label('auditAction', a)} · {a}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('audit.entityType')}</span>
              <input
                className="input input--small"
                list="audit-entity-types"
                value={form.entityType}
                onChange={(e) => set('entityType')(e.target.value)}
                placeholder={t('audit.entityTypeAny')}
                spellCheck={false}
                data-testid="audit-filter-entity-type"
              />
              <datalist id="audit-entity-types">
                {KNOWN_ENTITY_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {label('entityType', type)}
                  </option>
                ))}
              </datalist>
            </label>
            <label className="field">
              <span className="field__label">{t('audit.entityId')}</span>
              <input
                className="input input--small"
                value={form.entityId}
                onChange={(e) => set('entityId')(e.target.value)}
                placeholder={t('audit.entityIdPlaceholder')}
                spellCheck={false}
                data-testid="audit-filter-entity-id"
              />
            </label>
            <label className="field">
              <span className="field__label">{t('audit.from')}</span>
              <input className="input input--small" type="datetime-local" value={form.from} onChange={(e) => set('from')(e.target.value)} data-testid="audit-filter-from" />
            </label>
            <label className="field">
              <span className="field__label">{t('audit.to')}</span>
              <input className="input input--small" type="datetime-local" value={form.to} onChange={(e) => set('to')(e.target.value)} data-testid="audit-filter-to" />
            </label>
            <div className="filter-form__actions">
              <button type="submit" className="button button--primary" data-testid="audit-search">
                {t('audit.search')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => apply(EMPTY_FILTER)} data-testid="audit-reset">
                {t('audit.reset')}
              </button>
            </div>
          </div>
        </form>
      </Card>

      {first.status === 'error' && <ProblemAlert error={first.error} onRetry={first.reload} testId="audit-error" />}
      {(first.status === 'loading' || first.status === 'idle') && <Loading label={t('audit.loading')} testId="audit-loading" />}
      {first.status === 'success' &&
        (events.length === 0 ? (
          <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} testId="audit-empty" />
        ) : (
          <Card
            title={t('audit.results')}
            aside={
              <span className="muted" data-testid="audit-count">
                {t('audit.shown', { n: events.length })}
              </span>
            }
            flush
            testId="audit-results"
          >
            <AuditEventsTable events={events} onFilter={(patch) => apply({ ...applied, ...patch })} />
            <div className="table-toggle">
              {moreState.error !== null && <ProblemAlert error={moreState.error} testId="audit-more-error" />}
              {nextCursor ? (
                <button type="button" className="button button--secondary" onClick={() => void loadMore()} disabled={moreState.loading} data-testid="audit-load-more">
                  {moreState.loading ? t('audit.loadingMore') : t('audit.loadMore')}
                </button>
              ) : (
                <span className="muted small" data-testid="audit-end">
                  {t('audit.end')}
                </span>
              )}
            </div>
          </Card>
        ))}
    </div>
  );
}
