/** The analytics API (数据分析) for the console, on the shared requester pattern of client.ts. */
import { createRequester, UNAUTHENTICATED_EVENT, withQuery } from './client.ts';
import type { AnalyticsPeriodQuery, CollectionsAnalytics, ComplaintAnalytics } from './analytics-types.ts';

// Only GETs here: no CSRF token is needed, so this requester does not share the console's token.
const request = createRequester({ csrfToken: () => null, unauthenticatedEvent: UNAUTHENTICATED_EVENT });

/** GET /api/analytics/collections */
export function collectionsAnalytics(query: AnalyticsPeriodQuery, signal?: AbortSignal): Promise<CollectionsAnalytics> {
  return request<CollectionsAnalytics>('GET', withQuery('/api/analytics/collections', query), { signal });
}

/** GET /api/analytics/complaints */
export function complaintAnalytics(query: AnalyticsPeriodQuery, signal?: AbortSignal): Promise<ComplaintAnalytics> {
  return request<ComplaintAnalytics>('GET', withQuery('/api/analytics/complaints', query), { signal });
}

/** The download address of the period's statistics as CSV (a plain link; the export is audited server-side). */
export function analyticsCsvHref(query: AnalyticsPeriodQuery): string {
  return withQuery('/api/analytics/report.csv', query);
}
