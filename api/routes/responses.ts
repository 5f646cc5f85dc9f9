/** OpenAPI response descriptions shared by the routes. */
import type { z } from '@hono/zod-openapi';
import { ERROR_MESSAGES, type ErrorStatus } from '../errors.ts';
import { ErrorSchema } from '../schemas.ts';

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Invalid input; "fields" names each invalid field.',
  403: ERROR_MESSAGES[403],
  404: ERROR_MESSAGES[404],
  405: ERROR_MESSAGES[405],
  408: ERROR_MESSAGES[408],
  413: ERROR_MESSAGES[413],
  415: ERROR_MESSAGES[415],
  429: 'Rate limit exceeded; the Retry-After header says when to retry.',
  431: ERROR_MESSAGES[431],
  500: 'Unexpected server error (no details are exposed).',
  503: 'The search index is not loaded yet; the Retry-After header says when to retry.',
};

/** The error responses of a route, all in the one error shape. */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((status) => [status, jsonContent(ErrorSchema, ERROR_DESCRIPTIONS[status])])) as Record<
    S,
    ReturnType<typeof jsonContent<typeof ErrorSchema>>
  >;
}
