/**
 * Typed fetch client for the LoanDesk API: one function per endpoint. Failures throw `ApiProblem`,
 * carrying the server's RFC 9457 problem+json when there is one.
 *
 * The console session is an HttpOnly cookie the browser sends by itself; state-changing requests
 * must also echo the session's CSRF token (x-csrf-token), which the client keeps after sign-in.
 * A 401 on any call other than sign-in fires `UNAUTHENTICATED_EVENT`, so the app can show the
 * sign-in page when a session expires mid-work.
 */
import type {
  CustomerProfile, CustomerSearchResult, LoanList, Problem, SessionInfo, StaffLoginRequest, Timeline, UnmaskRequest, UnmaskResult,
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

let csrfToken: string | null = null;

/** Remembered from sign-in or /auth/me; sent as x-csrf-token on every POST. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | undefined>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: 'GET' | 'POST', path: string, opts: { body?: unknown; signal?: AbortSignal; signIn?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
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
    if (res.status === 401 && !opts.signIn) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiProblem(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

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

// ---- Loans ----

/** GET /api/customers/{id}/loans — loans with schedule, payments and delinquency as of a date (default: today). */
export function getCustomerLoans(customerId: string, params: { asOf?: string } = {}, signal?: AbortSignal) {
  return request<LoanList>('GET', withQuery(`/api/customers/${enc(customerId)}/loans`, params), { signal });
}
