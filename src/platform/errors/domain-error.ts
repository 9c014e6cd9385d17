/**
 * Errors are values with a code. One table (problem-details.ts) maps each code to an HTTP status;
 * the user-facing message (zh-CN first, English second) is kept apart from technical detail.
 */
export const ERROR_CODES = {
  /** Input failed validation; `fields` says which and why. */
  validation: 422,
  /** Malformed request (bad JSON, wrong content type). */
  bad_request: 400,
  /** No such resource, or the caller may not know it exists. */
  not_found: 404,
  /** The request conflicts with the current state (duplicate external id, illegal transition). */
  conflict: 409,
  /** Not signed in. */
  unauthenticated: 401,
  /** Signed in but not permitted. */
  forbidden: 403,
  /** Upload or body too large. */
  payload_too_large: 413,
  /** Too many attempts; retry later. */
  rate_limited: 429,
  /** Anything unexpected; details go to the log, never to the user. */
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldProblem = { field: string; message: string; code?: string };

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    /** Shown to users. */
    public readonly userMessage: { zh: string; en: string },
    public readonly fields: FieldProblem[] = [],
    /** For logs only. */
    technical?: string,
  ) {
    super(technical ?? userMessage.en);
  }
}

export const notFound = (what: { zh: string; en: string }) =>
  new DomainError('not_found', { zh: `未找到${what.zh}`, en: `${what.en} not found` });
