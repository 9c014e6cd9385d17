import { useState, type FormEvent } from 'react';
import { getPortalMessages, sendPortalMessage } from '../../api/portal-client.ts';
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
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setSendError(null);
    try {
      await sendPortalMessage(text);
      setText('');
      setSent(true);
    } catch (err) {
      setSendError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="portal-page" data-testid="portal-messages-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('portal.messages.title')}</h1>
        {inbox.status === 'success' && inbox.data.items.length > 0 && <span className="muted">{t('portal.messages.count', { n: inbox.data.items.length })}</span>}
      </div>
      <p className="portal-page__intro">{t('portal.messages.intro')}</p>
      <form className="card portal-reply" onSubmit={submit} data-testid="portal-reply-form">
        <label className="field">
          <span className="field__label">{t('portal.messages.replyTitle')}</span>
          <textarea
            className="input"
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSent(false);
            }}
            placeholder={t('portal.messages.replyHint')}
            data-testid="portal-reply-text"
          />
        </label>
        {sendError !== null && <ProblemAlert error={sendError} testId="portal-reply-error" />}
        {sent && <p className="muted" data-testid="portal-reply-sent">{t('portal.messages.replySent')}</p>}
        <button type="submit" className="button button--primary" disabled={sending || text.trim() === ''} data-testid="portal-reply-send">
          {t('portal.messages.replySend')}
        </button>
      </form>
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
