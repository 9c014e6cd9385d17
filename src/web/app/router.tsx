/**
 * A tiny router on the History API: a handful of routes does not justify a dependency.
 * `navigate` pushes a history entry and notifies subscribers; back/forward arrive as popstate.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  /** q is null before any search, '' when an empty search was submitted. */
  | { name: 'search'; q: string | null }
  | { name: 'customer'; customerId: string }
  /** search: the filters as a query string (?action=…&from=…), so a filtered view can be bookmarked. */
  | { name: 'audit'; search: string }
  /** Message templates: the list, and one template with its versions. */
  | { name: 'templates' }
  | { name: 'template'; templateId: string }
  /** Administration: staff accounts; data imports from the core banking system. */
  | { name: 'users' }
  | { name: 'imports' }
  /** 舆情监测: public mentions, spike alerts, complaints opened from mentions. */
  | { name: 'public-opinion' }
  /** 作业调度: the job schedule, daily-run records, run the daily run now. */
  | { name: 'operations' }
  /** Complaints (投诉): the list (search: the filters as a query string) and one complaint. */
  | { name: 'complaints'; search: string }
  | { name: 'complaint'; complaintId: string }
  /** The satisfaction survey behind the SMS link: no session, the token is the credential. */
  | { name: 'survey'; token: string }
  /** The borrower portal: its own session, layout and pages, under /portal. */
  | { name: 'portal'; page: PortalPage; path: string }
  /** 催收策略: versions and experiments; one version with its editor. */
  | { name: 'strategies' }
  | { name: 'strategy'; versionId: string }
  /** 数据分析: collections or complaint analytics; search: the period (?from=…&to=…). */
  | { name: 'analytics'; page: 'collections' | 'complaints'; search: string }
  /** 催收作业台: the agent's queue, one case's account view, the supervisor's approvals. */
  | { name: 'collections' }
  | { name: 'collection-case'; caseId: string }
  | { name: 'collection-approvals' }
  | { name: 'not-found'; path: string };

export type PortalPage = 'loans' | 'consents' | 'messages' | 'complaints' | 'agreements' | 'login' | 'not-found';

const NAVIGATE_EVENT = 'loandesk:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query string, re-rendering on every navigation. */
export function useLocationHref(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '/');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}

export function matchRoute(href: string): Route {
  const url = new URL(href, 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'search', q: url.searchParams.get('q') };
  const customer = /^\/customers\/([^/]+)$/.exec(path);
  if (customer) return { name: 'customer', customerId: decodeURIComponent(customer[1]!) };
  if (path === '/audit') return { name: 'audit', search: url.search };
  if (path === '/templates') return { name: 'templates' };
  if (path === '/admin/users') return { name: 'users' };
  if (path === '/imports') return { name: 'imports' };
  if (path === '/public-opinion') return { name: 'public-opinion' };
  if (path === '/operations') return { name: 'operations' };
  if (path === '/analytics' || path === '/analytics/collections') return { name: 'analytics', page: 'collections', search: url.search };
  if (path === '/analytics/complaints') return { name: 'analytics', page: 'complaints', search: url.search };
  if (path === '/collections') return { name: 'collections' };
  if (path === '/collections/approvals') return { name: 'collection-approvals' };
  const collectionCase = /^\/collections\/cases\/([^/]+)$/.exec(path);
  if (collectionCase) return { name: 'collection-case', caseId: decodeURIComponent(collectionCase[1]!) };
  if (path === '/collections/strategies') return { name: 'strategies' };
  const strategy = /^\/collections\/strategies\/([^/]+)$/.exec(path);
  if (strategy) return { name: 'strategy', versionId: decodeURIComponent(strategy[1]!) };
  if (path === '/complaints') return { name: 'complaints', search: url.search };
  const complaint = /^\/complaints\/([^/]+)$/.exec(path);
  if (complaint) return { name: 'complaint', complaintId: decodeURIComponent(complaint[1]!) };
  const template = /^\/templates\/([^/]+)$/.exec(path);
  if (template) return { name: 'template', templateId: decodeURIComponent(template[1]!) };
  const survey = /^\/survey\/([^/]+)$/.exec(path);
  if (survey) return { name: 'survey', token: decodeURIComponent(survey[1]!) };
  if (path === '/portal' || path.startsWith('/portal/')) {
    const page: PortalPage =
      path === '/portal' || path === '/portal/loans'
        ? 'loans'
        : path === '/portal/consents'
          ? 'consents'
          : path === '/portal/messages'
            ? 'messages'
            : path === '/portal/complaints'
              ? 'complaints'
              : path === '/portal/agreements'
                ? 'agreements'
              : path === '/portal/login'
              ? 'login'
              : 'not-found';
    return { name: 'portal', page, path: url.pathname };
  }
  return { name: 'not-found', path: url.pathname };
}

export function useRoute(): Route {
  return matchRoute(useLocationHref());
}

export const paths = {
  search: (q?: string) => (q === undefined ? '/' : `/?q=${encodeURIComponent(q)}`),
  customer: (customerId: string) => `/customers/${encodeURIComponent(customerId)}`,
  /** `search` is a query string built by the audit page ('' or '?action=…'). */
  audit: (search = '') => `/audit${search}`,
  templates: () => '/templates',
  template: (templateId: string) => `/templates/${encodeURIComponent(templateId)}`,
  users: () => '/admin/users',
  imports: () => '/imports',
  publicOpinion: () => '/public-opinion',
  operations: () => '/operations',
  collections: () => '/collections',
  collectionCase: (caseId: string) => `/collections/cases/${encodeURIComponent(caseId)}`,
  collectionApprovals: () => '/collections/approvals',
  portalAgreements: () => '/portal/agreements',
  analytics: (page: 'collections' | 'complaints' = 'collections', search = '') => `/analytics/${page}${search}`,
  strategies: () => '/collections/strategies',
  strategy: (versionId: string) => `/collections/strategies/${encodeURIComponent(versionId)}`,
  complaints: (search = '') => `/complaints${search}`,
  complaint: (complaintId: string) => `/complaints/${encodeURIComponent(complaintId)}`,
  portalComplaints: () => '/portal/complaints',
  portalLoans: () => '/portal/loans',
  portalMessages: () => '/portal/messages',
  portalConsents: () => '/portal/consents',
  portalLogin: () => '/portal/login',
};

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (middle-click and ctrl-click still open a new tab) that navigates in-app on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
