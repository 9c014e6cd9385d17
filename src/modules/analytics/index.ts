/**
 * Collections and complaint analytics (数据分析): aggregates over a period, charts in the console,
 * and the regulatory CSV export. See ./README.md.
 */
export { analyticsRoutes } from './analytics.routes.ts';
export { collectionsAnalytics } from './collections-analytics.queries.ts';
export { complaintAnalytics } from './complaint-analytics.queries.ts';
