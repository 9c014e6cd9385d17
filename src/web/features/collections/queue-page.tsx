import { getCollectionQueue } from '../../api/collections-client.ts';
import type { CollectionQueueItem } from '../../api/collections-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, navigate, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Money } from '../../ui/money.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { CallNow } from './call-now.tsx';

/** 催收作业台: the agent's prioritised queue, in their data scope, with "can I call now". */
export function CollectionsQueuePage() {
  const { t, label } = useI18n();
  const { can } = useSession();
  const queue = useApi('collections:queue', (signal) => getCollectionQueue(signal));
  const columns: Array<Column<CollectionQueueItem>> = [
    { key: 'rank', header: '#', render: (i) => i.rank, width: '3rem', align: 'right' },
    {
      key: 'customer',
      header: t('collections.queue.customer'),
      render: (i) => (
        <span className="stack stack--tight">
          <Link to={paths.collectionCase(i.caseId)} data-testid="queue-open-case">
            {i.customer.name}
          </Link>
          <span className="ident muted small">{i.loan.loanNumber}</span>
        </span>
      ),
    },
    { key: 'dpd', header: t('collections.queue.dpd'), render: (i) => <span data-testid="queue-dpd">{i.dpd} · {i.bucket}</span>, nowrap: true },
    { key: 'overdue', header: t('collections.queue.overdue'), render: (i) => <Money fen={i.overdueFen} />, align: 'right' },
    { key: 'expected', header: t('collections.queue.expected'), render: (i) => <Money fen={i.priority.expectedRecoveryFen} />, align: 'right' },
    { key: 'risk', header: t('collections.queue.risk'), render: (i) => label('riskTier', i.customer.riskTier), nowrap: true },
    {
      key: 'flags',
      header: t('collections.queue.why'),
      render: (i) => (
        <span className="inline-list">
          {i.promiseDueToday && <Badge tone="warning" testId="queue-promise-today">{t('collections.queue.promiseToday')}</Badge>}
          {i.callbackDue && <Badge tone="info">{t('collections.queue.callback')}</Badge>}
          <span className="small">{label('collections.action', i.nextAction)}</span>
          {i.willingness !== 'unknown' && <span className="muted small">{label('collections.willingness', i.willingness)}</span>}
        </span>
      ),
    },
    {
      key: 'last',
      header: t('collections.queue.lastContact'),
      render: (i) => (i.lastContact ? <span className="small">{instantText(i.lastContact.at)} · {label('outcome', i.lastContact.outcome ?? '')}</span> : <span className="muted">—</span>),
    },
    { key: 'call', header: t('collections.queue.callNow'), render: (i) => <CallNow check={i.callNow} compact /> },
  ];
  return (
    <div className="page" data-testid="collections-queue-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('collections.queue.title')}</h1>
          <p className="muted small">{t('collections.queue.explain')}</p>
        </div>
        {can('collections.approve') && (
          <div className="page-header__actions">
            <Link to={paths.collectionApprovals()} className="button button--secondary" data-testid="open-approvals">
              {t('collections.approvals.title')}
            </Link>
          </div>
        )}
      </header>
      {queue.status === 'error' && <ProblemAlert error={queue.error} onRetry={queue.reload} testId="queue-error" />}
      {(queue.status === 'loading' || queue.status === 'idle') && <Loading label={t('common.loading')} testId="queue-loading" />}
      {queue.status === 'success' && (
        <Card title={t('collections.queue.asOf', { date: queue.data.asOf })} aside={<span className="muted">{queue.data.items.length}</span>} flush testId="collections-queue">
          {queue.data.items.length === 0 ? (
            <EmptyState title={t('collections.queue.empty')} testId="queue-empty" />
          ) : (
            <Table
              columns={columns}
              rows={queue.data.items}
              rowKey={(i) => i.caseId}
              rowTestId="queue-row"
              rowAttributes={(i) => ({ 'data-case-id': i.caseId, 'data-customer': i.customer.name })}
              onRowClick={(i) => navigate(paths.collectionCase(i.caseId))}
            />
          )}
        </Card>
      )}
    </div>
  );
}
