/**
 * Runs several "before the route" middlewares as one Hono middleware. Each must act only before the route: set
 * headers with `c.header()`, check a limit, throw an ApiError or answer itself, and otherwise `return next()` without
 * looking at the response afterwards (a middleware that awaits `next()`, or answers after it, needs its own `use()`).
 * Hono dispatches every registered middleware through its own async step; with this the suggestion path takes one
 * step for four such middlewares (`npm run bench:api`, api/README.md).
 */
import type { Env, MiddlewareHandler } from 'hono';

export function beforeRoute<E extends Env>(...handlers: MiddlewareHandler<E>[]): MiddlewareHandler<E> {
  return function beforeRouteMiddleware(c, next) {
    let position = 0;
    const step = (): Promise<void> => {
      const handler = handlers[position++];
      return handler ? (handler(c, step) as Promise<void>) : next();
    };
    return step();
  };
}
