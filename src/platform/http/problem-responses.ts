import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('English message'),
    detailZh: z.string().describe('Simplified Chinese message'),
    code: z.string().describe('Stable error code, e.g. validation, not_found'),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() }))
      .optional()
      .describe('Field-level detail for validation errors'),
  })
  .openapi('Problem');

/** A documented JSON response for a route's `responses` map. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Declared on every route so the OpenAPI document shows what can go wrong. */
export const standardProblems = {
  422: problem('Input validation failed (RFC 9457 problem details with field errors)'),
  500: problem('Unexpected error; no internals are exposed'),
} as const;

export const notFoundProblem = { 404: problem('No such resource') } as const;
export const conflictProblem = { 409: problem('Conflicts with the current state') } as const;
export const badRequestProblem = { 400: problem('Malformed request') } as const;
export const authProblems = {
  401: problem('Not signed in'),
  403: problem('Role not permitted, or CSRF token missing'),
} as const;
export const rateLimitedProblem = { 429: problem('Too many attempts, or the account is temporarily locked') } as const;
