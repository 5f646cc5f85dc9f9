/**
 * POST /events as a sub-app, mounted with `app.route('/api/v1', eventRoutes(deps))`. Runtime-neutral.
 *
 * The body is a batch `{ sessionId, sentAt?, locale?, events: [...] }` as JSON; `text/plain` is accepted too,
 * because `navigator.sendBeacon` on page hide sends a string without a CORS preflight; from another site's page it is
 * taken only when that origin is in RAHNAMA_ALLOWED_ORIGINS (`*` included), as CORS requires of a JSON fetch, and is
 * otherwise refused with 403 `cross_site` (middleware/cross-site.ts). The answer is 202 at once:
 * the events go to an in-memory queue (api/events/queue.ts), never straight to the database. Nothing about the
 * sender is read or kept: no cookie is set or read, no IP address or user agent is stored.
 */
import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { type Clock, systemClock } from '../deps.ts';
import { ApiError, ERROR_MESSAGES, validationError } from '../errors.ts';
import { crossSiteRefused, listedOrigins } from '../middleware/cross-site.ts';
import { errorResponses } from '../routes/responses.ts';
import { createRouter } from '../router.ts';
import { EVENT_LIMITS } from './config.ts';
import { toStoredEvents } from './normalise.ts';
import type { EventQueue } from './queue.ts';
import { EventBatchSchema, EventsAcceptedSchema, type EventBatch } from './schemas.ts';

export interface EventRoutesDeps {
  queue: Pick<EventQueue, 'enqueue'>;
  clock?: Clock;
  /** RAHNAMA_ALLOWED_ORIGINS: the pages on other sites (the widget's) whose beacons are taken. */
  allowedOrigins?: readonly string[];
}

export const EVENT_MESSAGES = {
  tooLarge: `The batch is too large: bodies up to ${EVENT_LIMITS.maxBodyBytes} bytes and ${EVENT_LIMITS.maxEvents} events.`,
} as const;

const postEventsRoute = createRoute({
  method: 'post',
  path: '/events',
  operationId: 'postEvents',
  tags: ['Events'],
  summary: 'Record a batch of help-center events',
  description:
    'Suggestions shown and opened, answer feedback, article votes, searches without results and tickets submitted, for the deflection funnel. ' +
    `Up to ${EVENT_LIMITS.maxEvents} events and ${EVENT_LIMITS.maxBodyBytes} bytes per batch. Query text is redacted (emails, phone numbers, card and IBAN numbers, long digit runs) ` +
    'and reduced to search terms before it is stored. Answers 202 before anything is written; when the database is unavailable events are dropped and counted, never retried by the client.',
  request: {
    body: {
      required: false,
      content: {
        'application/json': { schema: EventBatchSchema },
        'text/plain': { schema: EventBatchSchema },
      },
    },
  },
  responses: {
    202: { content: { 'application/json': { schema: EventsAcceptedSchema } }, description: 'Queued; `accepted` events will be written in the next batch.' },
    ...errorResponses(400, 403, 413, 415, 429, 500),
  },
});

/** Parses a text/plain body the way the JSON validator would, with the same errors. */
function parseTextBatch(text: string): EventBatch {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, { message: ERROR_MESSAGES.invalidJson, fields: { body: 'expected a JSON object' } });
  }
  const result = EventBatchSchema.safeParse(json);
  if (!result.success) throw validationError(result.error, 'json');
  return result.data;
}

export function eventRoutes(deps: EventRoutesDeps) {
  const clock = deps.clock ?? systemClock;
  const app = createRouter();
  const allowed = listedOrigins(deps.allowedOrigins ?? [], { anyCounts: true });
  // A beacon needs no CORS preflight, so CORS alone would let any page send its visitors' events.
  app.use('/events', (c, next) => {
    if (c.req.method === 'POST' && crossSiteRefused(c, allowed)) throw new ApiError(403);
    return next();
  });
  app.use(
    '/events',
    bodyLimit({
      maxSize: EVENT_LIMITS.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, { message: EVENT_MESSAGES.tooLarge });
      },
    }),
  );
  return app.openapi(postEventsRoute, async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    const batch = /^text\/plain\b/i.test(contentType) ? parseTextBatch(await c.req.text()) : (c.req.valid('json') as EventBatch);
    if (!batch || !('events' in batch)) throw new ApiError(415);
    const accepted = deps.queue.enqueue(toStoredEvents(batch, clock.now()));
    return c.json({ accepted }, 202, { 'Cache-Control': 'no-store' });
  });
}
