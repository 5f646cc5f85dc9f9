/**
 * Security headers for API responses. They are set before the route runs, so every response made through the
 * context carries them (errors included), and a route that needs a different policy (the HTML reference page)
 * overrides one by passing its own header. Setting them up front, rather than patching the finished response, keeps
 * the middleware synchronous: no extra await per request on the suggestion path.
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
  const entries = Object.entries(headers);
  return function securityHeadersMiddleware(c, next) {
    for (const [name, value] of entries) c.header(name, value);
    return next();
  };
}
