/**
 * Security headers for API responses. A route that needs a different policy (the HTML reference page) sets its
 * own header and this middleware leaves it alone.
 */
import type { MiddlewareHandler } from 'hono';

/** Strict defaults: API responses are data, never documents to render, frame or run. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  // Ignored by browsers over plain HTTP; effective once a TLS proxy serves the API.
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
};

export function securityHeaders(headers: Readonly<Record<string, string>> = API_SECURITY_HEADERS): MiddlewareHandler {
  return async function securityHeadersMiddleware(c, next) {
    await next();
    for (const [name, value] of Object.entries(headers)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}
