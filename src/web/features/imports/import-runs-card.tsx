import { importRejectionsHref } from '../../api/client.ts';
import type { ApiState } from '../../api/use-api.ts';
import type { ImportRun, ImportRunList } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { formatDuration, RUN_STATUS_TONE } from './import-options.ts';

const count = (n: number, tone?: string) => <span className={n > 0 && tone ? tone : n === 0 ? 'muted' : undefined}>{n.toLocaleString('en-US')}</span>;

/** GET /api/imports: the 100 most recent runs, newest first, with their counts and rejection reports. */
export function ImportRunsCard({ state, highlight }: { state: ApiState<ImportRunList> & { reload: () => void }; highlight: string | null }) {
  const { t } = useI18n();
  const columns: Array<Column<ImportRun>> = [
    { key: 'started', header: t('imports.runs.started'), render: (r) => <DateText instant={r.startedAt} />, nowrap: true },
    { key: 'kind', header: t('imports.runs.kind'), render: (r) => <span data-testid="run-kind">{t(`importKind.${r.kind}`)}</span>, nowrap: true },
    {
      key: 'file',
      header: t('imports.runs.file'),
      render: (r) => (
        <span className="stacked-cell">
          <span className="run-file" data-testid="run-file">
            {r.fileName}
          </span>
          {r.failureMessage && (
            <span className="small tone-text--danger" data-testid="run-failure">
              {r.failureMessage}
            </span>
          )}
        </span>
      ),
    },
    {
      key: 'status',
      header: t('imports.runs.status'),
      render: (r) => (
        <Badge tone={RUN_STATUS_TONE[r.status]} testId="run-status">
          {t(`importStatus.${r.status}`)}
        </Badge>
      ),
      nowrap: true,
    },
    { key: 'read', header: t('imports.count.read'), render: (r) => <span data-testid="run-read">{count(r.readRows)}</span>, align: 'right' },
    { key: 'inserted', header: t('imports.count.inserted'), render: (r) => <span data-testid="run-inserted">{count(r.insertedRows, 'tone-text--success')}</span>, align: 'right' },
    { key: 'updated', header: t('imports.count.updated'), render: (r) => count(r.updatedRows), align: 'right' },
    { key: 'unchanged', header: t('imports.count.unchanged'), render: (r) => count(r.unchangedRows), align: 'right' },
    { key: 'rejected', header: t('imports.count.rejected'), render: (r) => <span data-testid="run-rejected">{count(r.rejectedRows, 'tone-text--danger strong')}</span>, align: 'right' },
    {
      key: 'duration',
      header: t('imports.duration'),
      render: (r) => (r.finishedAt ? formatDuration(new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) : t('common.none')),
      align: 'right',
      nowrap: true,
    },
    {
      key: 'report',
      header: <span className="sr-only">{t('imports.runs.report')}</span>,
      render: (r) =>
        r.rejectedRows > 0 ? (
          <a href={importRejectionsHref(r.id)} download data-testid="run-report">
            {t('imports.runs.report')}
          </a>
        ) : null,
      nowrap: true,
    },
  ];
  return (
    <Card title={t('imports.runs.title')} flush testId="import-runs">
      {state.status === 'error' ? (
        <div className="card__notice card__notice--bottom">
          <ProblemAlert error={state.error} onRetry={state.reload} testId="import-runs-error" />
        </div>
      ) : state.status !== 'success' ? (
        <Loading label={t('common.loading')} />
      ) : state.data.items.length === 0 ? (
        <EmptyState title={t('imports.runs.empty')} testId="import-runs-empty" />
      ) : (
        <Table
          columns={columns}
          rows={state.data.items}
          rowKey={(r) => r.id}
          rowTestId="import-run-row"
          rowAttributes={(r) => ({ 'data-run-id': r.id, 'data-status': r.status })}
          rowClassName={(r) => (r.id === highlight ? 'row--new' : undefined)}
        />
      )}
    </Card>
  );
}
