/**
 * Ticket intake configuration: named defaults in one place and a pure parser from an environment record
 * (process.env on Node). Every variable is documented in the README ("Configuration").
 */
import { ConfigError, parseInteger } from '../config.ts';

/** Defaults chosen so a fresh install keeps every ticket and exposes nothing. */
export const TICKET_DEFAULTS = {
  /** Where the SQLite file lives, relative to the working directory. */
  dataDir: './data',
  /** Prefix of the human-friendly reference ("TZ-7K3Q9D"); the demo company is TizNet. */
  referencePrefix: 'TZ',
  /** Admin tokens shorter than this are refused at start-up: they could be guessed. */
  minAdminTokenChars: 16,
  /** How long the forwarder waits for the help desk to answer one delivery. */
  webhookTimeoutMs: 10_000,
  /** Refusals in a row (HTTP 400, 410, 413, 422) after which a ticket is set aside: about 15 s of retries. */
  webhookRefusals: 5,
} as const;

/** Hard limits of a ticket; the OpenAPI document and the error messages promise them. */
export const TICKET_LIMITS = {
  subject: { min: 3, max: 200 },
  /** The maximum matches the API's text limit (LIMITS.maxTextChars): longer descriptions are a 413. */
  description: { min: 10, max: 5000 },
  /** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
  emailMax: 254,
  suggestionsShownMax: 10,
  idempotencyKey: { min: 8, max: 128 },
  /** Admin list page size: default and maximum. */
  pageDefault: 20,
  pageMax: 100,
} as const;

export interface WebhookConfig {
  /** http(s) URL of the help desk's intake endpoint. */
  url: string;
  /** Shared secret for the HMAC-SHA256 signature in X-Rahnama-Signature. */
  secret: string;
  timeoutMs: number;
  /** The help desk's refusals of one ticket in a row after which it is set aside (api/tickets/outbox.ts). */
  refuseAfter: number;
}

export interface TicketsConfig {
  dataDir: string;
  /** Bearer token of the admin routes; null disables them (they answer 404). */
  adminToken: string | null;
  /** Where tickets are forwarded; null keeps them in the database only. */
  webhook: WebhookConfig | null;
  referencePrefix: string;
}

type Env = Record<string, string | undefined>;

/** Parses RAHNAMA_DATA_DIR, RAHNAMA_ADMIN_TOKEN, RAHNAMA_WEBHOOK_* and RAHNAMA_TICKET_PREFIX. */
export function parseTicketsConfig(env: Env): TicketsConfig {
  return {
    dataDir: env.RAHNAMA_DATA_DIR?.trim() || TICKET_DEFAULTS.dataDir,
    adminToken: parseAdminToken(env.RAHNAMA_ADMIN_TOKEN),
    webhook: parseWebhook(env),
    referencePrefix: parsePrefix(env.RAHNAMA_TICKET_PREFIX),
  };
}

function parseAdminToken(value: string | undefined): string | null {
  const token = value?.trim();
  if (!token) return null;
  if (token.length < TICKET_DEFAULTS.minAdminTokenChars || /\s/.test(token)) {
    throw new ConfigError(
      'RAHNAMA_ADMIN_TOKEN',
      `expected at least ${TICKET_DEFAULTS.minAdminTokenChars} characters without spaces`,
      `${token.length} characters`,
    );
  }
  return token;
}

function parseWebhook(env: Env): WebhookConfig | null {
  const url = env.RAHNAMA_WEBHOOK_URL?.trim();
  const secret = env.RAHNAMA_WEBHOOK_SECRET?.trim();
  if (!url) {
    if (secret) throw new ConfigError('RAHNAMA_WEBHOOK_URL', 'must be set when RAHNAMA_WEBHOOK_SECRET is', '');
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('RAHNAMA_WEBHOOK_URL', 'expected an http(s) URL', url);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new ConfigError('RAHNAMA_WEBHOOK_URL', 'expected an http(s) URL', url);
  // An unsigned webhook would let anyone who finds the help desk's URL file tickets into it.
  if (!secret) throw new ConfigError('RAHNAMA_WEBHOOK_SECRET', 'must be set when RAHNAMA_WEBHOOK_URL is', '');
  return {
    url: parsed.href,
    secret,
    timeoutMs: parseInteger('RAHNAMA_WEBHOOK_TIMEOUT_MS', env.RAHNAMA_WEBHOOK_TIMEOUT_MS, TICKET_DEFAULTS.webhookTimeoutMs, 100, 120_000),
    refuseAfter: parseInteger('RAHNAMA_WEBHOOK_REFUSALS', env.RAHNAMA_WEBHOOK_REFUSALS, TICKET_DEFAULTS.webhookRefusals, 1, 100),
  };
}

function parsePrefix(value: string | undefined): string {
  const prefix = value?.trim();
  if (!prefix) return TICKET_DEFAULTS.referencePrefix;
  if (!/^[A-Z]{1,6}$/.test(prefix)) throw new ConfigError('RAHNAMA_TICKET_PREFIX', 'expected 1 to 6 capital letters A-Z', prefix);
  return prefix;
}
