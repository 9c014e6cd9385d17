/**
 * The borrower portal's API client. Its session is a different cookie (ld_portal) from the staff
 * console's, with its own CSRF token and its own "session ended" event, so signing in or out of
 * one never touches the other.
 *
 * The CSRF token comes from sign-in or GET /api/portal/auth/session and is held in memory only:
 * a reload asks the session endpoint again, so nothing about the session sits in localStorage.
 */
import { createRequester } from './client.ts';
import type { ConsentChange, CustomerProfile, LoanList, PortalLoginRequest, PortalMessages, PortalSession } from './types.ts';

export const PORTAL_UNAUTHENTICATED_EVENT = 'loandesk:portal-unauthenticated';

let csrfToken: string | null = null;
const readToken = () => csrfToken;
const writeToken = (token: string | null) => {
  csrfToken = token;
};

const request = createRequester({ csrfToken: readToken, unauthenticatedEvent: PORTAL_UNAUTHENTICATED_EVENT });

/** POST /api/portal/auth/login — customer number or registered mobile, and password. */
export async function portalSignIn(body: PortalLoginRequest, signal?: AbortSignal): Promise<PortalSession> {
  const session = await request<PortalSession>('POST', '/api/portal/auth/login', { body, signal, signIn: true });
  writeToken(session.csrfToken);
  return session;
}

/** GET /api/portal/auth/session — who is signed in, and the session's CSRF token; 401 when signed out. */
export async function getPortalSession(signal?: AbortSignal): Promise<PortalSession> {
  const session = await request<PortalSession>('GET', '/api/portal/auth/session', { signal, signIn: true });
  writeToken(session.csrfToken);
  return session;
}

/** GET /api/portal/me — the signed-in borrower's profile (with consents); 401 when signed out. */
export function getPortalProfile(signal?: AbortSignal, opts: { sessionCheck?: boolean } = {}) {
  return request<CustomerProfile>('GET', '/api/portal/me', { signal, signIn: opts.sessionCheck });
}

/** POST /api/portal/auth/logout */
export async function portalSignOut(): Promise<void> {
  try {
    await request<void>('POST', '/api/portal/auth/logout', { signIn: true });
  } finally {
    writeToken(null);
  }
}

/** GET /api/portal/loans — my loans, schedules and days past due. */
export function getPortalLoans(signal?: AbortSignal) {
  return request<LoanList>('GET', '/api/portal/loans', { signal });
}

/** POST /api/portal/consents — grant or withdraw one of my consents. */
export function changePortalConsent(body: ConsentChange, signal?: AbortSignal) {
  return request<{ consentId: string }>('POST', '/api/portal/consents', { body, signal });
}

/** GET /api/portal/messages — my inbox, newest first. */
export function getPortalMessages(signal?: AbortSignal) {
  return request<PortalMessages>('GET', '/api/portal/messages', { signal });
}

/** POST /api/portal/messages — write to the lender; lands on the customer's timeline for staff. */
export function sendPortalMessage(text: string, signal?: AbortSignal) {
  return request<{ contactId: string }>('POST', '/api/portal/messages', { body: { text }, signal });
}

// ---- Complaints (我的投诉) ----
import type { PortalComplaintCreated, PortalComplaintList, SatisfactionSurvey } from './types.ts';

/** GET /api/portal/complaints — my complaints with status and progress, newest first. */
export function getPortalComplaints(signal?: AbortSignal) {
  return request<PortalComplaintList>('GET', '/api/portal/complaints', { signal });
}

/** POST /api/portal/complaints — file a complaint; answers with the reference number. */
export function filePortalComplaint(body: { description: string; category?: string }, signal?: AbortSignal) {
  return request<PortalComplaintCreated>('POST', '/api/portal/complaints', { body, signal });
}

/** GET /api/portal/complaints/{id}/survey — the satisfaction survey of my closed complaint (404 when none). */
export function getPortalSurvey(complaintId: string, signal?: AbortSignal) {
  return request<SatisfactionSurvey>('GET', `/api/portal/complaints/${encodeURIComponent(complaintId)}/survey`, { signal });
}

/** POST /api/portal/complaints/{id}/survey — answer it once (1–5 and an optional comment). */
export function answerPortalSurvey(complaintId: string, body: { score: number; comment?: string }, signal?: AbortSignal) {
  return request<SatisfactionSurvey>('POST', `/api/portal/complaints/${encodeURIComponent(complaintId)}/survey`, { body, signal });
}

/** GET /api/portal/agreements — repayment agreements offered to me, and their outcome. */
export function getPortalAgreements(signal?: AbortSignal) {
  return request<{ items: import('./collections-types.ts').RepaymentAgreement[] }>('GET', '/api/portal/agreements', { signal });
}

/** POST /api/portal/agreements/{id}/confirm | decline — confirming replaces the loan's repayment schedule. */
export function decidePortalAgreement(id: string, decision: 'confirm' | 'decline') {
  return request<import('./collections-types.ts').RepaymentAgreement>('POST', `/api/portal/agreements/${encodeURIComponent(id)}/${decision}`);
}

/** The agreement's PDF (portal cookie). */
export const portalAgreementPdfUrl = (id: string) => `/api/portal/agreements/${encodeURIComponent(id)}/pdf`;
