/**
 * Ticket intake on Node, for api/server.ts: opens the SQLite store under the data directory, starts the outbox
 * forwarder when a webhook is configured, logs its deliveries, and closes both in the right order.
 */
import type { Clock } from '../deps.ts';
import type { Logger } from '../middleware/access-log.ts';
import type { TicketsConfig } from './config.ts';
import { startOutbox, type ForwarderEvent, type OutboxForwarder } from './outbox.ts';
import type { TicketRoutesDeps } from './routes.ts';
import { openSqliteTicketStore } from './sqlite-store.ts';
import type { OutboxStore, TicketStore } from './store.ts';

export interface TicketIntake {
  store: TicketStore & OutboxStore;
  /** Null when no webhook is configured: tickets stay in the database. */
  outbox: OutboxForwarder | null;
  /** What ticketRoutes needs (the app adds its clock). */
  routes: Omit<TicketRoutesDeps, 'clock'>;
  /** Stops the forwarder (after the delivery in flight), then closes the database. */
  close(): Promise<void>;
}

export function openTicketIntake(options: { config: TicketsConfig; logger: Logger; clock?: Clock; store?: TicketStore & OutboxStore }): TicketIntake {
  const { config, logger } = options;
  const store = options.store ?? openSqliteTicketStore({ dataDir: config.dataDir, referencePrefix: config.referencePrefix });
  const outbox = startOutbox({ store, webhook: config.webhook, clock: options.clock, onEvent: (event) => logger.write(logEntry(event)) });
  logger.write({
    time: new Date().toISOString(),
    level: 'info',
    msg: 'tickets ready',
    dataDir: config.dataDir,
    webhook: config.webhook ? new URL(config.webhook.url).origin : null,
    admin: config.adminToken !== null,
  });
  return {
    store,
    outbox,
    routes: {
      store,
      config,
      onTicketCreated: () => outbox?.wake(),
      outbox: {
        summary: () => store.outboxSummary(),
        requeue: async (now, ticketId) => {
          const requeued = await store.requeue(now, ticketId);
          outbox?.wake();
          return requeued;
        },
        webhook: config.webhook !== null,
      },
    },
    close: async () => {
      await outbox?.stop();
      await store.close();
    },
  };
}

/** One log line per delivery attempt; ticket ids only, never the customer's text or address. */
function logEntry(event: ForwarderEvent) {
  const time = new Date().toISOString();
  switch (event.type) {
    case 'delivered':
      return { time, level: 'info' as const, msg: 'webhook delivered', ticketId: event.ticketId, attempts: event.attempts, status: event.status };
    case 'failed':
      return {
        time,
        level: 'warn' as const,
        msg: 'webhook failed',
        ticketId: event.ticketId,
        attempts: event.attempts,
        error: event.error,
        nextAttemptAt: new Date(event.nextAttemptAt).toISOString(),
      };
    case 'refused':
      return { time, level: 'error' as const, msg: 'webhook refused the ticket', ticketId: event.ticketId, attempts: event.attempts, error: event.error };
    case 'error':
      return { time, level: 'error' as const, msg: 'outbox error', error: event.error };
  }
}
