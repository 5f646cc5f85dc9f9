/**
 * A request id for every request: the caller's X-Request-Id when it is a sane token (so a help desk can correlate
 * its own logs), otherwise a new UUID. The access log (access-log.ts) assigns it, echoes it in the response header
 * and writes it in the request's log line; same contract as `hono/request-id`.
 */
import type { Context } from 'hono';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const MAX_LENGTH = 255;
const UNSAFE = /[^\w\-=]/;

/** The request's id: the incoming header when it is safe to echo and log, otherwise a new UUID. */
export function requestIdFor(c: Context): string {
  const incoming = c.req.header(REQUEST_ID_HEADER);
  return !incoming || incoming.length > MAX_LENGTH || UNSAFE.test(incoming) ? crypto.randomUUID() : incoming;
}
