import type { ReactNode } from 'react';
import type { ContactLog, ContactLogEntry, ContactOutcome, Loan } from '../../api/types.ts';
import type { ApiState } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { ActorLabel } from './actor-label.tsx';

const OUTCOME_TONE: Record<ContactOutcome, Tone> = {
  attempted: 'neutral',
  'no-answer': 'neutral',
  connected: 'info',
  conversation: 'success',
  refused: 'warning',
  'wrong-number': 'danger',
  delivered: 'success',
  failed: 'danger',
  received: 'info',
};

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Every contact with the customer, newest first: calls, visits, messages sent, replies received. */
export function ContactLogCard({ state, loans, action }: { state: ApiState<ContactLog> & { reload: () => void }; loans: Loan[]; action?: ReactNode }) {
  const { t, label } = useI18n();
  const loanNumber = new Map(loans.map((l) => [l.id, l.loanNumber]));
  const columns: Array<Column<ContactLogEntry>> = [
    { key: 'at', header: t('contactLog.at'), render: (c) => <DateText instant={c.occurredAt} />, nowrap: true, width: '8.5rem' },
    {
      key: 'channel',
      header: t('contactLog.channel'),
      render: (c) => (
        <span className="stacked-cell">
          <span className="stacked-cell__main">
            <span className={c.direction === 'inbound' ? 'direction direction--in' : 'direction'} aria-hidden="true">
              {c.direction === 'inbound' ? '↙' : '↗'}
            </span>{' '}
            {label('channel', c.channel)}
          </span>
          <span className="muted small">
            {t(`direction.${c.direction}`)} · {label('mode', c.mode)}
          </span>
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'purpose',
      header: t('contactLog.purpose'),
      render: (c) => (
        <span className="stacked-cell">
          <span>{label('purpose', c.purpose)}</span>
          {c.debtId && <span className="muted small ident">{loanNumber.get(c.debtId) ?? c.debtId.slice(0, 8)}</span>}
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'outcome',
      header: t('contactLog.outcome'),
      render: (c) => (
        <span className="inline-list">
          <Badge tone={OUTCOME_TONE[c.outcome]} testId="contact-outcome">
            {t(`outcome.${c.outcome}`)}
          </Badge>
          {c.overrideId && (
            <Badge tone="orange" title={c.overrideId} testId="contact-override">
              {t('contactLog.override')}
            </Badge>
          )}
        </span>
      ),
    },
    {
      key: 'who',
      header: t('contactLog.who'),
      render: (c) => (
        <span className="stacked-cell small">
          <ActorLabel actorId={c.actorId} />
          {c.relationship !== 'self' && <span className="tone-text--warning">{label('relationship', c.relationship)}</span>}
          {c.agency && <span className="muted">{c.agency}</span>}
        </span>
      ),
    },
    {
      key: 'note',
      header: t('contactLog.note'),
      render: (c) => (
        <span className="stacked-cell small">
          {c.durationSeconds !== null && <span className="muted">{t('contactLog.duration', { d: duration(c.durationSeconds) })}</span>}
          {c.note && <span>{c.note}</span>}
          {c.evidenceItemId && <span className="muted">{t('contactLog.evidence')}</span>}
          {c.durationSeconds === null && !c.note && !c.evidenceItemId && <span className="muted">{t('common.none')}</span>}
        </span>
      ),
    },
  ];
  return (
    <Card
      title={t('contactLog.title')}
      aside={
        <span className="inline-list">
          {state.status === 'success' && <span className="muted">{t('contactLog.count', { n: state.data.items.length })}</span>}
          {action}
        </span>
      }
      testId="contact-log"
      flush
    >
      {state.status === 'error' ? (
        <div className="card__notice">
          <ProblemAlert error={state.error} onRetry={state.reload} testId="contact-log-error" />
        </div>
      ) : state.status !== 'success' ? (
        <Loading label={t('common.loading')} />
      ) : state.data.items.length === 0 ? (
        <EmptyState title={t('contactLog.empty')} testId="contact-log-empty" />
      ) : (
        <Table
          columns={columns}
          rows={state.data.items}
          rowKey={(c) => c.id}
          rowTestId="contact-log-row"
          rowAttributes={(c) => ({ 'data-channel': c.channel, 'data-outcome': c.outcome, 'data-override': c.overrideId ?? '' })}
          compact
        />
      )}
    </Card>
  );
}
