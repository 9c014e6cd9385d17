import type { AuditRow } from './audit-rows.ts';
import { canonicalJson } from './canonical-json.ts';

/** Excel only detects UTF-8 (and shows 中文 instead of mojibake) when the file starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

const COLUMNS: Array<[string, (r: AuditRow) => unknown]> = [
  ['seq', (r) => r.seq],
  ['occurred_at', (r) => r.occurredAt],
  ['actor_id', (r) => r.actorId],
  ['actor_kind', (r) => r.actorKind],
  ['actor_role', (r) => r.actorRole],
  ['action', (r) => r.action],
  ['entity_type', (r) => r.entityType],
  ['entity_id', (r) => r.entityId],
  ['reason', (r) => r.reason],
  ['request_id', (r) => r.requestId],
  ['diff', (r) => r.diff],
  ['before', (r) => r.before],
  ['after', (r) => r.after],
  ['prev_hash', (r) => r.prevHash],
  ['hash', (r) => r.hash],
];

/**
 * RFC 4180 cell. Text starting with = + - @ (or a tab / CR) is prefixed with an apostrophe so a
 * spreadsheet never evaluates it as a formula (CSV injection: reasons and descriptions are typed by
 * users and borrowers). Numbers are left alone.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = typeof value === 'string' ? value : canonicalJson(value); // sorted keys: same bytes as hashed
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => COLUMNS.map(([name]) => name).join(',') + '\r\n';
export const csvLine = (row: AuditRow) => COLUMNS.map(([, get]) => csvCell(get(row))).join(',') + '\r\n';

/** BOM, header, then one line per event, as a byte stream a Response can send as it is produced. */
export function auditCsvStream(rows: AsyncIterable<AuditRow>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + csvHeader()));
        return;
      }
      let chunk = '';
      for (let i = 0; i < 500; i++) {
        const next = await it.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
