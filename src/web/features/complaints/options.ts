import type { ComplaintCategory, ComplaintRemedy, ComplaintSeverity, ComplaintStatus, DecisionOutcome } from '../../api/types.ts';
import type { Tone } from '../../ui/badge.tsx';
import { formatInstant, instantText } from '../../ui/date-text.tsx';

// The API's enums, restated for the browser (the server modules are type-only imports here).
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'decided', 'closed', 'reopened'];
export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = [
  'unclear-contract-terms', 'service-quality-or-delay', 'insufficient-disclosure', 'system-or-online-fault', 'interest-and-fee-calculation',
  'collection-conduct', 'fraud-or-identity-misuse', 'personal-data-and-privacy', 'other',
];
export const COMPLAINT_SEVERITIES: readonly ComplaintSeverity[] = ['low', 'medium', 'high', 'critical'];
export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['upheld', 'partly-upheld', 'not-upheld'];
export const REMEDIES: readonly ComplaintRemedy[] = ['refund', 'fee-waiver', 'record-correction', 'apology', 'process-fix'];
export const STAFF_CHANNELS = ['phone', 'counter', 'letter', 'regulator', 'api'] as const;
export const PAUSE_REASONS = ['external-appraisal', 'external-testing', 'external-evaluation'] as const;

export const statusTone = (s: ComplaintStatus): Tone =>
  s === 'closed' ? 'neutral' : s === 'decided' ? 'success' : s === 'paused' ? 'warning' : s === 'reopened' ? 'orange' : 'info';
export const severityTone = (s: string | null): Tone => (s === 'critical' ? 'critical' : s === 'high' ? 'danger' : s === 'medium' ? 'warning' : 'neutral');
export const dueClass = (state: 'breached' | 'warned' | 'ok') =>
  state === 'breached' ? 'tone-text--danger strong' : state === 'warned' ? 'tone-text--warning strong' : undefined;

/**
 * A due instant is exclusive: the first instant of the next local day. Shown the way the rules word
 * it, as the last day at 24:00 (2026-12-12T00:00+08:00 → 2026-12-11 24:00).
 */
export function dueText(iso: string): string {
  const f = formatInstant(iso);
  if (!f || f.time !== '00:00') return instantText(iso);
  const before = formatInstant(new Date(new Date(iso).getTime() - 60_000).toISOString());
  return before ? `${before.date} 24:00` : instantText(iso);
}
