/**
 * A router whose validation failures become the API's error shape (400 naming the field, or 413), and which renders
 * the API's own errors itself, so a sub-app (tickets, events, insights) answers correctly on its own too. Anything
 * else (a bug) goes on to the host app's onError, which logs it and answers 500.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './deps.ts';
import { ApiError, fromHttpException, validationError } from './errors.ts';

export function createRouter(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  router.onError((error, c) => {
    if (error instanceof ApiError) return error.render(c);
    if (error instanceof HTTPException) return fromHttpException(error).render(c);
    throw error;
  });
  return router;
}
