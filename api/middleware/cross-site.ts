/**
 * Requests a browser sends from another site's page without a CORS preflight (a plain HTML form post, a
 * `navigator.sendBeacon` text/plain body) are sent whatever the API answers, each from the visitor's own address, so a
 * page anywhere could make its visitors' browsers post to the routes that take them, around the per-address rate
 * limit. Browsers mark such a request `Sec-Fetch-Site: cross-site` (a header pages cannot set); those routes refuse it
 * unless the page's `Origin` is allowed. Same-origin and same-site requests (the API on a sibling host), a typed URL
 * (`none`) and clients that send no such header (curl, older browsers) pass; the rate limit still applies to them.
 */
import type { Context } from 'hono';

/** Which page origins may send cross-site requests to a route. */
export type OriginAllowed = (origin: string) => boolean;

/**
 * The origins listed in RAHNAMA_ALLOWED_ORIGINS; `*` counts only when `anyCounts` (a route that CORS already opens to
 * every origin gains nothing by refusing its simple requests).
 */
export function listedOrigins(allowedOrigins: readonly string[], { anyCounts }: { anyCounts: boolean }): OriginAllowed {
  if (anyCounts && allowedOrigins.includes('*')) return () => true;
  const listed = new Set(allowedOrigins.filter((origin) => origin !== '*'));
  return (origin) => listed.has(origin);
}

/** True when the request comes from another site's page whose origin is not allowed. */
export function crossSiteRefused(c: Context, allowed: OriginAllowed): boolean {
  return c.req.header('Sec-Fetch-Site') === 'cross-site' && !allowed(c.req.header('Origin') ?? '');
}
