/**
 * Complaints (投诉): intake from every channel, classification, the time-limit clock (./rules),
 * handling, decision and closure. Other modules use complaintsRoutes (mounted by create-app) and
 * enableComplaintEmailIntake (e-mail to COMPLAINTS_EMAIL_ADDRESS opens a complaint).
 */
export { complaintsRoutes } from './complaints.routes.ts';
export { enableComplaintEmailIntake, handleComplaintEmail } from './inbound/complaint-email-intake.ts';
export { openComplaint, type OpenComplaintInput, type OpenComplaintResult } from './use-cases/open-complaint.ts';
export { getComplaint, listComplaints, listOwnComplaints } from './complaints.queries.ts';
export * from './complaints.schema.ts';
/** The 15-minute deadline watcher (registered as a job elsewhere): warnings before, escalation on breach. */
export { watchComplaintDeadlines, type WatchDeadlinesResult } from './deadlines/watch-complaint-deadlines.ts';
export { routeComplaint, DEFAULT_ROUTING_RULES, type ComplaintRoutingRules } from './routing/route-complaint.ts';
export { complaintSettings, DEFAULT_WARNING_LEADS, type ComplaintSettings } from './complaint-settings.ts';
