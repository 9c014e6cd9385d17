import { collectionStage, type CollectionStage } from '../../../modules/loans/rules/delinquency-bucket.ts';
import type { Tone } from '../../ui/badge.tsx';

/**
 * Badge colour by collection stage (a pure rule shared with the server, so the colour boundaries
 * are the strategy boundaries): current, early 1–30 days (gentle reminders), mid 31–90 (agents),
 * late 91–180 (field visits), severe over 180 (agencies, legal).
 */
const stageTone: Record<CollectionStage, Tone> = {
  current: 'success',
  early: 'warning',
  mid: 'orange',
  late: 'danger',
  severe: 'critical',
};

export function delinquencyTone(daysPastDue: number): Tone {
  return stageTone[collectionStage(Math.max(0, Math.trunc(daysPastDue)))];
}
