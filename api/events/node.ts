/**
 * Events and insights on a server, for api/server.ts: the queue in front of the event store, the retention purge
 * (at start and hourly), the route deps of POST /events and GET /admin/insights, the counters for /health, and a
 * close() that writes what is queued before the store closes. Log lines carry counts only, never event content.
 */
import { type Clock, systemClock } from '../deps.ts';
import type { InsightsRoutesDeps } from '../insights/routes.ts';
import type { ArticleMeta } from '../insights/report.ts';
import type { Logger } from '../middleware/access-log.ts';
import type { EventsConfig } from './config.ts';
import { EventQueue, type EventCounters } from './queue.ts';
import { startRetention, type Retention } from './retention.ts';
import type { EventRoutesDeps } from './routes.ts';
import type { EventStore } from './store.ts';

export interface EventsService {
  queue: EventQueue;
  retention: Retention;
  /** For eventRoutes (the app adds its clock). */
  routes: Omit<EventRoutesDeps, 'clock'>;
  /** For insightsRoutes (the app adds its clock). */
  insights: Omit<InsightsRoutesDeps, 'clock'>;
  /** Accepted, written, queued and dropped events since start: what /health shows. */
  counters(): EventCounters;
  /** Stops the purge timer, writes the queued events, closes the store. */
  close(): Promise<void>;
}

export function startEvents(options: {
  store: EventStore;
  config: EventsConfig;
  adminToken: string | null;
  catalog: () => Promise<readonly ArticleMeta[]>;
  logger: Logger;
  clock?: Clock;
}): EventsService {
  const { store, logger } = options;
  const clock = options.clock ?? systemClock;
  const time = () => new Date(clock.now()).toISOString();
  const queue = new EventQueue({
    store,
    onError: (error, dropped) => logger.write({ time: time(), level: 'warn', msg: 'events dropped', dropped, error: error.message }),
  });
  const retention = startRetention({
    store,
    retentionDays: options.config.retentionDays,
    clock,
    onPurge: (result) =>
      logger.write(
        'error' in result
          ? { time: time(), level: 'warn', msg: 'event purge failed', error: result.error.message }
          : { time: time(), level: 'info', msg: 'events purged', deleted: result.deleted, before: new Date(result.before).toISOString() },
      ),
  });
  return {
    queue,
    retention,
    routes: { queue },
    insights: { store, catalog: options.catalog, config: { adminToken: options.adminToken, ...options.config } },
    counters: () => queue.counters(),
    close: async () => {
      retention.stop();
      await retention.started;
      await queue.stop();
      await store.close();
    },
  };
}
