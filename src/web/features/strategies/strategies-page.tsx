import { listStrategies } from '../../api/strategies-client.ts';
import type { StrategyStatus, StrategyVersionSummary } from '../../api/strategies-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, navigate, paths } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { ExperimentPanel } from './experiment-panel.tsx';

export const STATUS_TONE: Record<StrategyStatus, Tone> = { draft: 'info', active: 'success', retired: 'neutral' };

/** 催收策略: every version with its status, and the champion / challenger experiments. */
export function StrategiesPage() {
  const { t, locale } = useI18n();
  const list = useApi('strategies:list', (signal) => listStrategies(signal));

  const columns: Array<Column<StrategyVersionSummary>> = [
    {
      key: 'strategy', header: t('strategies.strategy'),
      render: (v) => (
        <span className="stacked-cell">
          <Link to={paths.strategy(v.id)} className="stacked-cell__main" data-testid="strategy-link">{locale === 'zh-CN' ? v.nameZh : v.nameEn}</Link>
          <span className="ident muted small">{v.strategyId}</span>
        </span>
      ),
    },
    { key: 'version', header: t('strategies.version'), render: (v) => `v${v.version}`, nowrap: true },
    { key: 'status', header: t('strategies.status'), render: (v) => <Badge tone={STATUS_TONE[v.status]} testId="strategy-version-status">{t(`strategies.status.${v.status}`)}</Badge>, nowrap: true },
    { key: 'segments', header: t('strategies.segments'), render: (v) => v.segments, align: 'right' },
    { key: 'created', header: t('strategies.created'), render: (v) => <DateText instant={v.createdAt} />, nowrap: true },
    { key: 'activated', header: t('strategies.activated'), render: (v) => (v.activatedAt ? <DateText instant={v.activatedAt} /> : <span className="muted">—</span>), nowrap: true },
  ];

  return (
    <div className="page" data-testid="strategies-page">
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('strategies.title')}</h1>
          <p className="muted small">{t('strategies.subtitle')}</p>
        </div>
      </div>
      {list.status === 'error' ? (
        <ProblemAlert error={list.error} onRetry={list.reload} />
      ) : list.status !== 'success' ? (
        <Loading label={t('common.loading')} />
      ) : (
        <>
          <Card title={t('strategies.versions')} flush testId="strategy-versions">
            {list.data.versions.length === 0 ? (
              <EmptyState title={t('strategies.empty')} />
            ) : (
              <Table
                columns={columns}
                rows={list.data.versions}
                rowKey={(v) => v.id}
                rowTestId="strategy-version-row"
                rowAttributes={(v) => ({ 'data-status': v.status, 'data-version': String(v.version) })}
                onRowClick={(v) => navigate(paths.strategy(v.id))}
              />
            )}
          </Card>
          <ExperimentPanel list={list.data} onChange={list.reload} />
        </>
      )}
    </div>
  );
}
