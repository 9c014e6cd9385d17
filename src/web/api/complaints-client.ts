/** Complaint handling additions: the handler picker and the final response letter. */
import { request } from './client.ts';
import type { AssignableHandlerList } from './complaints-types.ts';

const enc = encodeURIComponent;

/** GET /api/complaints/{id}/handlers — who the complaint can be given to, least loaded first (complaints.handle). */
export function listAssignableHandlers(complaintId: string, signal?: AbortSignal) {
  return request<AssignableHandlerList>('GET', `/api/complaints/${enc(complaintId)}/handlers`, { signal });
}

/** The final response letter PDF (a plain download link: the session cookie goes with it). */
export const responseLetterUrl = (complaintId: string) => `/api/complaints/${enc(complaintId)}/response-letter`;

/** The same letter for the borrower portal (portal session cookie). */
export const portalResponseLetterUrl = (complaintId: string) => `/api/portal/complaints/${enc(complaintId)}/response-letter`;
