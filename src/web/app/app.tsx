import { useEffect } from 'react';
import { ErrorBoundary } from './error-boundary.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { ProblemAlert } from './problem-alert.tsx';
import { Providers, StaffProviders } from './providers.tsx';
import { useLocationHref, matchRoute, type Route } from './router.tsx';
import { useSession } from './session.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { CustomerSearchPage } from '../features/customers/customer-search-page.tsx';
import { CustomerPage } from '../features/customers/customer-page.tsx';
import { TemplatePage } from '../features/templates/template-page.tsx';
import { TemplatesPage } from '../features/templates/templates-page.tsx';
import { PortalApp } from '../features/portal/portal-app.tsx';
import { UsersPage } from '../features/admin/users-page.tsx';
import { ImportsPage } from '../features/imports/imports-page.tsx';
import { PublicOpinionPage } from '../features/public-opinion/public-opinion-page.tsx';
import { OperationsPage } from '../features/operations/operations-page.tsx';
import { CollectionsAnalyticsPage } from '../features/analytics/collections-analytics-page.tsx';
import { ComplaintAnalyticsPage } from '../features/analytics/complaint-analytics-page.tsx';
import { StrategiesPage } from '../features/strategies/strategies-page.tsx';
import { StrategyPage } from '../features/strategies/strategy-page.tsx';
import { NoCustomerAccess } from './no-customer-access.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Loading } from '../ui/states.tsx';

import { ComplaintsPage } from '../features/complaints/complaints-page.tsx';
import { ComplaintPage } from '../features/complaints/complaint-page.tsx';
import { PublicSurveyPage } from '../features/complaints/public-survey-page.tsx';
import { CollectionsQueuePage } from '../features/collections/queue-page.tsx';
import { CollectionCasePage } from '../features/collections/case-page.tsx';
import { CollectionApprovalsPage } from '../features/collections/approvals-page.tsx';

type StaffRoute = Exclude<Route, { name: 'portal' | 'survey' }>;

function Page({ route }: { route: StaffRoute }) {
  const { can } = useSession();
  switch (route.name) {
    case 'search':
      // Roles without customer search (the administrator) get their pages, not the API's 403.
      return can('customers.read') ? <CustomerSearchPage q={route.q} /> : <NoCustomerAccess />;
    case 'customer':
      return can('customers.read') ? <CustomerPage customerId={route.customerId} /> : <NoCustomerAccess />;
    case 'audit':
      return <AuditPage search={route.search} />;
    case 'templates':
      return <TemplatesPage />;
    case 'template':
      return <TemplatePage templateId={route.templateId} />;
    case 'users':
      return <UsersPage />;
    case 'imports':
      return <ImportsPage />;
    case 'public-opinion':
      return <PublicOpinionPage />;
    case 'operations':
      return <OperationsPage />;
    case 'analytics':
      return route.page === 'complaints' ? <ComplaintAnalyticsPage search={route.search} /> : <CollectionsAnalyticsPage search={route.search} />;
    case 'strategies':
      return <StrategiesPage />;
    case 'strategy':
      return <StrategyPage versionId={route.versionId} />;
    case 'complaints':
      return <ComplaintsPage search={route.search} />;
    case 'complaint':
      return <ComplaintPage complaintId={route.complaintId} />;
    case 'collections':
      return <CollectionsQueuePage />;
    case 'collection-case':
      return <CollectionCasePage caseId={route.caseId} />;
    case 'collection-approvals':
      return <CollectionApprovalsPage />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

function DocumentTitle() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('app.brand')} ${t('app.brandLatin')}`;
  }, [t]);
  return null;
}

/** Every console page needs a staff session; without one the sign-in form takes the page's place. */
function AuthGate({ route }: { route: StaffRoute }) {
  const { t } = useI18n();
  const { state, recheck } = useSession();
  switch (state.status) {
    case 'checking':
      return <Loading label={t('session.checking')} testId="session-checking" />;
    case 'error':
      return (
        <div className="page page--narrow">
          <ProblemAlert error={state.error} onRetry={recheck} testId="session-error" />
        </div>
      );
    case 'signed-out':
      return <LoginPage expired={state.expired} />;
    case 'signed-in':
      return (
        // A new key per page, so an error on one page does not stick to the next.
        <ErrorBoundary key={route.name === 'customer' ? `customer:${route.customerId}` : route.name === 'template' ? `template:${route.templateId}` : route.name === 'complaint' ? `complaint:${route.complaintId}` : route.name === 'strategy' ? `strategy:${route.versionId}` : route.name === 'collection-case' ? `collection-case:${route.caseId}` : route.name}>
          <Page route={route} />
        </ErrorBoundary>
      );
  }
}

function StaffConsole({ route }: { route: StaffRoute }) {
  return (
    <StaffProviders>
      <Layout>
        <DocumentTitle />
        <AuthGate route={route} />
      </Layout>
    </StaffProviders>
  );
}

/** /portal/* is the borrower portal (own session cookie, layout and sign-in); everything else the staff console. */
function Routes() {
  const route = matchRoute(useLocationHref());
  if (route.name === 'portal') return <PortalApp route={route} />;
  if (route.name === 'survey') return <PublicSurveyPage token={route.token} />;
  return <StaffConsole route={route} />;
}

export function App() {
  return (
    <Providers>
      <Routes />
    </Providers>
  );
}
