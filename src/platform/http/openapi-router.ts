import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '../errors/domain-error.ts';
import { zodIssuesToFields } from '../errors/problem-details.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Every module router is made here, so request validation failures everywhere become the same
 * 422 problem+json with field-level detail (the error handler in create-app renders it).
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new DomainError(
          'validation',
          { zh: '输入校验失败，请检查标注的字段', en: 'Input validation failed; see the fields listed' },
          zodIssuesToFields(result.error, result.target === 'json' ? '' : result.target),
        );
      }
    },
  });
}

export type Router = ReturnType<typeof createRouter>;
