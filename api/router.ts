/** A router whose validation failures become the API's error shape (400 naming the field, or 413). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './deps.ts';
import { validationError } from './errors.ts';

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}
