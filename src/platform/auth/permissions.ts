import type { StaffRole } from './staff.schema.ts';

/**
 * The one permission table. Routes declare the permission they need (see secure-route.ts); the
 * docs matrix (docs/permissions.md) and the role × route test are generated from this file.
 * Least privilege (PIPL art. 51): administrators manage accounts but do not read borrower data;
 * nobody sees unmasked personal data without either `personal-data.view` or an audited unmask.
 */
export const PERMISSIONS = {
  'customers.read': 'Search customers and open the customer page (within data scope)',
  'customers.consents.manage': 'Record a consent grant or withdrawal on behalf of a customer',
  'personal-data.view': 'See phone numbers and e-mail addresses unmasked',
  'personal-data.unmask': 'Reveal one masked field on demand, with a reason (audited)',
  'loans.read': 'See loans, schedules, payments and days past due (within data scope)',
  'imports.run': 'Import customers, contacts, loans, schedules and repayments from the core banking system',
  'imports.read': 'See import runs and their rejection reports',
  'users.manage': 'Create, disable and list staff accounts',
  'audit.read': 'View, export and verify the audit trail',
  'evidence.read': 'List, view and download evidence (within data scope)',
  'evidence.upload': 'Upload evidence and link it to customers, loans and cases',
  'communications.send': 'Send messages to customers, check a proposed contact, log calls and field visits (compliance-checked)',
  'communications.read': "See a customer's messages, contact log, contactability and compliance refusals",
  'templates.read': 'List message templates and their versions (to choose one for sending or review)',
  'templates.manage': 'Create message templates and versions, submit them for approval, retire them',
  'templates.approve': 'Approve a submitted template version (compliance; never the author)',
  'compliance.override': 'Override an overridable contact-compliance refusal, and place or lift a dispute or legal hold on collection contact, each with a reason (audited)',
  'complaints.intake': 'Record a complaint received by phone, at the counter, by letter or from the regulator',
  'complaints.read': 'List complaints and see their time limits (within data scope)',
  'complaints.handle': 'Classify, handle, extend, pause, decide, close, reopen and reassign complaints',
  'public-opinion.read': 'See public-opinion (舆情) mentions, their sentiment and matches, and spike alerts',
  'public-opinion.manage': 'Import mentions, mark them reviewed or dismissed, open a complaint from one, acknowledge alerts',
  'collections.work': 'Work the collections queue: log call outcomes, promises, disputes and hardship; quote and propose repayment agreements (within data scope)',
  'collections.approve': 'Approve a repayment agreement that needs a supervisor, and legal or external-agency referral proposals (never one they proposed)',
  'collections.strategies.read': 'See collection strategies, their versions, simulations and champion/challenger reports',
  'collections.strategies.manage': 'Draft, validate, simulate and activate collection strategies; start and stop champion/challenger experiments',
  'analytics.read': 'See portfolio analytics for collections and complaints (aggregates, no personal data)',
  'reports.export': 'Export the period statistics for regulatory reporting (CSV)',
  'jobs.read': 'See the scheduled jobs and the records of daily runs (counts, duration, errors)',
  'jobs.run': 'Start a daily run or another scheduled job on demand',
} as const;
export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  // Administrators keep templates (the domain guide: "users, roles, templates, policies") but read no borrower data.
  administrator: ['users.manage', 'imports.run', 'imports.read', 'templates.read', 'templates.manage', 'jobs.read', 'jobs.run'],
  supervisor: ['customers.read', 'customers.consents.manage', 'personal-data.view', 'personal-data.unmask', 'loans.read', 'imports.read', 'evidence.read', 'evidence.upload', 'communications.send', 'communications.read', 'templates.read', 'templates.manage', 'compliance.override', 'complaints.intake', 'complaints.read', 'complaints.handle', 'collections.work', 'collections.approve', 'public-opinion.read', 'public-opinion.manage', 'collections.strategies.read', 'collections.strategies.manage', 'analytics.read', 'reports.export', 'jobs.read', 'jobs.run'],
  collector: ['customers.read', 'personal-data.unmask', 'loans.read', 'evidence.read', 'evidence.upload', 'communications.send', 'communications.read', 'templates.read', 'complaints.intake', 'collections.work', 'collections.strategies.read'],
  'relationship-manager': ['customers.read', 'customers.consents.manage', 'personal-data.view', 'personal-data.unmask', 'loans.read', 'evidence.read', 'evidence.upload', 'communications.send', 'communications.read', 'templates.read', 'complaints.intake'],
  'complaint-handler': ['customers.read', 'customers.consents.manage', 'personal-data.unmask', 'loans.read', 'evidence.read', 'evidence.upload', 'communications.send', 'communications.read', 'templates.read', 'complaints.intake', 'complaints.read', 'complaints.handle', 'public-opinion.read', 'public-opinion.manage', 'analytics.read'],
  'risk-officer': ['customers.read', 'personal-data.unmask', 'loans.read', 'evidence.read', 'evidence.upload', 'imports.read', 'communications.read', 'templates.read', 'collections.strategies.read', 'analytics.read', 'jobs.read'],
  'compliance-auditor': ['customers.read', 'personal-data.unmask', 'loans.read', 'audit.read', 'evidence.read', 'imports.read', 'communications.read', 'templates.read', 'templates.approve', 'public-opinion.read', 'collections.strategies.read', 'analytics.read', 'reports.export', 'jobs.read'],
};

export function roleHas(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Which customers a role sees. `branch` widens to every branch for head-office staff (no branch).
 * Collectors see the accounts assigned to them or their team; relationship managers their own book
 * (客户经理责任制).
 */
export type DataScope = 'all' | 'branch' | 'assigned' | 'own-book' | 'none';
export const ROLE_DATA_SCOPE: Record<StaffRole, DataScope> = {
  administrator: 'none',
  supervisor: 'branch',
  collector: 'assigned',
  'relationship-manager': 'own-book',
  'complaint-handler': 'branch',
  'risk-officer': 'branch',
  'compliance-auditor': 'all',
};
