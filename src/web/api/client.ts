/**
 * Typed fetch client for the LoanDesk API: one function per endpoint. Failures throw `ApiProblem`,
 * carrying the server's RFC 9457 problem+json when there is one.
 *
 * The console session is an HttpOnly cookie the browser sends by itself; state-changing requests
 * must also echo the session's CSRF token (x-csrf-token), which the client keeps after sign-in.
 * A 401 on any call other than sign-in fires `UNAUTHENTICATED_EVENT`, so the app can show the
 * sign-in page when a session expires mid-work.
 *
 * The borrower portal (portal-client.ts) has its own cookie, its own CSRF token and its own
 * 401 event, built on the same `createRequester`: the two sessions never affect each other.
 */
import type {
  AuditEventPage, AuditFilter, AuditVerification, ConsentChange, ConsentPurpose, Contactability, ContactCheckRequest, ContactCheckResult,
  ContactFlagChange, ContactHoldList, ManualContactHold, ContactLog, ContactRefusal, CreateTemplateRequest, CustomerProfile, CustomerSearchResult, DenialList,
  EvidenceEntityType, EvidenceList, EvidenceUploadResult, LoanList, LogContactRequest, MessageList, MessageQueued, PasswordChangeRequest,
  Problem, SendMessageRequest, SessionInfo, StaffLoginRequest, Template, TemplateCreated, TemplateList, TemplatePreview,
  TemplatePreviewRequest, TemplateStatusResult, Timeline, UnmaskRequest, UnmaskResult, VersionContent,
  CreateStaffUserRequest, ImportKind, ImportRunList, ImportSummary, StaffUser,
} from './types.ts';

export class ApiProblem extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The problem+json body, or null for network failures and non-problem responses. */
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
    this.name = 'ApiProblem';
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

export const UNAUTHENTICATED_EVENT = 'loandesk:unauthenticated';

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export type RequestOptions = {
  /**
   * JSON-encoded; sent as is when FormData (the browser sets the multipart boundary) or a Blob/File
   * (a raw upload, with `contentType`).
   */
  body?: unknown;
  /** Content type of a raw Blob body (default: the Blob's own type, else application/octet-stream). */
  contentType?: string;
  signal?: AbortSignal;
  /** Sign-in and session checks: a 401 there is an answer, not an expired session. */
  signIn?: boolean;
};

export type Requester = <T>(method: 'GET' | 'POST', path: string, opts?: RequestOptions) => Promise<T>;

/** A fetch wrapper for one session realm: where its CSRF token comes from, which event a 401 fires. */
export function createRequester(realm: { csrfToken: () => string | null; unauthenticatedEvent: string }): Requester {
  return async <T>(method: 'GET' | 'POST', path: string, opts: RequestOptions = {}): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
    const isBlob = typeof Blob !== 'undefined' && opts.body instanceof Blob;
    if (isBlob) headers['content-type'] = opts.contentType ?? ((opts.body as Blob).type || 'application/octet-stream');
    else if (opts.body !== undefined && !isForm) headers['content-type'] = 'application/json';
    const token = realm.csrfToken();
    if (method !== 'GET' && token) headers['x-csrf-token'] = token;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : isBlob ? (opts.body as Blob) : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new ApiProblem(0, null);
    }
    if (!res.ok) {
      let problem: Problem | null = null;
      if ((res.headers.get('content-type') ?? '').includes('json')) {
        problem = (await res.json().catch(() => null)) as Problem | null;
      }
      if (res.status === 401 && !opts.signIn) window.dispatchEvent(new Event(realm.unauthenticatedEvent));
      throw new ApiProblem(res.status, problem);
    }
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  };
}

let csrfToken: string | null = null;

/** Remembered from sign-in or /auth/me; sent as x-csrf-token on every POST. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const request = createRequester({ csrfToken: () => csrfToken, unauthenticatedEvent: UNAUTHENTICATED_EVENT });

const enc = encodeURIComponent;

// ---- Authentication ----

/** POST /api/auth/login — sets the session cookie; returns the user, permissions and CSRF token. */
export async function signIn(body: StaffLoginRequest, signal?: AbortSignal): Promise<SessionInfo> {
  const session = await request<SessionInfo>('POST', '/api/auth/login', { body, signal, signIn: true });
  setCsrfToken(session.csrfToken);
  return session;
}

/** GET /api/auth/me — the current session; throws ApiProblem 401 when signed out. */
export async function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await request<SessionInfo>('GET', '/api/auth/me', { signal, signIn: true });
  setCsrfToken(session.csrfToken);
  return session;
}

/** POST /api/auth/logout — ends the session server-side. */
export async function signOut(): Promise<void> {
  try {
    await request<void>('POST', '/api/auth/logout', { signIn: true });
  } finally {
    setCsrfToken(null);
  }
}

/** POST /api/auth/password — changes the signed-in user's password; the user's other sessions end, this one stays. */
export function changePassword(body: PasswordChangeRequest, signal?: AbortSignal): Promise<void> {
  // A wrong current password is a 422 with a field message, not a 401: no sign-out event either way.
  return request<void>('POST', '/api/auth/password', { body, signal });
}

// ---- Customers ----

/** GET /api/customers — partial name, or exact ID number, credit code, phone, loan or customer number. */
export function searchCustomers(params: { q: string; limit?: number; offset?: number }, signal?: AbortSignal) {
  return request<CustomerSearchResult>('GET', withQuery('/api/customers', params), { signal });
}

/** GET /api/customers/{id} — profile, branch, relationship manager, contact points, consents, preferences. */
export function getCustomer(customerId: string, signal?: AbortSignal) {
  return request<CustomerProfile>('GET', `/api/customers/${enc(customerId)}`, { signal });
}

/** GET /api/customers/{id}/timeline — the unified timeline, newest first. */
export function getCustomerTimeline(customerId: string, signal?: AbortSignal) {
  return request<Timeline>('GET', `/api/customers/${enc(customerId)}/timeline`, { signal });
}

/** POST /api/customers/{id}/unmask — reveals one masked field; the reason is audited. */
export function unmaskPersonalData(customerId: string, body: UnmaskRequest, signal?: AbortSignal) {
  return request<UnmaskResult>('POST', `/api/customers/${enc(customerId)}/unmask`, { body, signal });
}

/** POST /api/customers/{id}/consents — records a grant or withdrawal on the customer's behalf (audited, on the timeline). */
export function changeConsent(customerId: string, body: ConsentChange, signal?: AbortSignal) {
  return request<{ consentId: string }>('POST', `/api/customers/${enc(customerId)}/consents`, { body, signal });
}

// ---- Loans ----

/** GET /api/customers/{id}/loans — loans with schedule, payments and delinquency as of a date (default: today). */
export function getCustomerLoans(customerId: string, params: { asOf?: string } = {}, signal?: AbortSignal) {
  return request<LoanList>('GET', withQuery(`/api/customers/${enc(customerId)}/loans`, params), { signal });
}

// ---- Audit trail ----

/** GET /api/audit/events — newest first; pass the previous page's nextCursor for the next (older) page. */
export function listAuditEvents(filter: AuditFilter, page: { limit?: number; cursor?: string } = {}, signal?: AbortSignal) {
  return request<AuditEventPage>('GET', withQuery('/api/audit/events', { ...filter, ...page }), { signal });
}

/** The address of GET /api/audit/events.csv for these filters: a plain download link (the export is audited). */
export function auditCsvHref(filter: AuditFilter): string {
  return withQuery('/api/audit/events.csv', filter);
}

/** GET /api/audit/verify — recomputes the whole hash chain. */
export function verifyAuditChain(signal?: AbortSignal) {
  return request<AuditVerification>('GET', '/api/audit/verify', { signal });
}

// ---- Evidence ----

/** GET /api/evidence — items linked to a customer, loan or case, newest first. */
export function listEvidence(entityType: EvidenceEntityType, entityId: string, signal?: AbortSignal) {
  return request<EvidenceList>('GET', withQuery('/api/evidence', { entityType, entityId }), { signal });
}

/**
 * POST /api/evidence — multipart: `file`, `kind`, optional `source`, `capturedAt`, `description`,
 * and one `links` field per linked entity (customer:<uuid>, loan:<uuid>).
 */
export function uploadEvidence(form: FormData, signal?: AbortSignal) {
  return request<EvidenceUploadResult>('POST', '/api/evidence', { body: form, signal });
}

/** The download address of an item's content (audited server-side as evidence.downloaded). */
export function evidenceContentHref(evidenceId: string): string {
  return `/api/evidence/${enc(evidenceId)}/content`;
}

// ---- Contact compliance ----

/** A 409 from the compliance engine (code contact_refused): every reason, the earliest allowed instant, the stored refusal's id. */
export function contactRefusalOf(error: unknown): ContactRefusal | null {
  if (!isApiProblem(error) || error.status !== 409) return null;
  const p = error.problem as unknown as Partial<ContactRefusal> | null;
  return p && p.code === 'contact_refused' && Array.isArray(p.denials) ? (p as ContactRefusal) : null;
}

/** GET /api/customers/{id}/contactability — per channel and own contact point: allowed now, every reason, earliest allowed. */
export function getContactability(customerId: string, purpose: ConsentPurpose, signal?: AbortSignal) {
  return request<Contactability>('GET', withQuery(`/api/customers/${enc(customerId)}/contactability`, { purpose }), { signal });
}

/** GET /api/customers/{id}/compliance-denials — stored refusals, newest first. */
export function listComplianceDenials(customerId: string, signal?: AbortSignal) {
  return request<DenialList>('GET', `/api/customers/${enc(customerId)}/compliance-denials`, { signal });
}

/** GET /api/customers/{id}/contact-holds — contact pauses (open and closed) and the care flags set now. */
export function getContactHolds(customerId: string, signal?: AbortSignal) {
  return request<ContactHoldList>('GET', `/api/customers/${enc(customerId)}/contact-holds`, { signal });
}

/** POST /api/customers/{id}/contact-flags — set or clear hardship / bereavement / vulnerable, with a reason (audited). */
export function changeContactFlag(customerId: string, body: ContactFlagChange, signal?: AbortSignal) {
  return request<{ flagId: string }>('POST', `/api/customers/${enc(customerId)}/contact-flags`, { body, signal });
}

/** POST /api/customers/{id}/contact-holds — pause collection contact for a dispute or a legal hold (compliance.override; audited). */
export function placeContactHold(customerId: string, body: ManualContactHold, signal?: AbortSignal) {
  return request<{ holdId: string }>('POST', `/api/customers/${enc(customerId)}/contact-holds`, { body, signal });
}

/** POST /api/customers/{id}/contact-holds/{holdId}/release — lift a dispute or legal hold, with a reason (audited). */
export function releaseContactHold(customerId: string, holdId: string, reason: string, signal?: AbortSignal) {
  return request<{ closed: string[] }>('POST', `/api/customers/${enc(customerId)}/contact-holds/${enc(holdId)}/release`, { body: { reason }, signal });
}

/** POST /api/customers/{id}/contact-check — a proposed contact → decision (a refusal is stored); `override` needs compliance.override. */
export function checkContact(customerId: string, body: ContactCheckRequest, signal?: AbortSignal) {
  return request<ContactCheckResult>('POST', `/api/customers/${enc(customerId)}/contact-check`, { body, signal });
}

// ---- Communications ----

/** GET /api/customers/{id}/messages — messages and their delivery state, newest first. */
export function listCustomerMessages(customerId: string, signal?: AbortSignal) {
  return request<MessageList>('GET', `/api/customers/${enc(customerId)}/messages`, { signal });
}

/** POST /api/customers/{id}/messages — render, check and queue (202); a refusal throws ApiProblem 409 (see contactRefusalOf). */
export function sendMessage(customerId: string, body: SendMessageRequest, signal?: AbortSignal) {
  return request<MessageQueued>('POST', `/api/customers/${enc(customerId)}/messages`, { body, signal });
}

/** GET /api/customers/{id}/contacts — the contact log: calls, visits, messages, replies. */
export function getContactLog(customerId: string, signal?: AbortSignal) {
  return request<ContactLog>('GET', `/api/customers/${enc(customerId)}/contacts`, { signal });
}

/** POST /api/customers/{id}/contacts — log a call, video call or field visit (compliance-checked first; 409 when refused). */
export function logContact(customerId: string, body: LogContactRequest, signal?: AbortSignal) {
  return request<{ contactId: string; overridden: string[] }>('POST', `/api/customers/${enc(customerId)}/contacts`, { body, signal });
}

// ---- Message templates ----

/** GET /api/templates */
export function listTemplates(signal?: AbortSignal) {
  return request<TemplateList>('GET', '/api/templates', { signal });
}

/** GET /api/templates/{id} — the template with every version. */
export function getTemplate(templateId: string, signal?: AbortSignal) {
  return request<Template>('GET', `/api/templates/${enc(templateId)}`, { signal });
}

/** POST /api/templates — a template with its first draft version. */
export function createTemplate(body: CreateTemplateRequest, signal?: AbortSignal) {
  return request<TemplateCreated>('POST', '/api/templates', { body, signal });
}

/** POST /api/templates/{id}/versions — a new draft version. */
export function createTemplateVersion(templateId: string, body: VersionContent, signal?: AbortSignal) {
  return request<TemplateCreated>('POST', `/api/templates/${enc(templateId)}/versions`, { body, signal });
}

/** POST /api/templates/{id}/versions/{v}/submit|approve|retire — submit runs the wording check (422 with the phrases). */
export function transitionTemplateVersion(templateId: string, version: number, action: 'submit' | 'approve' | 'retire', signal?: AbortSignal) {
  return request<TemplateStatusResult>('POST', `/api/templates/${enc(templateId)}/versions/${version}/${action}`, { signal });
}

/** POST /api/templates/{id}/versions/{v}/preview — rendered for a real customer, missing variables, wording findings. */
export function previewTemplateVersion(templateId: string, version: number, body: TemplatePreviewRequest, signal?: AbortSignal) {
  return request<TemplatePreview>('POST', `/api/templates/${enc(templateId)}/versions/${version}/preview`, { body, signal });
}

// ---- Administration: staff accounts ----

/** GET /api/admin/users — every staff account, by employee number. */
export function listStaffUsers(signal?: AbortSignal) {
  return request<{ items: StaffUser[] }>('GET', '/api/admin/users', { signal });
}

/** POST /api/admin/users — 422 with field messages (password policy, unknown branch), 409 for a taken employee number. */
export function createStaffUser(body: CreateStaffUserRequest, signal?: AbortSignal) {
  return request<StaffUser>('POST', '/api/admin/users', { body, signal });
}

/** POST /api/admin/users/{id}/disable — the account is signed out everywhere; the reason is audited. */
export function disableStaffUser(userId: string, reason: string, signal?: AbortSignal) {
  return request<StaffUser>('POST', `/api/admin/users/${enc(userId)}/disable`, { body: { reason }, signal });
}

// ---- Imports ----

/**
 * POST /api/imports/{kind}?fileName=… — the CSV file itself is the request body (text/csv; the
 * server detects UTF-8 or GB18030). A file refused as a whole (missing columns, unreadable
 * encoding) is a 422; rejected rows are part of a 200 summary.
 */
export function uploadImport(kind: ImportKind, file: Blob, fileName: string, signal?: AbortSignal) {
  return request<ImportSummary>('POST', withQuery(`/api/imports/${enc(kind)}`, { fileName }), { body: file, contentType: 'text/csv', signal });
}

/** GET /api/imports — the 100 most recent runs, newest first. */
export function listImportRuns(signal?: AbortSignal) {
  return request<ImportRunList>('GET', '/api/imports', { signal });
}

/** The download address of every rejected row of a run, as CSV (line, column, reason, raw_value). */
export function importRejectionsHref(runId: string): string {
  return `/api/imports/${enc(runId)}/rejections.csv`;
}

// ---- Complaints (投诉) ----
import type { ComplaintDetail, ComplaintList, ComplaintListQuery, OpenComplaintRequest, OpenComplaintResult } from './types.ts';

/** GET /api/complaints — within the data scope, newest first; filters by status, category, customer, overdue. */
export function listComplaints(query: ComplaintListQuery, signal?: AbortSignal) {
  return request<ComplaintList>('GET', withQuery('/api/complaints', query as Query), { signal });
}

/** GET /api/complaints/{id} — the complaint with its computed clock, events and survey. */
export function getComplaint(complaintId: string, signal?: AbortSignal) {
  return request<ComplaintDetail>('GET', `/api/complaints/${enc(complaintId)}`, { signal });
}

/** POST /api/complaints — staff intake (phone, counter, letter, regulator, API). */
export function openComplaint(body: OpenComplaintRequest, signal?: AbortSignal) {
  return request<OpenComplaintResult>('POST', '/api/complaints', { body, signal });
}

export type ComplaintAction =
  | 'classify' | 'first-handling' | 'extend' | 'pause' | 'resume' | 'merge' | 'new-facts' | 'decide' | 'close' | 'reopen' | 'review-request' | 'reassign';

/** POST /api/complaints/{id}/{action} — one state change; answers with the complaint after it (409 when the status or clock refuses). */
export function complaintAction(complaintId: string, action: ComplaintAction, body: Record<string, unknown> = {}, signal?: AbortSignal) {
  return request<ComplaintDetail>('POST', `/api/complaints/${enc(complaintId)}/${action}`, { body, signal });
}

// ---- Public opinion (舆情) ----
import type {
  OpenComplaintFromMentionResult, PublicMention, PublicMentionList, PublicMentionQuery, PublicOpinionAlertList, PublicOpinionDailyStats,
} from './types.ts';

/** GET /api/public-opinion/mentions — newest first; filters by label, status, matched, date range. */
export function listPublicMentions(query: PublicMentionQuery, signal?: AbortSignal) {
  return request<PublicMentionList>('GET', withQuery('/api/public-opinion/mentions', query as Query), { signal });
}

/** POST /api/public-opinion/mentions/{id}/review | dismiss. */
export function setPublicMentionStatus(mentionId: string, action: 'review' | 'dismiss', note?: string, signal?: AbortSignal) {
  return request<PublicMention>('POST', `/api/public-opinion/mentions/${enc(mentionId)}/${action}`, { body: note ? { note } : {}, signal });
}

/** POST /api/public-opinion/mentions/{id}/open-complaint — customerId only for an unmatched mention. */
export function openComplaintFromMention(mentionId: string, body: { customerId?: string; description?: string } = {}, signal?: AbortSignal) {
  return request<OpenComplaintFromMentionResult>('POST', `/api/public-opinion/mentions/${enc(mentionId)}/open-complaint`, { body, signal });
}

/** GET /api/public-opinion/alerts — spike alerts, newest first. */
export function listPublicOpinionAlerts(acknowledged?: 'true' | 'false', signal?: AbortSignal) {
  return request<PublicOpinionAlertList>('GET', withQuery('/api/public-opinion/alerts', { acknowledged }), { signal });
}

/** POST /api/public-opinion/alerts/{id}/acknowledge. */
export function acknowledgePublicOpinionAlert(alertId: string, signal?: AbortSignal) {
  return request<PublicOpinionAlertList>('POST', `/api/public-opinion/alerts/${enc(alertId)}/acknowledge`, { signal });
}

/** GET /api/public-opinion/stats/daily — mentions per local day and sentiment, oldest first. */
export function publicOpinionDailyStats(days = 14, signal?: AbortSignal) {
  return request<PublicOpinionDailyStats>('GET', withQuery('/api/public-opinion/stats/daily', { days }), { signal });
}
