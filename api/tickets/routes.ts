/**
 * Ticket intake and the admin ticket routes, as a sub-app mounted with `app.route('/api/v1', ticketRoutes(deps))`.
 * Runtime-neutral: the store is injected, hashing is Web Crypto.
 *
 * - `POST /tickets`: 201 `{ id, reference }` once the ticket is durably stored; a repeated idempotency key answers
 *   201 with the same body and `Idempotent-Replayed: true` (a replay is indistinguishable from the first answer
 *   except for that header, as with Stripe's idempotency keys). 400 names each invalid field, 413 for a description
 *   over the limit, 415 for a body that is not JSON, 503 when the database cannot take the write (the client keeps
 *   the text and retries).
 * - `POST /tickets/form`: the same intake for the contact page's plain HTML form (no JavaScript), answering with a page
 *   in the form's language (form.ts).
 * - `GET /admin/tickets`, `GET /admin/tickets/:id` (id or reference), `GET /admin/outbox` (what has not reached
 *   the help desk), and `POST /admin/tickets/:id/redeliver` and `POST /admin/outbox/redeliver` (send one ticket, or
 *   every undelivered one, now; refused ones included): `Authorization: Bearer <RAHNAMA_ADMIN_TOKEN>`;
 *   401 without it or with a wrong one. With no token configured they answer 404, as routes that do not exist:
 *   a deployment that never set a token exposes no admin surface at all.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, Clock } from '../deps.ts';
import { systemClock } from '../deps.ts';
import { ApiError, type ErrorBody } from '../errors.ts';
import { errorResponses, jsonContent } from '../routes/responses.ts';
import { createRouter } from '../router.ts';
import { ErrorSchema } from '../schemas.ts';
import type { TicketsConfig } from './config.ts';
import {
  RequeuedSchema,
  TicketCreatedSchema,
  TicketDetailSchema,
  TicketFormSchema,
  OutboxSummarySchema,
  TicketIdParamSchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketRequestSchema,
} from './schemas.ts';
import {
  FORM_PAGE_HEADERS,
  formIdempotencyKeys,
  formLocale,
  formTicketInput,
  invalidFields,
  invalidPage,
  SAME_FORM_WINDOW_MS,
  sameSiteFormsOnly,
  sentPage,
  TICKET_FORM_PATH,
  unavailablePage,
} from './form.ts';
import { constantTimeEqual } from './signature.ts';
import { InvalidCursorError, type OutboxSummary, type Ticket, type TicketRecord, type TicketStore } from './store.ts';

export interface TicketRoutesDeps {
  store: TicketStore;
  config: Pick<TicketsConfig, 'adminToken'>;
  clock?: Clock;
  /** Origins besides the API's own site whose pages may post the plain form (RAHNAMA_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Called after a new ticket is stored (not on a replay); the server wakes the outbox forwarder with it. */
  onTicketCreated?: (ticket: Ticket) => void;
  /**
   * For the outbox routes (without it they answer 404): its state, whether a webhook is configured, and requeue
   * (OutboxStore.requeue, then a wake-up of the forwarder).
   */
  outbox?: { summary: () => Promise<OutboxSummary>; requeue: (now: number, ticketId?: string) => Promise<number>; webhook: boolean };
}

/** Error codes of this sub-app beyond the API's shared ones (api/errors.ts). */
export const TICKET_ERRORS = {
  unauthorized: {
    status: 401,
    code: 'unauthorized',
    message: 'Send the admin token as "Authorization: Bearer <token>".',
  },
  storageUnavailable: {
    status: 503,
    code: 'storage_unavailable',
    message: 'The ticket could not be saved right now; nothing was filed. Retry in a few seconds with the same idempotencyKey.',
  },
  notFound: { status: 404, code: 'not_found', message: 'There is no ticket with that id or reference.' },
  badCursor: { status: 400, code: 'invalid_request', message: 'Invalid "cursor": expected the nextCursor of a previous page.' },
  alreadyDelivered: {
    status: 409,
    code: 'already_delivered',
    message: 'The help desk has acknowledged this ticket already; a delivered ticket is never sent again.',
  },
  noWebhook: {
    status: 409,
    code: 'no_webhook',
    message: 'No help desk webhook is configured (RAHNAMA_WEBHOOK_URL): tickets stay in the database and are not sent.',
  },
} as const;

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = 5;
const NO_STORE = { 'Cache-Control': 'no-store' };
const REPLAYED_HEADER = 'Idempotent-Replayed';

const errorContent = (description: string) => jsonContent(ErrorSchema, description);

const createTicketRoute = createRoute({
  method: 'post',
  path: '/tickets',
  operationId: 'createTicket',
  tags: ['Tickets'],
  summary: 'File a ticket',
  description:
    'Stores the ticket durably before answering, then forwards it to the help desk webhook (if configured) from an outbox.',
  request: { body: { required: true, content: { 'application/json': { schema: TicketRequestSchema } } } },
  responses: {
    201: {
      content: { 'application/json': { schema: TicketCreatedSchema } },
      description: `The ticket is stored. A replayed idempotencyKey answers the same body with "${REPLAYED_HEADER}: true".`,
    },
    ...errorResponses(400, 413, 415, 429, 500),
    503: errorContent('The database cannot take the write; nothing was filed. Retry after Retry-After seconds.'),
  },
});

const htmlContent = (description: string) => ({ content: { 'text/html': { schema: z.string() } }, description });

const createTicketFromFormRoute = createRoute({
  method: 'post',
  path: TICKET_FORM_PATH,
  operationId: 'createTicketFromForm',
  tags: ['Tickets'],
  summary: 'File a ticket from an HTML form (no JavaScript needed)',
  description:
    'What the contact page\'s form posts when its script has not run. Answers with a page in the form\'s language, not JSON. The same form sent again within an hour of the first (a reload, a double click) answers with the ticket it first created.',
  request: { body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TicketFormSchema } } } },
  responses: {
    201: htmlContent('The ticket is stored: a page with its reference.'),
    400: htmlContent('A page naming the fields to fix.'),
    403: htmlContent('Posted from another site\'s page (Sec-Fetch-Site: cross-site) whose origin is not allowed: a page saying nothing was filed.'),
    ...errorResponses(413, 415, 429, 500),
    503: htmlContent('The database cannot take the write; nothing was filed.'),
  },
});

const adminSecurity = [{ adminToken: [] }];

const listTicketsRoute = createRoute({
  method: 'get',
  path: '/admin/tickets',
  operationId: 'listTickets',
  tags: ['Admin'],
  summary: 'List tickets, newest first',
  security: adminSecurity,
  request: { query: TicketListQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: TicketListSchema } }, description: 'A page of tickets.' },
    400: errorContent('Invalid limit or cursor; "fields" names it.'),
    401: errorContent('Missing or wrong admin token.'),
    404: errorContent('Admin routes are disabled (no RAHNAMA_ADMIN_TOKEN).'),
    ...errorResponses(429, 500),
  },
});

const outboxRoute = createRoute({
  method: 'get',
  path: '/admin/outbox',
  operationId: 'outboxSummary',
  tags: ['Admin'],
  summary: 'What has not reached the help desk yet',
  description: 'For monitoring and the insights page: undelivered and failing tickets, the oldest, and the latest error.',
  security: adminSecurity,
  responses: {
    200: { content: { 'application/json': { schema: OutboxSummarySchema } }, description: 'The outbox at a glance.' },
    401: errorContent('Missing or wrong admin token.'),
    404: errorContent('Admin routes are disabled (no RAHNAMA_ADMIN_TOKEN).'),
    ...errorResponses(429, 500),
  },
});

const getTicketRoute = createRoute({
  method: 'get',
  path: '/admin/tickets/{id}',
  operationId: 'getTicket',
  tags: ['Admin'],
  summary: 'One ticket by id or reference',
  security: adminSecurity,
  request: { params: TicketIdParamSchema },
  responses: {
    200: { content: { 'application/json': { schema: TicketDetailSchema } }, description: 'The ticket and its delivery state.' },
    401: errorContent('Missing or wrong admin token.'),
    404: errorContent('No such ticket, or admin routes are disabled.'),
    ...errorResponses(429, 500),
  },
});

const redeliverTicketRoute = createRoute({
  method: 'post',
  path: '/admin/tickets/{id}/redeliver',
  operationId: 'redeliverTicket',
  tags: ['Admin'],
  summary: 'Send one undelivered ticket to the help desk now',
  description:
    'For a ticket the help desk refused (after fixing what it objected to on its side) or one waiting for its next retry: it is due at once, its refusals counted from zero.',
  security: adminSecurity,
  request: { params: TicketIdParamSchema },
  responses: {
    200: { content: { 'application/json': { schema: TicketDetailSchema } }, description: 'The ticket, due to be sent now.' },
    401: errorContent('Missing or wrong admin token.'),
    404: errorContent('No such ticket, or admin routes are disabled.'),
    409: errorContent('The ticket was delivered already (already_delivered), or no webhook is configured (no_webhook).'),
    ...errorResponses(429, 500),
  },
});

const redeliverOutboxRoute = createRoute({
  method: 'post',
  path: '/admin/outbox/redeliver',
  operationId: 'redeliverOutbox',
  tags: ['Admin'],
  summary: 'Send every undelivered ticket to the help desk now',
  description: 'Refused tickets go back into the queue and every waiting one is due at once (oldest first).',
  security: adminSecurity,
  responses: {
    200: { content: { 'application/json': { schema: RequeuedSchema } }, description: 'How many tickets are due now.' },
    401: errorContent('Missing or wrong admin token.'),
    404: errorContent('Admin routes are disabled (no RAHNAMA_ADMIN_TOKEN).'),
    409: errorContent('No webhook is configured (no_webhook).'),
    ...errorResponses(429, 500),
  },
});

/** The ticket routes as an OpenAPIHono sub-app. */
export function ticketRoutes(deps: TicketRoutesDeps) {
  const clock = deps.clock ?? systemClock;
  const app = createRouter();
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The value of RAHNAMA_ADMIN_TOKEN.',
  });

  // Scoped to this sub-app's paths: app.route() copies middleware into the host's router, where '/admin/*' would
  // also guard routes other modules own.
  app.use('/admin/tickets/*', adminAuth(deps.config.adminToken));
  app.use('/admin/outbox', adminAuth(deps.config.adminToken));
  app.use('/admin/outbox/*', adminAuth(deps.config.adminToken));
  app.use(TICKET_FORM_PATH, sameSiteFormsOnly(deps.allowedOrigins ?? []));

  return app
    .openapi(createTicketRoute, async (c) => {
      const input = c.req.valid('json');
      let result;
      try {
        result = await deps.store.create(input, Math.floor(clock.now()));
      } catch (error) {
        logError(c, error);
        return errorJson(c, TICKET_ERRORS.storageUnavailable, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
      }
      if (result.created) deps.onTicketCreated?.(result.ticket);
      const headers: Record<string, string> = { ...NO_STORE };
      if (!result.created) headers[REPLAYED_HEADER] = 'true';
      return c.json({ id: result.ticket.id, reference: result.ticket.reference }, 201, headers);
    })
    .openapi(
      createTicketFromFormRoute,
      async (c) => {
        const sent = formTicketInput(c.req.valid('form'));
        const locale = formLocale(sent.locale, c);
        const checked = TicketRequestSchema.safeParse(sent);
        if (!checked.success) return c.html(invalidPage(locale, invalidFields(checked.error)), 400, FORM_PAGE_HEADERS);
        const now = Math.floor(clock.now());
        const keys = await formIdempotencyKeys(checked.data, now);
        let result;
        try {
          const earlier = await deps.store.findByIdempotencyKey(keys.previous);
          result =
            earlier && now - earlier.createdAt < SAME_FORM_WINDOW_MS
              ? { ticket: earlier, created: false }
              : await deps.store.create({ ...checked.data, idempotencyKey: keys.current }, now);
        } catch (error) {
          logError(c, error);
          return c.html(unavailablePage(locale), 503, { ...FORM_PAGE_HEADERS, 'Retry-After': String(RETRY_AFTER_SECONDS) });
        }
        if (result.created) deps.onTicketCreated?.(result.ticket);
        Object.assign(c.get('logFields') ?? {}, { form: true, replayed: !result.created });
        return c.html(sentPage(locale, result.ticket.reference, result.ticket.email), 201, FORM_PAGE_HEADERS);
      },
      // A form that lacks a field altogether gets the same page as one with a wrong value.
      (result, c) => {
        if (!result.success) return c.html(invalidPage(formLocale(undefined, c), invalidFields(result.error)), 400, FORM_PAGE_HEADERS);
      },
    )
    .openapi(listTicketsRoute, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      try {
        const page = await deps.store.list({ limit, cursor });
        return c.json({ tickets: page.tickets.map(toSummary), nextCursor: page.nextCursor }, 200, NO_STORE);
      } catch (error) {
        if (error instanceof InvalidCursorError) return errorJson(c, TICKET_ERRORS.badCursor, {}, { cursor: 'expected the nextCursor of a previous page' });
        throw error;
      }
    })
    .openapi(outboxRoute, async (c) => {
      if (!deps.outbox) throw new ApiError(404);
      const { undelivered, failing, refused, oldestCreatedAt, lastFailure } = await deps.outbox.summary();
      return c.json({ webhook: deps.outbox.webhook, undelivered, failing, refused, oldestCreatedAt: iso(oldestCreatedAt), lastFailure }, 200, NO_STORE);
    })
    .openapi(redeliverOutboxRoute, async (c) => {
      if (!deps.outbox) throw new ApiError(404);
      if (!deps.outbox.webhook) return errorJson(c, TICKET_ERRORS.noWebhook);
      const requeued = await deps.outbox.requeue(Math.floor(clock.now()));
      Object.assign(c.get('logFields') ?? {}, { requeued });
      return c.json({ requeued }, 200, NO_STORE);
    })
    .openapi(getTicketRoute, async (c) => {
      const ticket = await deps.store.get(c.req.valid('param').id);
      if (!ticket) return errorJson(c, TICKET_ERRORS.notFound);
      return c.json(toDetail(ticket), 200, NO_STORE);
    })
    .openapi(redeliverTicketRoute, async (c) => {
      if (!deps.outbox) throw new ApiError(404);
      const ticket = await deps.store.get(c.req.valid('param').id);
      if (!ticket) return errorJson(c, TICKET_ERRORS.notFound);
      if (ticket.delivery.state === 'delivered') return errorJson(c, TICKET_ERRORS.alreadyDelivered);
      if (!deps.outbox.webhook) return errorJson(c, TICKET_ERRORS.noWebhook);
      // Zero when it was delivered in between: the answer below then says so.
      await deps.outbox.requeue(Math.floor(clock.now()), ticket.id);
      Object.assign(c.get('logFields') ?? {}, { ticketId: ticket.id });
      return c.json(toDetail((await deps.store.get(ticket.id)) ?? ticket), 200, NO_STORE);
    });
}

/** Bearer-token check for admin routes; with no token configured they answer 404. Reusable by other admin routes. */
export function adminAuth(token: string | null): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    if (token === null) throw new ApiError(404);
    const match = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '');
    if (!match || !(await constantTimeEqual(match[1]!, token))) {
      return errorJson(c, TICKET_ERRORS.unauthorized, { 'WWW-Authenticate': 'Bearer realm="rahnama-admin"' });
    }
    await next();
  };
}

interface TicketError {
  status: 400 | 401 | 404 | 409 | 503;
  code: string;
  message: string;
}

/** The API's error shape for this sub-app's own statuses (401 and the storage 503 are not in api/errors.ts). */
function errorJson<S extends TicketError>(c: Context, error: S, headers: Record<string, string> = {}, fields?: Record<string, string>) {
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } };
  return c.json(body, error.status as S['status'] & ContentfulStatusCode, { ...NO_STORE, ...headers });
}

/** Adds the failure to the request's log line when the host app's access log is mounted. */
function logError(c: Context<AppEnv>, error: unknown): void {
  const fields = c.get('logFields');
  if (!fields) return;
  fields.errorName = error instanceof Error ? error.name : 'Error';
  fields.errorMessage = error instanceof Error ? error.message : String(error);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toSummary(ticket: TicketRecord) {
  return {
    id: ticket.id,
    reference: ticket.reference,
    subject: ticket.subject,
    email: ticket.email,
    locale: ticket.locale,
    category: ticket.category,
    createdAt: new Date(ticket.createdAt).toISOString(),
    delivery: {
      state: ticket.delivery.state,
      attempts: ticket.delivery.attempts,
      nextAttemptAt: iso(ticket.delivery.nextAttemptAt),
      refusedAt: iso(ticket.delivery.refusedAt),
      deliveredAt: iso(ticket.delivery.deliveredAt),
      lastError: ticket.delivery.lastError,
    },
  };
}

function toDetail(ticket: TicketRecord) {
  return {
    ...toSummary(ticket),
    description: ticket.description,
    suggestionsShown: ticket.suggestionsShown,
    suggestionOpened: ticket.suggestionOpened,
  };
}
