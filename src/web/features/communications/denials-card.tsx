import type { DenialList, DenialRecord, Loan } from '../../api/types.ts';
import type { ApiState } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { ActorLabel } from './actor-label.tsx';
import { DenialReasons, EarliestAllowed } from './denial-reasons.tsx';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** Every contact the engine refused for this customer, newest first: who, when, what, why, and until when. */
export function DenialsCard({ state, loans, zones }: { state: ApiState<DenialList> & { reload: () => void }; loans: Loan[]; zones: string[] }) {
  const { t, label } = useI18n();
  const loanNumber = new Map(loans.map((l) => [l.id, l.loanNumber]));
  const columns: Array<Column<DenialRecord>> = [
    {
      key: 'at',
      header: t('denials.at'),
      render: (d) => (
        <span className="stacked-cell">
          <DateText instant={d.at} />
          <span className="small">
            <ActorLabel actorId={d.actorId} />
          </span>
        </span>
      ),
      nowrap: true,
      width: '9.5rem',
    },
    {
      key: 'what',
      header: t('denials.what'),
      render: (d) => {
        const channel = str(d.proposal.channel);
        const purpose = str(d.proposal.purpose);
        const debt = str(d.proposal.debtId);
        const template = str(d.proposal.templateKey);
        return (
          <span className="stacked-cell">
            <span className="stacked-cell__main" data-testid="denial-what">
              {channel ? label('channel', channel) : '—'} · {purpose ? label('purpose', purpose) : '—'}
            </span>
            <span className="muted small">
              <Badge>{t(`denialSource.${d.source}`)}</Badge>
              {debt && ` ${t('denials.loan', { loan: loanNumber.get(debt) ?? debt.slice(0, 8) })}`}
              {template && ` · ${t('denials.template', { key: template })}`}
              {str(d.proposal.overrideBy) && ` · ${t('denials.withOverride')}`}
            </span>
          </span>
        );
      },
      width: '12rem',
    },
    { key: 'reasons', header: t('denials.reasons'), render: (d) => <DenialReasons denials={d.denials} compact /> },
    { key: 'earliest', header: t('denials.earliest'), render: (d) => <EarliestAllowed at={d.earliestAllowedAt} zones={zones} relativeTo={d.at} />, width: '12rem' },
  ];
  return (
    <Card
      title={t('denials.title')}
      aside={state.status === 'success' && <span className="muted">{t('denials.count', { n: state.data.items.length })}</span>}
      testId="compliance-denials"
      flush
    >
      {state.status === 'error' ? (
        <div className="card__notice">
          <ProblemAlert error={state.error} onRetry={state.reload} testId="denials-error" />
        </div>
      ) : state.status !== 'success' ? (
        <Loading label={t('common.loading')} />
      ) : state.data.items.length === 0 ? (
        <EmptyState title={t('denials.empty')} testId="denials-empty" />
      ) : (
        <Table
          columns={columns}
          rows={state.data.items}
          rowKey={(d) => d.id}
          rowTestId="denial-row"
          rowAttributes={(d) => ({ 'data-source': d.source, 'data-rules': d.denials.map((x) => x.rule).join(' ') })}
          compact
        />
      )}
    </Card>
  );
}
