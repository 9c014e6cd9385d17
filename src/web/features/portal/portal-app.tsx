import { useEffect } from 'react';
import { ErrorBoundary } from '../../app/error-boundary.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, navigate, paths, type Route } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { PortalConsentsPage } from './portal-consents-page.tsx';
import { PortalLayout } from './portal-layout.tsx';
import { PortalLoansPage } from './portal-loans-page.tsx';
import { PortalLoginPage } from './portal-login-page.tsx';
import { PortalMessagesPage } from './portal-messages-page.tsx';
import { PortalSessionProvider, usePortalSession } from './portal-session.tsx';

import { PortalComplaintsPage } from './portal-complaints-page.tsx';
import { PortalAgreementsPage } from './portal-agreements-page.tsx';

type PortalRoute = Extract<Route, { name: 'portal' }>;

function PortalTitle() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('portal.title')} · ${t('app.brandLatin')}`;
  }, [t]);
  return null;
}

function PortalPages({ route }: { route: PortalRoute }) {
  const { t } = useI18n();
  const { state, recheck } = usePortalSession();

  // /portal/login while signed in: go to the loans page.
  useEffect(() => {
    if (state.status === 'signed-in' && route.page === 'login') navigate(paths.portalLoans(), { replace: true });
  }, [state.status, route.page]);

  switch (state.status) {
    case 'checking':
      return <Loading label={t('portal.checking')} testId="portal-checking" />;
    case 'error':
      return (
        <div className="portal-page">
          <ProblemAlert error={state.error} onRetry={recheck} testId="portal-session-error" />
        </div>
      );
    case 'signed-out':
      return (
        <PortalLoginPage
          expired={state.expired}
          onSignedIn={() => {
            if (route.page === 'login') navigate(paths.portalLoans(), { replace: true });
          }}
        />
      );
    case 'signed-in':
      return (
        <ErrorBoundary key={route.page} back={{ to: paths.portalLoans(), label: t('portal.backToLoans') }}>
          {route.page === 'consents' ? (
            <PortalConsentsPage />
          ) : route.page === 'messages' ? (
            <PortalMessagesPage />
          ) : route.page === 'complaints' ? (
            <PortalComplaintsPage />
          ) : route.page === 'agreements' ? (
            <PortalAgreementsPage />
          ) : route.page === 'loans' || route.page === 'login' ? (
            <PortalLoansPage />
          ) : (
            <div className="portal-page" data-testid="portal-not-found">
              <EmptyState icon="404" title={t('portal.notFound')} hint={<Link to={paths.portalLoans()}>{t('portal.backToLoans')}</Link>} />
            </div>
          )}
        </ErrorBoundary>
      );
  }
}

/** The borrower portal: its own session provider, layout and pages; it never reads the staff session. */
export function PortalApp({ route }: { route: PortalRoute }) {
  return (
    <PortalSessionProvider>
      <PortalTitle />
      <PortalLayout page={route.page}>
        <PortalPages route={route} />
      </PortalLayout>
    </PortalSessionProvider>
  );
}
