/** What createApp needs from its host; the Node server passes real ones, tests pass doubles. */
import type { Context } from 'hono';
import type { ApiConfig } from './config.ts';
import type { IndexProvider } from './index-provider.ts';
import type { Logger, LogVariables } from './middleware/access-log.ts';
import type { TicketRoutesDeps } from './tickets/routes.ts';
import type { EventCounters } from './events/queue.ts';
import type { EventRoutesDeps } from './events/routes.ts';
import type { InsightsRoutesDeps } from './insights/routes.ts';

export interface Clock {
  /** Milliseconds since the epoch; fractional values give finer request timings. */
  now(): number;
}

export interface AppDeps {
  indexes: IndexProvider;
  config: ApiConfig;
  logger: Logger;
  clock?: Clock;
  /**
   * The address of the peer that sent the request (the rate limit's key), when the runtime knows it. On Node the
   * server reads it from the socket; with config.trustProxy the app uses X-Forwarded-For instead.
   */
  peerAddress?: (c: Context) => string | undefined;
  /** Ticket intake (api/tickets): when given, POST /tickets and the admin routes are mounted under /api/v1. */
  tickets?: Omit<TicketRoutesDeps, 'clock'>;
  /** Events and insights (api/events, api/insights): when given, POST /events and GET /admin/insights are mounted. */
  events?: {
    routes: Omit<EventRoutesDeps, 'clock'>;
    insights: Omit<InsightsRoutesDeps, 'clock'>;
    /** Accepted, written, queued and dropped events since start, shown by /health. */
    counters: () => EventCounters;
  };
}

/** The Hono environment shared by the app and its routers. */
export interface AppEnv {
  Variables: LogVariables;
}

/** performance.now() on the epoch scale: fractional, monotonic within a process. */
export const systemClock: Clock = { now: () => performance.timeOrigin + performance.now() };
