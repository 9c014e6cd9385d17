import { getPortalMessages } from '../../api/portal-client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';

/** 我的消息: what the lender sent to the borrower's portal inbox, newest first. */
export function PortalMessagesPage() {
  const { t } = useI18n();
  const inbox = useApi('portal:messages', (signal) => getPortalMessages(signal));
  return (
    <div className="portal-page" data-testid="portal-messages-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('portal.messages.title')}</h1>
        {inbox.status === 'success' && inbox.data.items.length > 0 && <span className="muted">{t('portal.messages.count', { n: inbox.data.items.length })}</span>}
      </div>
      <p className="portal-page__intro">{t('portal.messages.intro')}</p>
      {inbox.status === 'error' && <ProblemAlert error={inbox.error} onRetry={inbox.reload} testId="portal-messages-error" />}
      {(inbox.status === 'loading' || inbox.status === 'idle') && <Loading label={t('common.loading')} />}
      {inbox.status === 'success' &&
        (inbox.data.items.length === 0 ? (
          <EmptyState title={t('portal.messages.empty')} hint={t('portal.messages.emptyHint')} testId="portal-messages-empty" />
        ) : (
          <ul className="inbox" data-testid="portal-messages">
            {inbox.data.items.map((m) => (
              <li key={m.id} className={m.readAt ? 'inbox__item' : 'inbox__item inbox__item--unread'} data-testid="portal-message" lang={m.language}>
                <div className="inbox__head">
                  <span className="inbox__subject" data-testid="portal-message-subject">
                    {m.subject ?? t('portal.messages.noSubject')}
                  </span>
                  {!m.readAt && <Badge tone="info">{t('portal.messages.unread')}</Badge>}
                  <time className="inbox__time muted small" dateTime={m.receivedAt}>
                    {instantText(m.receivedAt)}
                  </time>
                </div>
                <p className="inbox__body" data-testid="portal-message-body">
                  {m.body}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
