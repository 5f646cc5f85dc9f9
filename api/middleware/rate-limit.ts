/**
 * A fixed-window request budget per client key (the client IP). In memory, so it limits one process; a
 * deployment with several processes puts its limit in the reverse proxy instead.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import type { RateLimitConfig } from '../config.ts';

export interface RateLimitOptions extends RateLimitConfig {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** The client's key; requests without one share the key "unknown". */
  key: (c: Context) => string | undefined;
}

/** Windows are dropped once this many keys are tracked and theirs has ended, so memory stays bounded. */
const PRUNE_AT_KEYS = 10_000;

interface Window {
  count: number;
  resetAt: number;
}

/** Answers 429 with Retry-After once a key has used its budget; sets RateLimit-* headers on every response. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, Window>();
  const windowMs = options.windowSeconds * 1000;

  return function rateLimitMiddleware(c, next) {
    if (options.max <= 0) return next();
    const now = options.now();
    const key = options.key(c) ?? 'unknown';
    let window = windows.get(key);
    if (!window || window.resetAt <= now) {
      if (windows.size >= PRUNE_AT_KEYS) prune(windows, now);
      window = { count: 0, resetAt: now + windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    const headers = {
      'RateLimit-Limit': String(options.max),
      'RateLimit-Remaining': String(Math.max(0, options.max - window.count)),
      'RateLimit-Reset': String(resetSeconds),
    };
    if (window.count > options.max) {
      throw new ApiError(429, { headers: { ...headers, 'Retry-After': String(resetSeconds) } });
    }
    // Set before the route runs, so its response is built with them (and the middleware needs no await).
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return next();
  };
}

function prune(windows: Map<string, Window>, now: number): void {
  for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
}

/** The client's address for the rate limit: the socket peer, or with a trusted proxy the last X-Forwarded-For entry. */
export function clientKey(trustProxy: boolean, peerAddress?: (c: Context) => string | undefined) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return peerAddress?.(c);
  };
}
