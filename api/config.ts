/**
 * API configuration: named defaults in one place, and a pure parser from an environment record (process.env on
 * Node, bindings elsewhere). Every variable is documented in the README ("Configuration").
 */

/** Hard request limits; not configurable because the OpenAPI document and the error statuses promise them. */
export const LIMITS = {
  /** Request bodies over this many bytes are refused with 413. */
  maxBodyBytes: 16 * 1024,
  /** Problem descriptions (and `q`) over this many characters are refused with 413. */
  maxTextChars: 5000,
  /** A ticket subject over this many characters is a 400 (it is a subject line, not the description). */
  maxSubjectChars: 300,
  /** Suggestions per response: default and maximum. */
  defaultSuggestions: 5,
  maxSuggestions: 10,
} as const;

/** Defaults chosen to be safe on the open internet: no cross-origin callers, a per-IP budget, short caching. */
export const CONFIG_DEFAULTS = {
  allowedOrigins: [] as string[],
  rateLimit: { max: 120, windowSeconds: 60 },
  trustProxy: false,
  cacheSeconds: 60,
} as const;

export interface RateLimitConfig {
  /** Requests allowed per client IP and window; 0 disables the limit. */
  max: number;
  windowSeconds: number;
}

export interface ApiConfig {
  /** Origins allowed to call the API from a browser (CORS); "*" allows any. Empty: same-origin only. */
  allowedOrigins: string[];
  rateLimit: RateLimitConfig;
  /** Take the client IP from the last X-Forwarded-For entry (set when running behind one reverse proxy). */
  trustProxy: boolean;
  /** max-age of cacheable GET responses. */
  cacheSeconds: number;
  /** The app's version, reported by /api/v1/health and the OpenAPI document. */
  version: string;
}

/** A configuration error that names the variable and what was expected. */
export class ConfigError extends Error {
  constructor(variable: string, expected: string, received: string) {
    super(`api/config: ${variable} ${expected}, got ${JSON.stringify(received)}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses RAHNAMA_* variables into an ApiConfig; unset or empty variables take the defaults. */
export function parseApiConfig(env: Env, version: string): ApiConfig {
  return {
    allowedOrigins: parseOrigins(env.RAHNAMA_ALLOWED_ORIGINS),
    rateLimit: parseRateLimit(env.RAHNAMA_RATE_LIMIT),
    trustProxy: parseBoolean('RAHNAMA_TRUST_PROXY', env.RAHNAMA_TRUST_PROXY, CONFIG_DEFAULTS.trustProxy),
    cacheSeconds: parseInteger('RAHNAMA_CACHE_SECONDS', env.RAHNAMA_CACHE_SECONDS, CONFIG_DEFAULTS.cacheSeconds, 0, 86_400),
    version,
  };
}

function parseOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return [...CONFIG_DEFAULTS.allowedOrigins];
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      if (origin === '*') return origin;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new ConfigError('RAHNAMA_ALLOWED_ORIGINS', 'expected comma-separated origins like "https://shop.example"', origin);
      }
      // An origin is scheme://host[:port] with nothing after it; browsers send exactly that in the Origin header.
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError('RAHNAMA_ALLOWED_ORIGINS', 'expected comma-separated origins like "https://shop.example"', origin);
      }
      return url.origin;
    });
}

/** "120/60" (requests per seconds), "120" (per minute), or "0"/"off" to disable. */
function parseRateLimit(value: string | undefined): RateLimitConfig {
  const text = value?.trim().toLowerCase();
  if (!text) return { ...CONFIG_DEFAULTS.rateLimit };
  if (text === 'off' || text === '0') return { max: 0, windowSeconds: CONFIG_DEFAULTS.rateLimit.windowSeconds };
  const match = /^(\d{1,7})(?:\/(\d{1,6})s?)?$/.exec(text);
  if (!match || Number(match[1]) < 1 || (match[2] !== undefined && Number(match[2]) < 1)) {
    throw new ConfigError('RAHNAMA_RATE_LIMIT', 'expected "<requests>/<seconds>" like "120/60", or "off"', value ?? '');
  }
  return { max: Number(match[1]), windowSeconds: match[2] === undefined ? 60 : Number(match[2]) };
}

function parseBoolean(variable: string, value: string | undefined, fallback: boolean): boolean {
  const text = value?.trim().toLowerCase();
  if (!text) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(variable, 'expected true or false', value ?? '');
}

/** Parses an integer in [min, max]; exported for the server's own variables (PORT). */
export function parseInteger(variable: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const text = value?.trim();
  if (!text) return fallback;
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < min || number > max) {
    throw new ConfigError(variable, `expected an integer from ${min} to ${max}`, value ?? '');
  }
  return number;
}
