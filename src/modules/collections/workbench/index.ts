/** The agent workbench (queue, call outcomes) and written repayment agreements: routes for create-app. */
import type { AppDeps } from '../../../platform/app-deps.ts';
import { createRouter } from '../../../platform/http/openapi-router.ts';
import { agreementsRoutes } from '../agreements/agreements.routes.ts';
import { workbenchRoutes } from './workbench.routes.ts';
import { legalReferralRoutes } from '../legal-referral/legal-referral.routes.ts';

export function collectionsWorkbenchRoutes(deps: AppDeps) {
  return createRouter().route('/', workbenchRoutes(deps)).route('/', agreementsRoutes(deps)).route('/', legalReferralRoutes(deps));
}
