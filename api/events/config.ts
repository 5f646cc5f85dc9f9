/**
 * Event and insight configuration: named defaults and limits in one place, and a pure parser from an environment
 * record (process.env on Node). Every variable is documented in api/events/README.md.
 */
import { parseInteger } from '../config.ts';

/** Hard limits of POST /events; the OpenAPI document promises them. */
export const EVENT_LIMITS = {
  /** Events per request: the browser batches and flushes at most this many at once. */
  maxEvents: 100,
  /** Request bodies over this many bytes are refused with 413. */
  maxBodyBytes: 64 * 1024,
  /** Query text kept per event (after redaction); longer text is cut. */
  maxQueryChars: 500,
  /** Suggestions per suggestion_shown event, ids per ticket_submitted list. */
  maxResults: 10,
  /** Optional "why not helpful" text of an article vote. */
  maxReasonChars: 300,
  /** Client timestamps older than this (after the batch's clock-skew correction) are clamped to it. */
  maxEventAgeMs: 24 * 60 * 60 * 1000,
} as const;

/** The server-side queue between the route and the database. */
export const QUEUE_DEFAULTS = {
  /** Events waiting in memory at most; beyond this new events are dropped and counted. */
  maxQueued: 20_000,
  /** Events written in one database transaction. */
  batchSize: 500,
  /** A partial batch is written after this long. */
  flushMs: 1000,
} as const;

export const EVENT_DEFAULTS = {
  retentionDays: 90,
  /** How often the retention purge runs (it also runs at start). */
  purgeEveryMs: 60 * 60 * 1000,
  deflectionWindowMinutes: 30,
  staleAfterDays: 365,
} as const;

export interface EventsConfig {
  /** Events older than this many days are deleted. */
  retentionDays: number;
  /** A session that opened a suggestion and filed no ticket within this many minutes is a probable deflection. */
  deflectionWindowMinutes: number;
  /** An article whose `updated` date is older than this many days is stale. */
  staleAfterDays: number;
}

/** Parses RAHNAMA_EVENTS_RETENTION_DAYS, RAHNAMA_DEFLECTION_WINDOW_MINUTES and RAHNAMA_STALE_AFTER_DAYS. */
export function parseEventsConfig(env: Record<string, string | undefined>): EventsConfig {
  return {
    retentionDays: parseInteger('RAHNAMA_EVENTS_RETENTION_DAYS', env.RAHNAMA_EVENTS_RETENTION_DAYS, EVENT_DEFAULTS.retentionDays, 1, 3650),
    deflectionWindowMinutes: parseInteger(
      'RAHNAMA_DEFLECTION_WINDOW_MINUTES',
      env.RAHNAMA_DEFLECTION_WINDOW_MINUTES,
      EVENT_DEFAULTS.deflectionWindowMinutes,
      1,
      24 * 60,
    ),
    staleAfterDays: parseInteger('RAHNAMA_STALE_AFTER_DAYS', env.RAHNAMA_STALE_AFTER_DAYS, EVENT_DEFAULTS.staleAfterDays, 1, 3650),
  };
}
