/** Analytics response types, from the server's zod contracts (type-only: nothing server-side is bundled). */
import type { z } from 'zod';
import type {
  AnalyticsPeriodQuery as AnalyticsPeriodQuerySchema,
  CollectionsAnalytics as CollectionsAnalyticsSchema,
  ComplaintAnalytics as ComplaintAnalyticsSchema,
} from '../../modules/analytics/analytics.contract.ts';

export type AnalyticsPeriodQuery = z.input<typeof AnalyticsPeriodQuerySchema>;
export type CollectionsAnalytics = z.infer<typeof CollectionsAnalyticsSchema>;
export type ComplaintAnalytics = z.infer<typeof ComplaintAnalyticsSchema>;
export type AnalyticsRate = CollectionsAnalytics['promises']['keptRate'];
export type RollRateMatrix = CollectionsAnalytics['rollRates'][number];
