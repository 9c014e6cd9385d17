import type {
  ConsentPurpose, ContactChannel, ContactFlag, LoggedChannel, LoggedOutcome, MessageChannel, MessageStatus, TemplateStatus, VariableType,
} from '../../api/types.ts';
import type { Tone } from '../../ui/badge.tsx';

/**
 * The option lists of the communications screens. The server's lists sit in Drizzle schema files
 * that must not be bundled; the `Missing` checks fail `tsc` when the API gains a value these lack.
 */
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;

/** Why we would contact, collections first: the question the tab answers by default. */
export const PURPOSE_OPTIONS = ['collections', 'servicing', 'follow-up-visit', 'marketing'] as const satisfies readonly ConsentPurpose[];
export const MESSAGE_CHANNEL_OPTIONS = ['sms', 'email', 'portal', 'letter'] as const satisfies readonly MessageChannel[];
export const LOGGED_CHANNEL_OPTIONS = ['phone', 'video', 'field-visit'] as const satisfies readonly LoggedChannel[];
export const LOGGED_OUTCOME_OPTIONS = ['attempted', 'no-answer', 'connected', 'conversation', 'refused', 'wrong-number'] as const satisfies readonly LoggedOutcome[];
export const CONTACT_FLAG_OPTIONS = ['hardship', 'bereavement', 'vulnerable'] as const satisfies readonly ContactFlag[];
export const VARIABLE_TYPE_OPTIONS = ['string', 'money-fen', 'date', 'integer'] as const satisfies readonly VariableType[];

const everyPurpose: Missing<ConsentPurpose, (typeof PURPOSE_OPTIONS)[number]> = true;
const everyMessageChannel: Missing<MessageChannel, (typeof MESSAGE_CHANNEL_OPTIONS)[number]> = true;
const everyLoggedChannel: Missing<LoggedChannel, (typeof LOGGED_CHANNEL_OPTIONS)[number]> = true;
const everyOutcome: Missing<LoggedOutcome, (typeof LOGGED_OUTCOME_OPTIONS)[number]> = true;
const everyFlag: Missing<ContactFlag, (typeof CONTACT_FLAG_OPTIONS)[number]> = true;
const everyType: Missing<VariableType, (typeof VARIABLE_TYPE_OPTIONS)[number]> = true;
void [everyPurpose, everyMessageChannel, everyLoggedChannel, everyOutcome, everyFlag, everyType];

/** Which kind of contact point a channel reaches (null: the portal inbox needs none). */
export const CHANNEL_POINT_KIND: Record<ContactChannel, 'phone' | 'email' | 'address' | null> = {
  sms: 'phone',
  phone: 'phone',
  video: 'phone',
  email: 'email',
  letter: 'address',
  'field-visit': 'address',
  portal: null,
};

export const MESSAGE_STATUS_TONE: Record<MessageStatus, Tone> = {
  queued: 'info',
  sending: 'info',
  sent: 'success',
  delivered: 'success',
  failed: 'danger',
  bounced: 'danger',
  blocked: 'critical',
};

export const TEMPLATE_STATUS_TONE: Record<TemplateStatus, Tone> = {
  draft: 'neutral',
  'pending-approval': 'warning',
  approved: 'success',
  retired: 'neutral',
};

/** Variables the hub fills from the records (the customer's name; the loan number when a loan is chosen). */
export function autoFilledVariables(debtChosen: boolean): Set<string> {
  return new Set(debtChosen ? ['customerName', 'loanNumber'] : ['customerName']);
}
