/**
 * CORS for an allowlist of origins. Preflights (OPTIONS) are answered by Hono's cors middleware; every other request
 * gets its headers with `c.header()` before the handler runs, so the handler's response is built with them and the
 * middleware stays synchronous. (Touching `c.res` before the handler would make Hono build a placeholder response
 * and copy it; setting headers on the finished response costs an await per request.)
 *
 * The headers follow the allowlist: an allowed origin gets Access-Control-Allow-Origin and -Expose-Headers; with
 * specific origins configured every response says `Vary: Origin`, since it differs by origin; with none configured,
 * or "*", responses do not depend on the origin and carry no Vary for it. A route that varies on something else adds
 * to Vary with `c.header('Vary', ..., { append: true })`.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsOptions {
  /** Origins allowed to call from a browser; "*" allows any. */
  allowedOrigins: readonly string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAge: number;
}

export function corsAllowlist(options: CorsOptions): MiddlewareHandler {
  const anyOrigin = options.allowedOrigins.includes('*');
  const allowed = new Set(options.allowedOrigins);
  const allowOrigin = (origin: string): string | null => (anyOrigin ? '*' : allowed.has(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: options.allowMethods,
    allowHeaders: options.allowHeaders,
    exposeHeaders: options.exposeHeaders,
    maxAge: options.maxAge,
  });
  const exposeHeaders = options.exposeHeaders.join(',');

  const varies = options.allowedOrigins.length > 0 && !anyOrigin;
  return function corsMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    if (varies) c.header('Vary', 'Origin', { append: true });
    if (options.allowedOrigins.length === 0) return next();
    const origin = allowOrigin(c.req.header('Origin') || '');
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      if (exposeHeaders) c.header('Access-Control-Expose-Headers', exposeHeaders);
    }
    return next();
  };
}
