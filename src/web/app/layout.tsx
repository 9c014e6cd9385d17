import type { ReactNode } from 'react';
import { Link, paths } from './router.tsx';
import { useSession } from './session.tsx';
import { LOCALES, useI18n } from '../i18n/i18n.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { state, signOut } = useSession();
  const user = state.status === 'signed-in' ? state.session.user : null;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__inner">
          <Link to={paths.search()} className="brand" data-testid="brand">
            <span className="brand__mark" aria-hidden="true">L</span>
            <span className="brand__name">{t('app.brand')}</span>
            <span className="brand__latin">{t('app.brandLatin')}</span>
          </Link>
          <nav className="topbar__nav">
            {user && (
              <Link to={paths.search()} className="topbar__link">
                {t('nav.search')}
              </Link>
            )}
            <a href="/api/docs" className="topbar__link" target="_blank" rel="noreferrer" data-testid="api-docs-link">
              {t('nav.apiDocs')}
            </a>
          </nav>
          <div className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="language-switch">
            {LOCALES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                className={l === locale ? 'lang-switch__option lang-switch__option--active' : 'lang-switch__option'}
                aria-pressed={l === locale}
                data-testid={`lang-${l}`}
                onClick={() => setLocale(l)}
              >
                {l === 'zh-CN' ? t('lang.zh') : t('lang.en')}
              </button>
            ))}
          </div>
          {user && (
            <div className="user-menu" data-testid="user-menu">
              <span className="user-menu__who" title={`${t('user.signedInAs')} ${user.employeeCode}`}>
                <span className="user-menu__name" data-testid="user-name">
                  {user.displayName}
                </span>
                <span className="user-menu__role">{t(`role.${user.role}`)}</span>
              </span>
              <button type="button" className="user-menu__signout" onClick={() => void signOut()} data-testid="sign-out">
                {t('user.signOut')}
              </button>
            </div>
          )}
        </div>
      </header>
      <main className="main">{children}</main>
    </div>
  );
}
