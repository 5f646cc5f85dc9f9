/**
 * CORS for an allowlist of origins. Preflights (OPTIONS) are answered by Hono's cors middleware; every other request
 * gets the same headers Hono's would give it, but set once on the final response after the handler instead of on
 * `c.res` before it. Touching `c.res` before the handler makes Hono build a placeholder response and then copy it
 * into the handler's, and setting a header with `c.header()` afterwards rebuilds the response around its body
 * stream: on @hono/node-server either one turns a ready string body into a web stream that is read back chunk by
 * chunk for every request.
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

  return async function corsMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = allowOrigin(c.req.header('Origin') || '');
    await next();
    const headers = c.res.headers;
    if (origin) headers.set('Access-Control-Allow-Origin', origin);
    if (exposeHeaders) headers.set('Access-Control-Expose-Headers', exposeHeaders);
    // The answer depends on the Origin header (Hono's cors adds this for an origin function, as here).
    headers.append('Vary', 'Origin');
  };
}
