/**
 * Ticket intake: the routes (runtime-neutral), the storage contract, the embedded SQLite store and the outbox
 * forwarder. Re-exports only; the SQLite store is the one Node-only module and has its own entry so a non-Node
 * host can import the rest: `api/tickets/sqlite-store.ts`.
 */
export { parseTicketsConfig, TICKET_DEFAULTS, TICKET_LIMITS, type TicketsConfig, type WebhookConfig } from './config.ts';
export { MIGRATIONS, type Dialect, type Migration } from './migrations.ts';
export { backoffDelay, OUTBOX_DEFAULTS, OutboxForwarder, startOutbox, webhookPayload, type BackoffPolicy, type ForwarderEvent, type ForwarderOptions } from './outbox.ts';
export { ticketRoutes, TICKET_ERRORS, type TicketRoutesDeps } from './routes.ts';
export { DELIVERY_HEADER, SIGNATURE_HEADER, signBody, verifySignature } from './signature.ts';
export * from './store.ts';
