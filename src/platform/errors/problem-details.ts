import type { Context } from 'hono';
import { ZodError } from 'zod';
import { DomainError, ERROR_CODES, type ErrorCode, type FieldProblem } from './domain-error.ts';

/** RFC 9457 problem details, with LoanDesk's field-level extension `errors`. */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  /** The same message in Simplified Chinese; `detail` is English. */
  detailZh: string;
  errors?: FieldProblem[];
};

const TITLES: Record<ErrorCode, string> = {
  validation: 'Validation failed',
  bad_request: 'Bad request',
  not_found: 'Not found',
  conflict: 'Conflict',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  payload_too_large: 'Payload too large',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
};

export function zodIssuesToFields(error: ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
    code: issue.code,
  }));
}

export function toProblem(error: unknown, instance?: string): ProblemDetails {
  let domain: DomainError;
  if (error instanceof DomainError) domain = error;
  else if (error instanceof ZodError)
    domain = new DomainError('validation', { zh: '输入校验失败', en: 'Input validation failed' }, zodIssuesToFields(error));
  else domain = new DomainError('internal', { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please retry later' });
  return {
    type: `https://loandesk.example/problems/${domain.code}`,
    title: TITLES[domain.code],
    status: ERROR_CODES[domain.code],
    detail: domain.userMessage.en,
    detailZh: domain.userMessage.zh,
    code: domain.code,
    ...(instance ? { instance } : {}),
    ...(domain.fields.length ? { errors: domain.fields } : {}),
  };
}

export function problemResponse(c: Context, problem: ProblemDetails): Response {
  return c.body(JSON.stringify(problem), problem.status as never, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}
