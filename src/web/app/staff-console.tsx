import { useEffect } from 'react';
import { ErrorBoundary } from './error-boundary.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { NoCustomerAccess } from './no-customer-access.tsx';
import { ProblemAlert } from './problem-alert.tsx';
import { StaffProviders } from './providers.tsx';
import type { Route } from './router.tsx';
import { useSession } from './session.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { CustomerSearchPage } from '../features/customers/customer-search-page.tsx';
import { CustomerPage } from '../features/customers/customer-page.tsx';
// The customer page's complaints panel uses the list's parts, so the list travels with it.
import { ComplaintsPage } from '../features/complaints/complaints-page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Loading } from '../ui/states.tsx';
import { PageLoading } from './page-loading.tsx';
import { lazyChunk } from './lazy-chunk.ts';

// Each feature page is its own chunk, loaded when first opened: signing in fetches the shell and
// customer search, not every page of every role.
const AuditPage = lazyChunk<{ search: string }>(() => import('../features/audit/audit-page.tsx'), 'AuditPage');
const TemplatesPage = lazyChunk(() => import('../features/templates/templates-page.tsx'), 'TemplatesPage');
const TemplatePage = lazyChunk<{ templateId: string }>(() => import('../features/templates/template-page.tsx'), 'TemplatePage');
const UsersPage = lazyChunk(() => import('../features/admin/users-page.tsx'), 'UsersPage');
const ImportsPage = lazyChunk(() => import('../features/imports/imports-page.tsx'), 'ImportsPage');
const PublicOpinionPage = lazyChunk(() => import('../features/public-opinion/public-opinion-page.tsx'), 'PublicOpinionPage');
const OperationsPage = lazyChunk(() => import('../features/operations/operations-page.tsx'), 'OperationsPage');
const CollectionsAnalyticsPage = lazyChunk<{ search: string }>(() => import('../features/analytics/collections-analytics-page.tsx'), 'CollectionsAnalyticsPage');
const ComplaintAnalyticsPage = lazyChunk<{ search: string }>(() => import('../features/analytics/complaint-analytics-page.tsx'), 'ComplaintAnalyticsPage');
const StrategiesPage = lazyChunk(() => import('../features/strategies/strategies-page.tsx'), 'StrategiesPage');
const StrategyPage = lazyChunk<{ versionId: string }>(() => import('../features/strategies/strategy-page.tsx'), 'StrategyPage');
const ComplaintPage = lazyChunk<{ complaintId: string }>(() => import('../features/complaints/complaint-page.tsx'), 'ComplaintPage');
const CollectionsQueuePage = lazyChunk(() => import('../features/collections/queue-page.tsx'), 'CollectionsQueuePage');
const CollectionCasePage = lazyChunk<{ caseId: string }>(() => import('../features/collections/case-page.tsx'), 'CollectionCasePage');
const CollectionApprovalsPage = lazyChunk(() => import('../features/collections/approvals-page.tsx'), 'CollectionApprovalsPage');

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
          <PageLoading>
            <Page route={route} />
          </PageLoading>
        </ErrorBoundary>
      );
  }
}

export function StaffConsole({ route }: { route: StaffRoute }) {
  return (
    <StaffProviders>
      <Layout>
        <DocumentTitle />
        <AuthGate route={route} />
      </Layout>
    </StaffProviders>
  );
}

