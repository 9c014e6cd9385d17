import { useState, type ReactNode } from 'react';
import { homePath } from './landing.ts';
import { Link, paths, useRoute } from './router.tsx';
import { useSession } from './session.tsx';
import { ChangePasswordDialog } from '../features/auth/change-password-dialog.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { state, signOut, can } = useSession();
  const route = useRoute();
  const [changingPassword, setChangingPassword] = useState(false);
  const user = state.status === 'signed-in' ? state.session.user : null;
  const navClass = (active: boolean) => (active ? 'topbar__link topbar__link--active' : 'topbar__link');
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__inner">
          <Link to={user ? homePath(user) : paths.search()} className="brand" data-testid="brand">
            <span className="brand__mark" aria-hidden="true">L</span>
            <span className="brand__name">{t('app.brand')}</span>
            <span className="brand__latin">{t('app.brandLatin')}</span>
          </Link>
          <nav className="topbar__nav">
            {user && can('customers.read') && (
              <Link to={paths.search()} className={navClass(route.name === 'search' || route.name === 'customer')} data-testid="nav-search">
                {t('nav.search')}
              </Link>
            )}
            {user && can('collections.work') && (
              <Link to={paths.collections()} className={navClass(route.name === 'collections' || route.name === 'collection-case' || route.name === 'collection-approvals')} data-testid="nav-collections">
                {t('nav.collections')}
              </Link>
            )}
            {user && can('complaints.read') && (
              <Link to={paths.complaints()} className={navClass(route.name === 'complaints' || route.name === 'complaint')} data-testid="nav-complaints">
                {t('nav.complaints')}
              </Link>
            )}
            {user && can('templates.read') && (
              <Link to={paths.templates()} className={navClass(route.name === 'templates' || route.name === 'template')} data-testid="nav-templates">
                {t('nav.templates')}
              </Link>
            )}
            {user && can('audit.read') && (
              <Link to={paths.audit()} className={navClass(route.name === 'audit')} data-testid="nav-audit">
                {t('nav.audit')}
              </Link>
            )}
            {user && can('imports.read') && (
              <Link to={paths.imports()} className={navClass(route.name === 'imports')} data-testid="nav-imports">
                {t('nav.imports')}
              </Link>
            )}
            {user && can('public-opinion.read') && (
              <Link to={paths.publicOpinion()} className={navClass(route.name === 'public-opinion')} data-testid="nav-public-opinion">
                {t('nav.publicOpinion')}
              </Link>
            )}
            {user && can('collections.strategies.read') && (
              <Link to={paths.strategies()} className={navClass(route.name === 'strategies' || route.name === 'strategy')} data-testid="nav-strategies">
                {t('nav.strategies')}
              </Link>
            )}
            {user && can('analytics.read') && (
              <Link to={paths.analytics()} className={navClass(route.name === 'analytics')} data-testid="nav-analytics">
                {t('nav.analytics')}
              </Link>
            )}
            {user && can('jobs.read') && (
              <Link to={paths.operations()} className={navClass(route.name === 'operations')} data-testid="nav-operations">
                {t('nav.operations')}
              </Link>
            )}
            {user && can('users.manage') && (
              <Link to={paths.users()} className={navClass(route.name === 'users')} data-testid="nav-users">
                {t('nav.users')}
              </Link>
            )}
            <a href="/api/docs" className="topbar__link" target="_blank" rel="noreferrer" data-testid="api-docs-link">
              {t('nav.apiDocs')}
            </a>
          </nav>
          <LanguageSwitch />
          {user && <NotificationBell />}
          {user && (
            <div className="user-menu" data-testid="user-menu">
              <span className="user-menu__who" title={`${t('user.signedInAs')} ${user.employeeCode}`}>
                <span className="user-menu__name" data-testid="user-name">
                  {user.displayName}
                </span>
                <span className="user-menu__role">{t(`role.${user.role}`)}</span>
              </span>
              <button type="button" className="user-menu__signout" onClick={() => setChangingPassword(true)} data-testid="change-password">
                {t('password.open')}
              </button>
              <button type="button" className="user-menu__signout" onClick={() => void signOut()} data-testid="sign-out">
                {t('user.signOut')}
              </button>
            </div>
          )}
        </div>
      </header>
      <main className="main">{children}</main>
      {user && changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </div>
  );
}
