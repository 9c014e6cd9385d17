import { useState } from 'react';
import { listComplaints } from '../../api/client.ts';
import type { ComplaintCategory, ComplaintStatus, ComplaintSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { navigate, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, dueClass, dueText, severityTone, statusTone } from './options.ts';
import { RegisterComplaintDialog } from './register-complaint-dialog.tsx';

/** The columns shared by the complaints page and the customer's 投诉 tab. */
export function useComplaintColumns(opts: { withCustomer: boolean }): Array<Column<ComplaintSummary>> {
  const { t } = useI18n();
  const cols: Array<Column<ComplaintSummary> | false> = [
    { key: 'ref', header: t('complaints.col.reference'), render: (c) => <span className="ident strong" data-testid="complaint-reference">{c.referenceNumber}</span>, nowrap: true },
    opts.withCustomer && { key: 'customer', header: t('complaints.col.customer'), render: (c) => c.customerName ?? <span className="muted">{t('complaints.noCustomer')}</span> },
    { key: 'channel', header: t('complaints.col.channel'), render: (c) => t(`complaint.channel.${c.channel}`), nowrap: true },
    {
      key: 'category',
      header: t('complaints.col.category'),
      render: (c) => (
        <span className="stacked-cell" data-testid="complaint-category">
          <span>{c.category ? t(`complaint.category.${c.category as ComplaintCategory}`) : t('common.none')}</span>
          {!c.classificationConfirmed && <span className="muted small">{t('complaints.unconfirmed')}</span>}
        </span>
      ),
    },
    { key: 'severity', header: t('complaints.col.severity'), render: (c) => (c.severity ? <Badge tone={severityTone(c.severity)}>{t(`complaint.severity.${c.severity as 'low'}`)}</Badge> : t('common.none')), nowrap: true },
    { key: 'status', header: t('complaints.col.status'), render: (c) => <Badge tone={statusTone(c.status)} testId="complaint-status">{t(`complaint.status.${c.status}`)}</Badge>, nowrap: true },
    {
      key: 'fhDue', header: t('complaints.col.firstHandlingDue'), nowrap: true,
      render: (c) => <span className={dueClass(c.firstHandlingState)} data-testid="complaint-fh-due" data-state={c.firstHandlingState}>{dueText(c.firstHandlingDue)}</span>,
    },
    {
      key: 'decisionDue', header: t('complaints.col.decisionDue'), nowrap: true,
      render: (c) => <span className={dueClass(c.decisionState)} data-testid="complaint-decision-due" data-state={c.decisionState}>{dueText(c.decisionDue)}</span>,
    },
  ];
  return cols.filter((c): c is Column<ComplaintSummary> => c !== false);
}

/** 投诉管理 (complaints.read): the list with filters; 登记投诉 for staff intake. */
export function ComplaintsPage({ search }: { search: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const params = new URLSearchParams(search);
  const status = (params.get('status') ?? '') as ComplaintStatus | '';
  const category = (params.get('category') ?? '') as ComplaintCategory | '';
  const overdue = params.get('overdue') === 'true' ? 'true' : '';
  const [registering, setRegistering] = useState(false);
  const list = useApi(`complaints:${search}`, (signal) =>
    listComplaints({ status: status || undefined, category: category || undefined, overdue: overdue || undefined, limit: 200 }, signal),
  );
  const columns = useComplaintColumns({ withCustomer: true });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    navigate(paths.complaints(qs ? `?${qs}` : ''), { replace: true });
  };

  return (
    <div className="page" data-testid="complaints-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('complaints.title')}</h1>
          <p className="muted small">{t('complaints.subtitle')}</p>
        </div>
        {can('complaints.intake') && (
          <div className="page-header__actions">
            <button type="button" className="button button--primary" onClick={() => setRegistering(true)} data-testid="complaint-register">
              {t('complaints.register')}
            </button>
          </div>
        )}
      </header>
      <Card>
        <div className="filter-form__grid" data-testid="complaint-filters">
          <label className="field">
            <span className="field__label">{t('complaints.col.status')}</span>
            <select className="input input--small" value={status} onChange={(e) => setFilter('status', e.target.value)} data-testid="complaint-filter-status">
              <option value="">{t('complaints.filter.all')}</option>
              {COMPLAINT_STATUSES.map((s) => <option key={s} value={s}>{t(`complaint.status.${s}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('complaints.col.category')}</span>
            <select className="input input--small" value={category} onChange={(e) => setFilter('category', e.target.value)} data-testid="complaint-filter-category">
              <option value="">{t('complaints.filter.all')}</option>
              {COMPLAINT_CATEGORIES.map((c) => <option key={c} value={c}>{t(`complaint.category.${c}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('complaints.filter.overdue')}</span>
            <select className="input input--small" value={overdue} onChange={(e) => setFilter('overdue', e.target.value)} data-testid="complaint-filter-overdue">
              <option value="">{t('complaints.filter.all')}</option>
              <option value="true">{t('complaints.filter.overdueOnly')}</option>
            </select>
          </label>
        </div>
      </Card>
      <Card title={t('complaints.listTitle')} aside={list.status === 'success' && <span className="muted">{t('complaints.count', { n: list.data.total })}</span>} flush testId="complaints">
        {list.status === 'error' ? (
          <div className="card__notice card__notice--bottom"><ProblemAlert error={list.error} onRetry={list.reload} testId="complaints-error" /></div>
        ) : list.status !== 'success' ? (
          <Loading label={t('common.loading')} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={t('complaints.empty')} />
        ) : (
          <Table
            columns={columns}
            rows={list.data.items}
            rowKey={(c) => c.id}
            rowTestId="complaint-row"
            rowAttributes={(c) => ({ 'data-reference': c.referenceNumber, 'data-status': c.status })}
            rowClassName={(c) => (c.overdue ? 'row--danger' : undefined)}
            onRowClick={(c) => navigate(paths.complaint(c.id))}
          />
        )}
      </Card>
      {registering && (
        <RegisterComplaintDialog
          onClose={() => setRegistering(false)}
          onRegistered={(id) => {
            setRegistering(false);
            navigate(paths.complaint(id));
          }}
        />
      )}
    </div>
  );
}
