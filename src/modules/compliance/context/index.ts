/**
 * Contact compliance, database side: loads what the pure engine (../engine.ts) needs, stores its
 * refusals and supervisors' overrides, and keeps the pauses (holds), care flags and opt-outs that
 * other modules open and close. Complaints and fraud call openContactHold / closeContactHold inside
 * their own transactions.
 */
export { loadContactContext, contactContextJson, contactContextFromJson, withOpenedHold, HISTORY_WINDOW_DAYS, type LoadedContactContext } from './load-contact-context.ts';
export { openContactHold, openContactHoldForNewCase, closeContactHold, changeContactFlag, recordOptOut, type OpenContactHoldInput } from './contact-holds.ts';
export { storeDenial, listDenials, isTimeOnly, proposalSummary, serialiseDenials, type StoredDenial, type Refusal, type DenialSource } from './denials.ts';
export { loadOverride, assertMayOverride } from './overrides.ts';
export { buildProposal, resolveRecipient, defaultMode, defaultPointsJson, defaultRecipient, CHANNEL_POINT_KIND, type DefaultPoint, type Recipient } from './proposals.ts';
export { checkContact } from './check-contact.ts';
export { getContactability } from './contactability.ts';
export { contactComplianceRoutes } from './context.routes.ts';
export { timeZoneForPhone, US_AREA_CODE_ZONES } from './phone-time-zones.ts';
export * from './context.schema.ts';
