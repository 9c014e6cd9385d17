import { useEffect, useRef, useState } from 'react';
import { listNotifications, markNotificationRead } from '../../api/notifications-client.ts';
import type { StaffNotification } from '../../api/notifications-types.ts';
import { useApi } from '../../api/use-api.ts';
import { navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { instantText } from '../../ui/date-text.tsx';

const POLL_MS = 60_000;

/**
 * The bell in the top bar: the unread count, and on click the list (unread first). Opening a
 * notice marks it read and goes to its page (the complaint, the customer). Polls once a minute;
 * deadline warnings come from a 15-minute job, so a minute is fresh enough.
 */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const list = useApi(`notifications:${tick}`, (signal) => listNotifications(signal));

  useEffect(() => {
    const id = window.setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => window.clearInterval(id);
  }, []);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const data = list.status === 'success' ? list.data : null;
  const unread = data?.unread ?? 0;
  const title = (n: StaffNotification) => (locale === 'zh-CN' ? n.titleZh : n.titleEn);
  const body = (n: StaffNotification) => (locale === 'zh-CN' ? n.bodyZh : n.bodyEn);
  const openOne = async (n: StaffNotification) => {
    setOpen(false);
    if (!n.readAt) await markNotificationRead(n.id).catch(() => undefined);
    setTick((x) => x + 1);
    if (n.link) navigate(n.link);
  };

  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="bell__button"
        onClick={() => {
          setOpen((o) => !o);
          if (!open) setTick((x) => x + 1);
        }}
        aria-label={unread ? t('notifications.unread', { n: unread }) : t('notifications.open')}
        aria-expanded={open}
        data-testid="notification-bell"
      >
        {/* An inline icon: no emoji font is needed (the console runs on machines without one). */}
        <svg className="bell__icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && <span className="bell__count" data-testid="notification-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="bell__panel" role="dialog" aria-label={t('notifications.title')} data-testid="notification-panel">
          <p className="bell__heading">{t('notifications.title')}</p>
          {list.status === 'error' && <p className="tone-text--danger small">{t('notifications.error')}</p>}
          {data && data.items.length === 0 && <p className="muted small bell__empty">{t('notifications.empty')}</p>}
          <ul className="bell__list">
            {data?.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'bell__item' : 'bell__item bell__item--unread'} data-testid="notification-item" data-kind={n.kind} data-read={n.readAt ? 'true' : 'false'}>
                <button type="button" className="bell__open" onClick={() => void openOne(n)}>
                  <span className="bell__title">{title(n)}</span>
                  {body(n) && <span className="bell__body">{body(n)}</span>}
                  <span className="bell__time">{instantText(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
