/**
 * The catalogue of audit actions: every state change and every access to personal data or evidence
 * is recorded under one of these names (PIPL art. 51–55 accountability; the CBIRC/NFRA rules on
 * consumer-protection records expect "who did what, when and why" to be retrievable in a dispute).
 *
 * WARNING: audit rows are append-only and hashed. `before` / `after` are stored JSON; when the shape
 * of an entity written here changes, old rows keep the old shape forever. Add a new field rather
 * than renaming one, and document shape changes in a migration note — never rewrite stored events
 * (that would break the hash chain, which is the point).
 *
 * Later modules extend the list (communications.*, collections.*, complaints.*…): add the name and
 * a one-line doc here; the type check then accepts it everywhere.
 */
export const AUDIT_ACTIONS = {
  // Customers and their contact data
  'customer.created': 'A customer was created (import or by hand)',
  'customer.updated': 'Customer master data changed',
  'customer.relationship-manager.changed': 'The customer was reassigned to another relationship manager',
  'customer.visit-opt-out.changed': 'The customer refused or re-accepted follow-up visits (with the reason)',
  'contact-point.added': 'A phone, e-mail or address was added',
  'contact-point.updated': 'A contact point changed',
  'contact-point.marked-wrong': 'A contact point was marked wrong / unreachable',
  'contact-point.verified': 'A contact point was verified with the customer',
  'consent.granted': 'The customer granted a consent (PIPL art. 14)',
  'consent.withdrawn': 'The customer withdrew a consent (PIPL art. 15)',
  'personal-data.unmasked': 'A staff member revealed a masked personal field, with a reason',
  // Staff accounts
  'user.created': 'A staff account was created',
  'user.disabled': 'A staff account was disabled',
  'user.enabled': 'A staff account was re-enabled',
  'user.role.changed': "A staff member's role changed",
  'user.login.succeeded': 'A staff member signed in',
  'user.login.failed': 'A sign-in attempt failed',
  'user.locked': 'An account was locked after repeated failed sign-ins',
  'user.password.changed': 'A password was changed or reset',
  'user.logout': 'A staff member signed out',
  // Data exchange
  'import.completed': 'A core-banking import run finished (counts in `after`)',
  // Evidence chain of custody
  'evidence.uploaded': 'A file was received, hashed and stored',
  'evidence.viewed': "Someone opened an evidence item's metadata",
  'evidence.downloaded': "Someone downloaded an evidence file's content",
  'evidence.linked': 'An evidence item was linked to a customer, loan or case',
  'evidence.exported': 'Evidence was included in an export bundle (escalation report, court filing)',
  'evidence.removed-by-retention': 'A file was deleted because its retention period ended (metadata kept)',
  // The audit trail itself
  'audit.exported': 'Audit events were exported (filters in `after`)',
  'analytics.exported': 'The period statistics were exported as CSV for regulatory reporting (period and line count in `after`)',
  // Communications hub and contact compliance (src/modules/communications, src/modules/compliance/context)
  'communications.sent': 'An outbound SMS / e-mail / portal message / letter was handed to its provider',
  'communications.blocked': 'The compliance engine refused an outbound message (at queue or at send time); denials in `after`',
  'communications.queued': 'A message was rendered, checked and written to the outbox (notBefore when delayed by contact hours)',
  'communications.failed': 'A message failed for good (permanent provider error or retries exhausted)',
  'communications.delivery-status': "The provider reported a message delivered or failed",
  'contact.logged': 'A phone call, field visit or video call was logged with its outcome',
  'contact.refused': 'A proposed contact (call, visit, check) was refused by the compliance engine; denials in `after`',
  'contact.opted-out': 'The customer opted out of a channel (e.g. an SMS reply TD / 退订 / STOP)',
  'contact.inbound': 'A reply from the customer (SMS or e-mail) was received and attached to the timeline',
  'contact-hold.opened': 'Collection contact was paused (complaint on collection conduct, fraud incident, dispute, legal hold)',
  'contact-hold.closed': 'A contact pause ended',
  'contact-flag.changed': 'A hardship, bereavement or vulnerability flag was set or cleared',
  'compliance.override.granted': 'A supervisor overrode an overridable compliance refusal, with a reason',
  'template.created': 'A message template was created (with its first draft version)',
  'template.version.created': 'A new draft version of a message template was written',
  'template.version.submitted': 'A template version passed the wording check and awaits approval',
  'template.version.approved': 'A compliance reviewer (not the author) approved a template version',
  'template.version.retired': 'A template version was retired and can no longer be used to send',
  // Collections
  'collections.daily-run.batch': 'One batch of the daily collections run committed (phase and counts in `after`)',
  'jobs.run-requested': 'A staff member started a job on demand, e.g. the daily run for a date (job name, data and job id in `after`)',
  'collections.promise-to-pay.recorded': 'A promise to pay was recorded on a collection case',
  'collections.outcome.logged': 'An agent logged a call outcome on a collection case (outcome, willingness, hardship reason)',
  'collections.agreement.proposed': 'A written repayment agreement (grace period, instalment plan, restructuring) was proposed',
  'collections.agreement.approved': 'A supervisor approved a repayment agreement that needed approval',
  'collections.agreement.confirmed': "The borrower confirmed a repayment agreement; the loan's future schedule was replaced",
  'collections.agreement.declined': 'The borrower declined a repayment agreement',
  'collections.agreement.expired': 'A repayment agreement offer lapsed unconfirmed',
  'collections.legal-referral.proposed': 'A legal or external-agency referral package (evidence chain) was assembled and proposed for supervisor approval',
  'collections.legal-referral.approved': 'A supervisor approved a legal or external-agency referral package (never their own proposal)',
  'collections.legal-referral.rejected': 'A supervisor rejected a legal or external-agency referral package, with a reason',
  'collections.strategy.draft-saved': 'A collections strategy draft version was created or edited (definition in `after`)',
  'collections.strategy.activated': 'A strategy version became the active (champion) strategy; the previous active version was retired',
  'collections.strategy.retired': 'A strategy version was retired (no run uses it; it may be activated again as a rollback)',
  'collections.strategy.default-installed': 'The built-in default strategy was stored as version 1 (active) because none was stored',
  'collections.experiment.started': 'A champion / challenger experiment started (share and guardrail margins in `after`)',
  'collections.experiment.stopped': 'A champion / challenger experiment was stopped by a supervisor, with a reason',
  'collections.experiment.stopped-by-guardrail': 'The guardrail stopped a challenger whose complaint or opt-out rate exceeded the margin (figures in `after`)',
  'collections.experiment.ended': 'An experiment ended because its champion was replaced by another active version',
  'complaint.opened': 'A complaint was received and registered (reference number, channel, suggestion, possible duplicates in `after`)',
  'complaint.classified': 'A handler confirmed or corrected the category and severity suggested by the classifier',
  'complaint.first-handled': 'First handling (初步处理) of a complaint was recorded',
  'complaint.extended': 'The decision period of a complaint was extended (days, approver)',
  'complaint.paused': 'The complaint clock was paused for an external appraisal, test or evaluation',
  'complaint.resumed': 'A paused complaint clock resumed',
  'complaint.merged': 'A repeat complaint with no new facts was merged into the original',
  'complaint.new-facts': 'New facts or reasons were recorded on an undecided complaint (the clock restarts)',
  'complaint.decided': 'A decision (outcome and remedies) was made on a complaint',
  'complaint.closed': 'A complaint was closed (contact hold ended, satisfaction survey left pending)',
  'complaint.reopened': 'A closed complaint was reopened',
  'complaint.review-requested': 'The complainant asked for a review of the decision',
  'complaint.reassigned': 'A complaint was given to another handler',
  'complaint.survey-answered': 'The complainant answered the satisfaction survey (score and channel in `after`)',
  'complaint.routed': 'A new complaint was given a handler by the routing rules (category, branch, workload; candidates in `after`)',
  'complaint.response-letter-issued': 'The final response letter (PDF, zh + en) was generated and stored as evidence',
  'complaints.deadline.breached': 'The watcher found a complaint time limit (first handling or decision) passed without the act',
  'complaints.deadline.escalated': 'A breached complaint time limit was escalated to the branch supervisors (notified ids in `after`)',
  // Public opinion (舆情, src/modules/public-opinion)
  'public-opinion.imported': 'Public mentions were imported (file or webhook; counts in `after`)',
  'public-opinion.mention.reviewed': 'A public mention was marked reviewed',
  'public-opinion.mention.dismissed': 'A public mention was dismissed (not about us, spam, duplicate)',
  'public-opinion.complaint-opened': 'A complaint was opened from a public mention and linked to it',
  'public-opinion.alert.raised': 'A spike of negative public mentions raised an alert (window, count, baseline in `after`)',
  'public-opinion.alert.acknowledged': 'A public-opinion spike alert was acknowledged',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}
