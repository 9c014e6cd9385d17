/**
 * The rule catalogue, in the order denials are reported. Each rule is a pure function
 * (proposal, context, policy) → Denial | null; `timeDependent` rules can pass later without any state
 * change (their denial carries allowedFrom), the others need a state change (consent, case closed).
 */
import type { RuleCode } from '../compliance.types.ts';
import { OVERRIDABLE, type ContactRule } from '../rule-support.ts';
import { checkCallBurst } from './call-burst.ts';
import { checkChannelDailyCap } from './channel-daily-cap.ts';
import { checkConsent } from './consent.ts';
import { checkContactHours } from './contact-hours.ts';
import { checkDailyConnectedCallCap } from './daily-connected-call-cap.ts';
import { checkInconvenientTime } from './inconvenient-time.ts';
import { checkOptOut } from './opt-out.ts';
import { checkPausedComplaint } from './paused-complaint.ts';
import { checkPausedDispute } from './paused-dispute.ts';
import { checkPausedFraud } from './paused-fraud.ts';
import { checkPausedHardship } from './paused-hardship.ts';
import { checkPausedLegalHold } from './paused-legal-hold.ts';
import { checkPostConversationWait } from './post-conversation-wait.ts';
import { checkPublicHoliday } from './public-holiday.ts';
import { checkQuietHours } from './quiet-hours.ts';
import { checkSevenDayCallCap } from './seven-day-call-cap.ts';
import { checkThirdPartyAllowed } from './third-party-not-allowed.ts';
import { checkThirdPartyRefused } from './third-party-refused.ts';
import { checkMessageWording } from './wording.ts';

export type RuleDefinition = { code: RuleCode; check: ContactRule; overridable: boolean; timeDependent: boolean };

const def = (code: RuleCode, check: ContactRule, timeDependent: boolean): RuleDefinition =>
  Object.freeze({ code, check, overridable: OVERRIDABLE[code], timeDependent });

export const CONTACT_RULES: readonly RuleDefinition[] = Object.freeze([
  // State rules first: they explain why nothing later will help.
  def('third-party-refused', checkThirdPartyRefused, false),
  def('third-party-not-allowed', checkThirdPartyAllowed, false),
  def('consent-missing', checkConsent, false),
  def('opted-out', checkOptOut, false),
  def('paused-fraud', checkPausedFraud, false),
  def('paused-legal-hold', checkPausedLegalHold, false),
  def('paused-dispute', checkPausedDispute, false),
  def('paused-complaint', checkPausedComplaint, false),
  def('paused-hardship', checkPausedHardship, false),
  def('wording', checkMessageWording, false),
  // Time rules.
  def('contact-hours', checkContactHours, true),
  def('quiet-hours', checkQuietHours, true),
  def('inconvenient-time', checkInconvenientTime, true),
  def('public-holiday', checkPublicHoliday, true),
  def('daily-connected-call-cap', checkDailyConnectedCallCap, true),
  def('seven-day-call-cap', checkSevenDayCallCap, true),
  def('post-conversation-wait', checkPostConversationWait, true),
  def('call-burst', checkCallBurst, true),
  def('channel-daily-cap', checkChannelDailyCap, true),
]);

export {
  checkCallBurst,
  checkChannelDailyCap,
  checkConsent,
  checkContactHours,
  checkDailyConnectedCallCap,
  checkInconvenientTime,
  checkMessageWording,
  checkOptOut,
  checkPausedComplaint,
  checkPausedDispute,
  checkPausedFraud,
  checkPausedHardship,
  checkPausedLegalHold,
  checkPostConversationWait,
  checkPublicHoliday,
  checkQuietHours,
  checkSevenDayCallCap,
  checkThirdPartyAllowed,
  checkThirdPartyRefused,
};
