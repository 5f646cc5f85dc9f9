/**
 * GET /admin/insights (JSON, or CSV with ?format=csv) and GET /admin/insights.csv, as a sub-app mounted with
 * `app.route('/api/v1', insightsRoutes(deps))`. Behind the tickets' admin bearer token (adminAuth): 401 without
 * it, 404 when no token is configured. Runtime-neutral: the store and the article catalog are injected.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Locale } from '../../search-index/core/schemas.ts';
import { type AppEnv, type Clock, systemClock } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { EventsConfig } from '../events/config.ts';
import type { EventStore } from '../events/store.ts';
import { errorResponses, jsonContent } from '../routes/responses.ts';
import { createRouter } from '../router.ts';
import { ErrorSchema } from '../schemas.ts';
import { adminAuth } from '../tickets/routes.ts';
import type { TicketsConfig } from '../tickets/config.ts';
import { reportToCsv } from './csv.ts';
import { dayIn, startOfDay, validTimeZone } from './days.ts';
import { ReportBuilder, type ArticleMeta, type InsightsReport } from './report.ts';
import { InsightsQuerySchema, InsightsReportSchema } from './schemas.ts';

export interface InsightsRoutesDeps {
  store: Pick<EventStore, 'sessionsStartingIn' | 'sessionEvents' | 'ticketsByKey' | 'ticketsCreatedIn'>;
  config: Pick<TicketsConfig, 'adminToken'> & Pick<EventsConfig, 'deflectionWindowMinutes' | 'staleAfterDays'>;
  /** Articles and video guides with their dates, for titles and the stale list (api/insights/catalog.ts on Node). */
  catalog: () => Promise<readonly ArticleMeta[]> | readonly ArticleMeta[];
  clock?: Clock;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The widest range one report covers. */
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const adminSecurity = [{ adminToken: [] }];
const errorContent = (description: string) => jsonContent(ErrorSchema, description);
const responses = {
  400: errorContent('Invalid from, to, locale or format; "fields" names it.'),
  401: errorContent('Missing or wrong admin token.'),
  404: errorContent('Admin routes are disabled (no RAHNAMA_ADMIN_TOKEN).'),
  ...errorResponses(429, 500),
};

const insightsRoute = createRoute({
  method: 'get',
  path: '/admin/insights',
  operationId: 'insights',
  tags: ['Admin'],
  summary: 'Deflection funnel, content gaps, article rankings and stale articles',
  security: adminSecurity,
  request: { query: InsightsQuerySchema },
  responses: {
    200: {
      description: 'The report (JSON), or with format=csv the same numbers as CSV.',
      content: { 'application/json': { schema: InsightsReportSchema }, 'text/csv': { schema: z.string() } },
    },
    ...responses,
  },
});

const insightsCsvRoute = createRoute({
  method: 'get',
  path: '/admin/insights.csv',
  operationId: 'insightsCsv',
  tags: ['Admin'],
  summary: 'The insights report as CSV',
  security: adminSecurity,
  request: { query: InsightsQuerySchema.omit({ format: true }) },
  responses: {
    200: { description: 'CSV (section, day, id, title, terms, metric, value).', content: { 'text/csv': { schema: z.string() } } },
    ...responses,
  },
});

/** The zone of a query: a known IANA name, or UTC when absent. */
export function parseTimeZone(tz: string | undefined): string {
  if (tz === undefined) return 'UTC';
  const zone = validTimeZone(tz);
  if (!zone) throw new ApiError(400, { message: 'Invalid "tz": expected an IANA time zone like Asia/Tehran.', fields: { tz: 'expected an IANA time zone like Asia/Tehran' } });
  return zone;
}

/** Turns the query into a time range: a bare date is its midnight in the zone, and a bare date `to` includes its whole day. */
export function parseRange(query: { from?: string; to?: string }, now: number, timeZone = 'UTC'): { from: number; to: number } {
  const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
  const to = query.to === undefined ? now : isDate(query.to) ? startOfDay(nextDay(query.to), timeZone) : Date.parse(query.to);
  const from = query.from === undefined ? to - DEFAULT_RANGE_DAYS * DAY_MS : isDate(query.from) ? startOfDay(query.from, timeZone) : Date.parse(query.from);
  if (from >= to) throw new ApiError(400, { message: 'Invalid "from": expected a time before "to".', fields: { from: 'expected a time before "to"' } });
  if (to - from > MAX_RANGE_DAYS * DAY_MS) {
    throw new ApiError(400, { message: `Invalid "from": the range is at most ${MAX_RANGE_DAYS} days.`, fields: { from: `expected a range of at most ${MAX_RANGE_DAYS} days` } });
  }
  return { from, to };
}

/** How a report reads its range: named, in one place. */
export const REPORT_READS = {
  /** The range is read a slice at a time: the sessions that start in it, then their events. */
  sliceMs: 6 * 60 * 60 * 1000,
  /** Sessions whose events are read (one query) and added to the report at a time. */
  sessionsPerBatch: 200,
  /**
   * Events of one session a report reads, its earliest. A customer's visit has tens; a script posting events under
   * one session id for hours could have millions, and reading them would hold a batch's memory without bound.
   */
  eventsPerSession: 1000,
  /** After a batch, the event loop gets a turn once the report has held it this long (a turn costs about 1 ms). */
  turnAfterMs: 10,
} as const;

/**
 * Reads what the report needs from the store and builds it. Shared by the route and `npm run report`.
 *
 * A session belongs to the slice its first event falls in, so the slices of the range split its sessions exactly. The
 * ids of one slice's sessions are read, then their events a batch at a time, and between batches the event loop gets
 * a turn every turnAfterMs: memory stays bounded by a batch and a slice's ids however many events the range holds,
 * and a year's report does not hold up the suggestions and tickets other clients are waiting for.
 */
export async function loadReport(
  deps: Pick<InsightsRoutesDeps, 'store' | 'catalog' | 'config'>,
  options: { from: number; to: number; locale?: Locale; now: number; timeZone?: string },
  reads: { sliceMs: number; sessionsPerBatch: number; eventsPerSession: number; turnAfterMs: number } = REPORT_READS,
): Promise<InsightsReport> {
  const windowMs = deps.config.deflectionWindowMinutes * 60_000;
  const builder = new ReportBuilder(await deps.catalog(), { ...options, windowMs, staleAfterDays: deps.config.staleAfterDays });
  let heldSince = performance.now();
  for (let from = options.from; from < options.to; from += reads.sliceMs) {
    const sessionIds = await deps.store.sessionsStartingIn({ from, to: Math.min(options.to, from + reads.sliceMs) });
    for (let start = 0; start < sessionIds.length; start += reads.sessionsPerBatch) {
      const events = await deps.store.sessionEvents(sessionIds.slice(start, start + reads.sessionsPerBatch), { perSession: reads.eventsPerSession });
      const keys = events.flatMap((event) => (event.data.type === 'ticket_submitted' ? [event.data.ticketId, event.data.reference] : [])).filter((key): key is string => Boolean(key));
      builder.addSessions(events, keys.length > 0 ? await deps.store.ticketsByKey(keys) : []);
      if (performance.now() - heldSince >= reads.turnAfterMs) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        heldSince = performance.now();
      }
    }
  }
  builder.addTickets(await deps.store.ticketsCreatedIn({ from: options.from, to: options.to }));
  return builder.finish();
}

function csvResponse(c: Context<AppEnv>, report: InsightsReport) {
  // The first and the last day covered, in the report's zone.
  const first = dayIn(Date.parse(report.from), report.timeZone);
  const last = dayIn(Date.parse(report.to) - 1, report.timeZone);
  const name = `rahnama-insights-${first}-${last}${report.locale ? `-${report.locale}` : ''}.csv`;
  return c.body(reportToCsv(report), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
}

export function insightsRoutes(deps: InsightsRoutesDeps) {
  const clock = deps.clock ?? systemClock;
  const app = createRouter();
  // Scoped to these paths: app.route() copies middleware into the host's router.
  app.use('/admin/insights', adminAuth(deps.config.adminToken));
  app.use('/admin/insights.csv', adminAuth(deps.config.adminToken));

  const report = (query: { from?: string; to?: string; locale?: Locale; tz?: string }) => {
    const now = Math.floor(clock.now());
    const timeZone = parseTimeZone(query.tz);
    return loadReport(deps, { ...parseRange(query, now, timeZone), locale: query.locale, now, timeZone });
  };

  return app
    .openapi(insightsCsvRoute, async (c) => csvResponse(c, await report(c.req.valid('query'))) as never)
    .openapi(insightsRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await report(query);
      if (query.format === 'csv') return csvResponse(c, result) as never;
      return c.json(result, 200, { 'Cache-Control': 'no-store' });
    });
}
