/**
 * The vocabulary a collections strategy is written in, and how it maps onto the compliance engine's
 * contact model (`compliance.types.ts`): every contact a strategy proposes has purpose 'collections',
 * a ContactChannel and a ContactMode, so the daily run can build a ContactProposal without guessing.
 */
import type { ContactChannel, ContactContext, ContactMode, ContactPurpose } from '../../compliance/compliance.types.ts';

export const COLLECTIONS_PURPOSE = 'collections' as const satisfies ContactPurpose;

/**
 * Channels a contact step may use. 'online-chat' is not a separate compliance channel: it is an
 * agent chatting with the borrower in the app / portal message thread, i.e. channel 'portal' made by
 * a human. 'portal' alone is an automated app / portal inbox message.
 */
export const STRATEGY_CHANNELS = ['sms', 'email', 'portal', 'letter', 'phone', 'online-chat', 'field-visit'] as const;
export type StrategyChannel = (typeof STRATEGY_CHANNELS)[number];

export const CHANNEL_CONTACT: Readonly<Record<StrategyChannel, { channel: ContactChannel; mode: ContactMode }>> = Object.freeze({
  sms: { channel: 'sms', mode: 'automated' },
  email: { channel: 'email', mode: 'automated' },
  portal: { channel: 'portal', mode: 'automated' },
  letter: { channel: 'letter', mode: 'automated' },
  phone: { channel: 'phone', mode: 'human' },
  'online-chat': { channel: 'portal', mode: 'human' },
  'field-visit': { channel: 'field-visit', mode: 'human' },
});

/**
 * Work items a step may create instead of a single contact.
 *  - agent-call-task: a collector reaches the borrower (several attempts allowed within the wait),
 *    learns why they are late, records willingness and any promise to pay;
 *  - field-visit-task: a scheduled visit, with evidence uploaded afterwards;
 *  - hardship-review-task: a collector reviews the borrower's circumstances and offers a grace period,
 *    instalment plan or restructuring (see ../arrangements), confirmed in writing;
 *  - evidence-pack-task: assemble the evidence chain (contract, schedule, contact log, broken promises,
 *    demand letters) a legal referral needs;
 *  - legal-referral-proposal / external-agency-proposal: proposals only — a supervisor approves them.
 */
export const STRATEGY_ACTIONS = [
  'agent-call-task',
  'field-visit-task',
  'hardship-review-task',
  'evidence-pack-task',
  'legal-referral-proposal',
  'external-agency-proposal',
] as const;
export type StrategyAction = (typeof STRATEGY_ACTIONS)[number];

export const ACTION_INFO: Readonly<Record<StrategyAction, { channel: ContactChannel | null; mode: ContactMode | null; requiresApproval: boolean }>> =
  Object.freeze({
    'agent-call-task': { channel: 'phone', mode: 'human', requiresApproval: false },
    'field-visit-task': { channel: 'field-visit', mode: 'human', requiresApproval: false },
    'hardship-review-task': { channel: null, mode: null, requiresApproval: false },
    'evidence-pack-task': { channel: null, mode: null, requiresApproval: false },
    'legal-referral-proposal': { channel: null, mode: null, requiresApproval: true },
    'external-agency-proposal': { channel: null, mode: null, requiresApproval: true },
  });

/** Why a borrower is late, as the collector classified it (article: 无力偿还但有意愿 vs 恶意拖欠). */
export const WILLINGNESS = ['willing-but-unable', 'unwilling', 'unknown'] as const;
export type Willingness = (typeof WILLINGNESS)[number];

/** The care flags the compliance engine knows (ContactContext.customer.flags). */
export type CareFlags = ContactContext['customer']['flags'];
export type CareFlag = keyof CareFlags;
export const CARE_FLAGS = ['hardship', 'bereavement', 'vulnerable'] as const satisfies readonly CareFlag[];
// Fails to compile when the compliance engine gains a care flag this list lacks.
type MissingCareFlag = Exclude<CareFlag, (typeof CARE_FLAGS)[number]>;
export const CARE_FLAGS_COMPLETE: [MissingCareFlag] extends [never] ? true : MissingCareFlag = true;

/** Where a ladder goes next: the following step, the same step again, or a later step by index (0-based). */
export type StepTarget = 'next' | 'repeat' | number;
