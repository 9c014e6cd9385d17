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

/** The SQLSTATE of a database error, whether raw (pg, PGlite) or wrapped by Drizzle. */
function sqlState(error: unknown): string | undefined {
  for (let e: any = error, depth = 0; e && depth < 3; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export function toProblem(error: unknown, instance?: string): ProblemDetails {
  let domain: DomainError;
  const state = sqlState(error);
  if (error instanceof DomainError) domain = error;
  // A constraint the input validation did not foresee is still the caller's error, not a 500.
  else if (state === '23503') domain = new DomainError('validation', { zh: '引用的对象不存在', en: 'A referenced record does not exist' });
  else if (state === '23505') domain = new DomainError('conflict', { zh: '记录已存在', en: 'A record with the same key already exists' });
  else if (state === '23514') domain = new DomainError('validation', { zh: '输入不符合数据规则', en: 'The input breaks a data rule' });
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
