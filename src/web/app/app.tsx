import { lazy } from 'react';
import { Providers } from './providers.tsx';
import { useLocationHref, matchRoute } from './router.tsx';
import { PageLoading } from './page-loading.tsx';

// The borrower portal and the survey link page are their own chunks: a borrower on a phone does not
// download the staff console, and staff do not download the portal.
const PortalApp = lazy(async () => ({ default: (await import('../features/portal/portal-app.tsx')).PortalApp }));
const PublicSurveyPage = lazy(async () => ({ default: (await import('../features/complaints/public-survey-page.tsx')).PublicSurveyPage }));
const StaffConsole = lazy(async () => ({ default: (await import('./staff-console.tsx')).StaffConsole }));

/** /portal/* is the borrower portal (own session cookie, layout and sign-in); everything else the staff console. */
function Routes() {
  const route = matchRoute(useLocationHref());
  return (
    <PageLoading>
      {route.name === 'portal' ? <PortalApp route={route} /> : route.name === 'survey' ? <PublicSurveyPage token={route.token} /> : <StaffConsole route={route} />}
    </PageLoading>
  );
}

export function App() {
  return (
    <Providers>
      <Routes />
    </Providers>
  );
}
