import type { AppDeps } from '../../platform/app-deps.ts';
import { DEFAULT_ROUTING_RULES, type ComplaintRoutingRules } from './routing/route-complaint.ts';

/** How long before a deadline the handler is warned (LoanDesk policy, not a regulatory number). */
export type DeadlineWarningLeads = { firstHandlingHours: number; decisionDays: number };

/** The defaults of COMPLAINT_WARN_FIRST_HANDLING_HOURS / COMPLAINT_WARN_DECISION_DAYS. */
export const DEFAULT_WARNING_LEADS: DeadlineWarningLeads = { firstHandlingHours: 4, decisionDays: 3 };

export type ComplaintSettings = {
  routing: ComplaintRoutingRules;
  warningLeads: DeadlineWarningLeads;
  /** Where borrowers reach the web app (for links in SMS); default the server's own address. */
  publicBaseUrl: string;
};

/**
 * The complaint settings in force: warning leads and the public address come from the platform
 * config (COMPLAINT_WARN_*, PUBLIC_BASE_URL); the routing rules are the code defaults (a routing
 * editor is future work — see routing/route-complaint.ts for the rule shape).
 */
export function complaintSettings(deps: Pick<AppDeps, 'config'>): ComplaintSettings {
  return {
    routing: DEFAULT_ROUTING_RULES,
    warningLeads: deps.config.complaints.warningLeads,
    publicBaseUrl: deps.config.publicBaseUrl,
  };
}
