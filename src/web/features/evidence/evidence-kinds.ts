import type { EvidenceKind } from '../../api/types.ts';

/**
 * Upload choices in the order staff think of them (the escalation report's evidence list). The
 * server's EVIDENCE_KINDS lives in a Drizzle schema file, which must not be bundled; the check
 * below fails `tsc` when the server adds a kind this list lacks.
 */
export const EVIDENCE_KIND_OPTIONS = [
  'contract', 'transfer-record', 'bank-statement', 'call-recording', 'photo', 'email', 'message-screenshot',
  'third-party-report', 'financial-statement', 'registration-change', 'other',
] as const satisfies readonly EvidenceKind[];

type MissingKind = Exclude<EvidenceKind, (typeof EVIDENCE_KIND_OPTIONS)[number]>;
const everyKindListed: [MissingKind] extends [never] ? true : MissingKind = true;
void everyKindListed;

/** 1536 → '1.5 KB'; binary units, as file managers on bank desktops show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The first characters of a SHA-256, enough to compare by eye; the full hash goes in a title. */
export const shortHash = (sha256: string, n = 12) => `${sha256.slice(0, n)}…`;
