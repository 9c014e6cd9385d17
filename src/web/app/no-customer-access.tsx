import { DESTINATIONS } from './landing.ts';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Customer search and customer pages for a role without customers.read (the administrator): a
 * plain explanation and the pages the role can use, instead of the API's 403.
 */
export function NoCustomerAccess() {
  const { t } = useI18n();
  const { state, can } = useSession();
  const role = state.status === 'signed-in' ? state.session.user.role : null;
  const available = DESTINATIONS.filter((d) => can(d.permission));
  return (
    <div className="page page--narrow" data-testid="no-customer-access">
      <section className="card no-access">
        <div className="no-access__head">
          <span className="no-access__icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="22" height="22">
              <rect x="5" y="10.5" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="1.8" />
              <path d="M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </svg>
          </span>
          <div>
            <h1 className="page__title" data-testid="no-customer-access-title">
              {t('noAccess.title')}
            </h1>
            <p className="muted">{t('noAccess.body', { role: role ? t(`role.${role}`) : t('common.none') })}</p>
          </div>
        </div>
        {available.length > 0 ? (
          <>
            <p className="no-access__lead">{t('noAccess.available')}</p>
            <ul className="no-access__links">
              {available.map((d) => (
                <li key={d.path}>
                  <Link to={d.path} className="no-access__link" data-testid={d.testId}>
                    <span className="no-access__link-title">{t(d.title)}</span>
                    <span className="muted small">{t(d.hint)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t('noAccess.nothing')}</p>
        )}
      </section>
    </div>
  );
}
