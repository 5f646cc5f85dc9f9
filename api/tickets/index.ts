/**
 * Ticket intake: the routes, the storage contract, the migrations and the outbox forwarder, all runtime-neutral.
 * Re-exports only. The two Node-only modules are imported by path so a non-Node host can import this entry:
 * `api/tickets/sqlite-store.ts` (the embedded store) and `api/tickets/node.ts` (openTicketIntake, for the server).
 */
export { parseTicketsConfig, TICKET_DEFAULTS, TICKET_LIMITS, type TicketsConfig, type WebhookConfig } from './config.ts';
export { MIGRATIONS, type Dialect, type Migration } from './migrations.ts';
export { backoffDelay, OUTBOX_DEFAULTS, OutboxForwarder, REFUSAL_STATUSES, startOutbox, webhookPayload, type BackoffPolicy, type ForwarderEvent, type ForwarderOptions } from './outbox.ts';
export { adminAuth, ticketRoutes, TICKET_ERRORS, type TicketRoutesDeps } from './routes.ts';
export { DELIVERY_HEADER, SIGNATURE_HEADER, signBody, verifySignature } from './signature.ts';
export * from './store.ts';
