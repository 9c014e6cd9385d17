/** The collections workbench (催收作业台): queue, case, outcomes, arrangements, approvals, referrals, contact verification. */
import { request } from './client.ts';
import type { ContactPoint } from './types.ts';
import type {
  AddContactPointRequest, ArrangementQuote, ArrangementRequest, CollectionApprovals, CollectionCaseView, CollectionQueue, OutcomeLogged, OutcomeRequest,
  ProposeReferralRequest, ReferralPackage, RepaymentAgreement,
} from './collections-types.ts';

const enc = encodeURIComponent;

/** GET /api/collections/queue — my open cases, prioritised, each with the call-now compliance answer. */
export const getCollectionQueue = (signal?: AbortSignal) => request<CollectionQueue>('GET', '/api/collections/queue', { signal });

/** GET /api/collections/cases/{id} — the case, its actions, promises, outcomes, agreements and referral packages. */
export const getCollectionCase = (caseId: string, signal?: AbortSignal) => request<CollectionCaseView>('GET', `/api/collections/cases/${enc(caseId)}`, { signal });

/** POST …/outcomes — 201; ApiProblem 409 contact_refused when the compliance engine refuses the call (nothing logged). */
export const logCollectionOutcome = (caseId: string, body: OutcomeRequest) => request<OutcomeLogged>('POST', `/api/collections/cases/${enc(caseId)}/outcomes`, { body });

/** POST …/arrangements/quote — the new schedule and whether a supervisor must approve. */
export const quoteArrangement = (caseId: string, body: ArrangementRequest) => request<ArrangementQuote>('POST', `/api/collections/cases/${enc(caseId)}/arrangements/quote`, { body });

/** POST …/arrangements — propose the written agreement (PDF stored as evidence). */
export const proposeArrangement = (caseId: string, body: ArrangementRequest) =>
  request<{ agreement: RepaymentAgreement; quote: ArrangementQuote }>('POST', `/api/collections/cases/${enc(caseId)}/arrangements`, { body });

/** POST /api/collections/agreements/{id}/approve — supervisor; never one's own proposal. */
export const approveAgreement = (id: string) => request<RepaymentAgreement>('POST', `/api/collections/agreements/${enc(id)}/approve`);

/** GET /api/collections/approvals — agreements and referral packages waiting for a supervisor. */
export const getCollectionApprovals = (signal?: AbortSignal) => request<CollectionApprovals>('GET', '/api/collections/approvals', { signal });

/** POST …/legal-referrals — assemble the evidence chain and propose it for approval. */
export const proposeReferral = (caseId: string, body: ProposeReferralRequest) => request<ReferralPackage>('POST', `/api/collections/cases/${enc(caseId)}/legal-referrals`, { body });

/** POST /api/collections/legal-referrals/{id}/approve | reject — supervisor; a rejection needs a reason. */
export const decideReferral = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  request<ReferralPackage>('POST', `/api/collections/legal-referrals/${enc(id)}/${decision}`, { body: reason ? { reason } : {} });

/** POST /api/customers/{id}/contact-points — a new phone / e-mail / address with where it came from. */
export const addContactPoint = (customerId: string, body: AddContactPointRequest) => request<ContactPoint>('POST', `/api/customers/${enc(customerId)}/contact-points`, { body });

/** POST …/contact-points/{id}/mark-wrong — no call or message uses it again. */
export const markContactPointWrong = (customerId: string, contactPointId: string, reason: string) =>
  request<ContactPoint>('POST', `/api/customers/${enc(customerId)}/contact-points/${enc(contactPointId)}/mark-wrong`, { body: { reason } });

/** The evidence download URL (agreement PDF, referral index): the browser sends the session cookie. */
export const evidenceContentUrl = (evidenceId: string) => `/api/evidence/${enc(evidenceId)}/content`;
