import type { ReactNode } from 'react';
import { Link, paths, type PortalPage } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { usePortalSession } from './portal-session.tsx';

/** The borrower's frame: light, few links, the same language switch as the console. */
export function PortalLayout({ page, children }: { page: PortalPage; children: ReactNode }) {
  const { t } = useI18n();
  const { state, signOut } = usePortalSession();
  const user = state.status === 'signed-in' ? state.user : null;
  const navClass = (active: boolean) => (active ? 'portal-nav__link portal-nav__link--active' : 'portal-nav__link');
  return (
    <div className="portal" data-testid="portal">
      <header className="portal-bar">
        <div className="portal-bar__inner">
          <Link to={paths.portalLoans()} className="portal-brand" data-testid="portal-brand">
            <span className="portal-brand__mark" aria-hidden="true">L</span>
            <span className="portal-brand__name">{t('portal.title')}</span>
            <span className="portal-brand__latin">{t('app.brandLatin')}</span>
          </Link>
          <nav className="portal-nav">
            {user && (
              <>
                <Link to={paths.portalLoans()} className={navClass(page === 'loans')} data-testid="portal-nav-loans">
                  {t('portal.nav.loans')}
                </Link>
                <Link to={paths.portalConsents()} className={navClass(page === 'consents')} data-testid="portal-nav-consents">
                  {t('portal.nav.consents')}
                </Link>
                <Link to={paths.portalMessages()} className={navClass(page === 'messages')} data-testid="portal-nav-messages">
                  {t('portal.nav.messages')}
                </Link>
                <Link to={paths.portalComplaints()} className={navClass(page === 'complaints')} data-testid="portal-nav-complaints">
                  {t('portal.nav.complaints')}
                </Link>
                <Link to={paths.portalAgreements()} className={navClass(page === 'agreements')} data-testid="portal-nav-agreements">
                  {t('portal.nav.agreements')}
                </Link>
              </>
            )}
          </nav>
          <LanguageSwitch tone="light" />
          {user && (
            <div className="portal-user" data-testid="portal-user">
              <span className="portal-user__name" data-testid="portal-user-name">
                {t('portal.greeting', { name: user.displayName })}
              </span>
              <button type="button" className="button button--small button--secondary" onClick={() => void signOut()} data-testid="portal-sign-out">
                {t('portal.signOut')}
              </button>
            </div>
          )}
        </div>
      </header>
      <main className="portal-main">{children}</main>
    </div>
  );
}
