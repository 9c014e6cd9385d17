import { ErrorBoundary } from './error-boundary.tsx';
import { lazyChunk } from './lazy-chunk.ts';
import { PageLoading } from './page-loading.tsx';
import { Providers } from './providers.tsx';
import { useLocationHref, matchRoute, paths, type Route } from './router.tsx';
import { useI18n } from '../i18n/i18n.tsx';

// The borrower portal and the survey link page are their own chunks: a borrower on a phone does not
// download the staff console, and staff do not download the portal.
const PortalApp = lazyChunk<{ route: Extract<Route, { name: 'portal' }> }>(() => import('../features/portal/portal-app.tsx'), 'PortalApp');
const PublicSurveyPage = lazyChunk<{ token: string }>(() => import('../features/complaints/public-survey-page.tsx'), 'PublicSurveyPage');
const StaffConsole = lazyChunk<{ route: Exclude<Route, { name: 'portal' | 'survey' }> }>(() => import('./staff-console.tsx'), 'StaffConsole');

/** /portal/* is the borrower portal (own session cookie, layout and sign-in); everything else the staff console. */
function Routes() {
  const { t } = useI18n();
  const route = matchRoute(useLocationHref());
  // A part that cannot load shows the error screen, never a blank page.
  const back = route.name === 'portal' ? { to: paths.portalLoans(), label: t('portal.backToLoans') } : undefined;
  return (
    <ErrorBoundary key={route.name === 'portal' ? 'portal' : route.name === 'survey' ? 'survey' : 'console'} back={back}>
      <PageLoading>
        {route.name === 'portal' ? <PortalApp route={route} /> : route.name === 'survey' ? <PublicSurveyPage token={route.token} /> : <StaffConsole route={route} />}
      </PageLoading>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <Providers>
      <Routes />
    </Providers>
  );
}
