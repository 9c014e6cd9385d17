/**
 * Contact compliance (合规): every outbound contact is checked before it is made, and a refusal says
 * why. The engine is pure; callers load a ContactContext and audit the decision (and any override).
 */
export type * from './compliance.types.ts';
export { evaluateContact, collectDenials, findEarliestAllowedAt } from './engine.ts';
export { CONTACT_RULES, type RuleDefinition } from './rules/index.ts';
export { OVERRIDABLE } from './rule-support.ts';
export {
  CN_BANK_STRICT_POLICY,
  CN_MAINLAND_POLICY,
  COMPLIANCE_POLICIES,
  US_REG_F_POLICY,
  compliancePolicy,
  policyForProfile,
  type PolicyName,
} from './policies.ts';
export { checkWording, WORDING_CATEGORIES } from './wording/index.ts';
export {
  isMainlandPublicHoliday,
  isMainlandWorkingWeekend,
  mainlandHolidayDataCovers,
  mainlandHolidayName,
} from './holidays.ts';
export {
  formatLocal,
  instantOfLocal,
  isValidTimeZone,
  localClock,
  localDate,
  nextInstantInDailyWindow,
  parseClockTime,
  startOfLocalDay,
  startOfNextLocalDay,
  zoneOffsetMinutes,
  type LocalClock,
} from './local-time.ts';
