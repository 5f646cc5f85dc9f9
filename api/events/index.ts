/**
 * First-party events: the POST /events route, the schemas, redaction, the queue, retention and the storage
 * contract, all runtime-neutral. Re-exports only. Node-only modules are imported by path: `sqlite-store.ts`,
 * `postgres-store.ts` and `node.ts` (startEvents, for the server).
 */
export { EVENT_DEFAULTS, EVENT_LIMITS, parseEventsConfig, QUEUE_DEFAULTS, type EventsConfig } from './config.ts';
export { EVENT_MIGRATIONS, EVENT_MIGRATIONS_TABLE } from './migrations.ts';
export { eventTime, queryTerms, safeText, toStoredEvents } from './normalise.ts';
export { EventQueue, type EventCounters, type EventQueueOptions } from './queue.ts';
export { MIN_REDACTED_DIGITS, PLACEHOLDER_PATTERN, PLACEHOLDERS, redact } from './redact.ts';
export { retentionCutoff, startRetention, type Retention, type RetentionOptions } from './retention.ts';
export { EVENT_MESSAGES, eventRoutes, type EventRoutesDeps } from './routes.ts';
export * from './schemas.ts';
export type { EventStore, TicketFact, TimeRange } from './store.ts';
