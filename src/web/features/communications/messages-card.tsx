import type { ReactNode } from 'react';
import type { MessageList, OutboundMessage } from '../../api/types.ts';
import type { ApiState } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { formatContactValue } from '../customers/format-contact.ts';
import { MESSAGE_STATUS_TONE } from './options.ts';

/** Messages sent (or queued, or refused at send time) to the customer, newest first, with their delivery state. */
export function MessagesCard({ state, action }: { state: ApiState<MessageList> & { reload: () => void }; action?: ReactNode }) {
  const { t, label } = useI18n();
  const columns: Array<Column<OutboundMessage>> = [
    {
      key: 'created',
      header: t('messages.created'),
      render: (m) => <DateText instant={m.createdAt} />,
      nowrap: true,
      width: '8.5rem',
    },
    {
      key: 'channel',
      header: t('messages.channel'),
      render: (m) => (
        <span className="stacked-cell">
          <span className="stacked-cell__main">{t(`channel.${m.channel}`)}</span>
          <span className="muted small">{t(`purpose.${m.purpose}`)}</span>
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'recipient',
      header: t('messages.recipient'),
      render: (m) => (
        <span className="stacked-cell">
          <span className="ident-wrap">{m.channel === 'portal' ? t('messages.portalInbox') : formatContactValue(m.channel === 'sms' ? 'phone' : '', m.recipient)}</span>
          {m.relationship !== 'self' && <span className="small tone-text--warning">{label('relationship', m.relationship)}</span>}
        </span>
      ),
    },
    {
      key: 'content',
      header: t('messages.content'),
      render: (m) => (
        <span className="message-content">
          <span className="message-content__meta muted small">
            {m.templateKey ? `${m.templateKey} v${m.templateVersion ?? '?'}` : t('common.none')} · {t(`language.${m.language}`)}
          </span>
          {m.subject && <span className="message-content__subject">{m.subject}</span>}
          <span className="message-content__body" title={m.body} data-testid="message-body">
            {m.body}
          </span>
        </span>
      ),
    },
    {
      key: 'status',
      header: t('messages.status'),
      render: (m) => (
        <span className="stacked-cell">
          <Badge tone={MESSAGE_STATUS_TONE[m.status]} testId="message-status">
            {t(`messageStatus.${m.status}`)}
          </Badge>
          {m.attempts > 0 && m.status !== 'sent' && m.status !== 'delivered' && <span className="muted small">{t('messages.attempts', { n: m.attempts })}</span>}
          {m.lastError && (
            <span className="small tone-text--danger" title={m.lastError}>
              {m.lastError.slice(0, 60)}
            </span>
          )}
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'when',
      header: t('messages.timing'),
      render: (m) => {
        const delayed = new Date(m.notBefore).getTime() > new Date(m.createdAt).getTime() + 1000;
        return (
          <span className="stacked-cell small">
            {(m.status === 'queued' || delayed) && (
              <span className={delayed ? 'tone-text--warning' : undefined} data-testid="message-not-before">
                {t('messages.notBefore')} <DateText instant={m.notBefore} />
              </span>
            )}
            {m.sentAt && (
              <span>
                {t('messages.sentAt')} <DateText instant={m.sentAt} />
              </span>
            )}
            {m.deliveredAt && (
              <span>
                {t('messages.deliveredAt')} <DateText instant={m.deliveredAt} />
              </span>
            )}
            {m.failedAt && (
              <span className="tone-text--danger">
                {t('messages.failedAt')} <DateText instant={m.failedAt} />
              </span>
            )}
          </span>
        );
      },
      nowrap: true,
    },
  ];
  return (
    <Card
      title={t('messages.title')}
      aside={
        <span className="inline-list">
          {state.status === 'success' && <span className="muted">{t('messages.count', { n: state.data.items.length })}</span>}
          {action}
        </span>
      }
      testId="customer-messages"
      flush
    >
      {state.status === 'error' ? (
        <div className="card__notice">
          <ProblemAlert error={state.error} onRetry={state.reload} testId="messages-error" />
        </div>
      ) : state.status !== 'success' ? (
        <Loading label={t('common.loading')} />
      ) : state.data.items.length === 0 ? (
        <EmptyState title={t('messages.empty')} testId="messages-empty" />
      ) : (
        <Table
          columns={columns}
          rows={state.data.items}
          rowKey={(m) => m.id}
          rowTestId="message-row"
          rowAttributes={(m) => ({ 'data-status': m.status, 'data-channel': m.channel, 'data-message-id': m.id })}
          compact
        />
      )}
    </Card>
  );
}
