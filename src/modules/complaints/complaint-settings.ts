import type { AppDeps } from '../../platform/app-deps.ts';
import { DEFAULT_ROUTING_RULES, type ComplaintRoutingRules } from './routing/route-complaint.ts';

/** How long before a deadline the handler is warned (LoanDesk policy, not a regulatory number). */
export type DeadlineWarningLeads = { firstHandlingHours: number; decisionDays: number };
export const DEFAULT_WARNING_LEADS: DeadlineWarningLeads = { firstHandlingHours: 4, decisionDays: 3 };

export type ComplaintSettings = {
  routing: ComplaintRoutingRules;
  warningLeads: DeadlineWarningLeads;
  /** Where borrowers reach the web app (for links in SMS); default the server's own address. */
  publicBaseUrl: string;
};

/**
 * The complaint settings in force. An install overrides them through `config.complaints`
 * (`{ routing?, warningLeads? }`), which the platform config may carry; without it the defaults hold.
 */
export function complaintSettings(deps: Pick<AppDeps, 'config'>): ComplaintSettings {
  const override = (deps.config as { complaints?: Partial<ComplaintSettings> }).complaints;
  return {
    routing: override?.routing ?? DEFAULT_ROUTING_RULES,
    warningLeads: { ...DEFAULT_WARNING_LEADS, ...override?.warningLeads },
    publicBaseUrl: (override?.publicBaseUrl ?? `http://${deps.config.host}:${deps.config.port}`).replace(/\/+$/, ''),
  };
}
