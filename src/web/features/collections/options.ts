/** The workbench's enums (mirrors of the server's; kept here so no server code is bundled). */
export const OUTCOMES = ['reached', 'no-answer', 'wrong-number', 'refused', 'promise-to-pay', 'dispute', 'hardship'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const HARDSHIP_REASONS = ['income-loss', 'illness', 'business-failure', 'other'] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];
export const WILLINGNESS = ['', 'willing-but-unable', 'unwilling'] as const;
export type Willingness = (typeof WILLINGNESS)[number];
export const ARRANGEMENT_KINDS = ['instalment-plan', 'grace-period', 'restructuring'] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];
export const ARREARS_CHARGES = ['capitalize', 'waive', 'first-instalment'] as const;
export const GRACE_INTEREST = ['accrue', 'waive'] as const;
/** Where staff learned a contact point ('portal' is the borrower's own self-service). */
export const STAFF_SOURCES = ['customer', 'agent', 'field-visit', 'public-record', 'third-party-lookup', 'core-banking'] as const;
export type StaffSource = (typeof STAFF_SOURCES)[number];
export const CONTACT_KINDS = ['phone', 'email', 'address'] as const;
export const RELATIONSHIPS = ['self', 'emergency-contact', 'spouse', 'relative', 'colleague', 'guarantor', 'other'] as const;
export const REFERRAL_KINDS = ['legal', 'external-agency'] as const;
