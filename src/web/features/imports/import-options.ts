import type { ImportKind, ImportRunStatus } from '../../api/types.ts';
import type { Tone } from '../../ui/badge.tsx';

/**
 * The five kinds in the order they must be imported (later kinds refer to earlier ones). The
 * server's IMPORT_KINDS sits in a Drizzle schema file that must not be bundled; the check below
 * fails `tsc` when the server adds a kind this list lacks.
 */
export const IMPORT_KIND_OPTIONS = ['customers', 'contacts', 'loans', 'schedules', 'repayments'] as const satisfies readonly ImportKind[];

type MissingKind = Exclude<ImportKind, (typeof IMPORT_KIND_OPTIONS)[number]>;
const everyKindListed: [MissingKind] extends [never] ? true : MissingKind = true;
void everyKindListed;

export const RUN_STATUS_TONE: Record<ImportRunStatus, Tone> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
};

/** 16 → '16 ms'; 1234 → '1.2 s'; 83000 → '1 min 23 s'. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
