import type { AuditFilter } from '../../api/types.ts';
import { businessLocalToInstant } from '../../ui/date-text.tsx';

/**
 * The audit page's filters as they sit in the address bar (?actor=…&action=…&from=2026-11-26T09:00).
 * Times stay as the datetime-local text the user typed (Beijing time); they become ISO instants only
 * on the way to the API.
 */
export type AuditFilterForm = { actor: string; entityType: string; entityId: string; action: string; from: string; to: string };

export const EMPTY_FILTER: AuditFilterForm = { actor: '', entityType: '', entityId: '', action: '', from: '', to: '' };
const KEYS = Object.keys(EMPTY_FILTER) as Array<keyof AuditFilterForm>;

export function parseAuditSearch(search: string): AuditFilterForm {
  const params = new URLSearchParams(search);
  const form = { ...EMPTY_FILTER };
  for (const key of KEYS) form[key] = params.get(key)?.trim() ?? '';
  return form;
}

/** '' when no filter is set, else '?key=value&…' in a stable order. */
export function auditSearchString(form: AuditFilterForm): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = form[key].trim();
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function toApiFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.actor.trim()) filter.actor = form.actor.trim();
  if (form.entityType.trim()) filter.entityType = form.entityType.trim();
  if (form.entityId.trim()) filter.entityId = form.entityId.trim();
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.from.trim()) filter.from = businessLocalToInstant(form.from.trim());
  if (form.to.trim()) filter.to = businessLocalToInstant(form.to.trim());
  return filter;
}

/** Entity types written by the server today (an input with suggestions: later modules add more). */
export const KNOWN_ENTITY_TYPES = [
  'customer', 'consent', 'contact-point', 'evidence', 'loan', 'case', 'staff-user', 'portal-user', 'import-run', 'audit-trail',
  'message-template', 'template-version', 'outbox-message', 'contact-attempt', 'contact-hold', 'contact-override',
] as const;

/**
 * 'staff:3f2a9c1e-…' → 'staff:3f2a9c1e…', short enough for a table cell (the full id goes in a
 * title). Only UUID-like ids are shortened: 'system:nightly-import' reads better whole.
 */
export function shortId(id: string, keep = 8): string {
  const colon = id.indexOf(':');
  const prefix = colon >= 0 ? id.slice(0, colon + 1) : '';
  const rest = colon >= 0 ? id.slice(colon + 1) : id;
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(rest) ? `${prefix}${rest.slice(0, keep)}…` : id;
}
