/**
 * The app as api/server.ts builds it (createApp with tickets, events and insights mounted), served on 127.0.0.1 and a
 * free port over the given storage, for tests that drive the event and insight routes through real HTTP.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../../api/app.ts';
import { CONFIG_DEFAULTS } from '../../../api/config.ts';
import { EventQueue, type EventQueueOptions } from '../../../api/events/queue.ts';
import type { Storage } from '../../../api/storage/node.ts';
import { fakeProvider } from '../fake-index.ts';

export async function serveWithEvents(
  storage: Pick<Storage, 'tickets' | 'events'>,
  options: { adminToken: string; queue?: Partial<EventQueueOptions>; eventsDown?: boolean },
) {
  const down = { insert: async () => Promise.reject(new Error('connect ECONNREFUSED')) };
  const queue = new EventQueue({ flushMs: 200, ...options.queue, store: options.eventsDown ? down : storage.events });
  const app = createApp({
    indexes: fakeProvider(),
    config: { allowedOrigins: [], rateLimit: { ...CONFIG_DEFAULTS.rateLimit, max: 0 }, trustProxy: false, cacheSeconds: 60, version: 'test' },
    logger: { write: () => {} },
    tickets: { store: storage.tickets, config: { adminToken: options.adminToken } },
    events: {
      routes: { queue },
      insights: { store: storage.events, catalog: () => [], config: { adminToken: options.adminToken, deflectionWindowMinutes: 30, staleAfterDays: 365 } },
      counters: () => queue.counters(),
    },
  });
  const server = await new Promise<ServerType>((done) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => done(listening));
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    queue,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await queue.stop();
      await storage.tickets.close();
      await storage.events.close();
    },
  };
}
