/**
 * The Rahnama API as a Hono app: createApp(deps) builds it and never listens (api/server.ts does that on Node).
 * Runtime-neutral: no node:* imports here or in anything this file imports.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { LIMITS } from './config.ts';
import { type AppDeps, type AppEnv, type Clock, systemClock } from './deps.ts';
import { ApiError, fromHttpException } from './errors.ts';
import { accessLog } from './middleware/access-log.ts';
import { corsAllowlist } from './middleware/cors.ts';
import { clientKey, rateLimit } from './middleware/rate-limit.ts';
import { beforeRoute } from './middleware/before-route.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { type OpenApiDocumentLike, renderReference } from './routes/reference.ts';
import { errorResponses } from './routes/responses.ts';
import { suggestRoutes } from './routes/suggest.ts';
import { isFormPost, refusalPage, TICKET_FORM_PATH } from './tickets/form.ts';
import { ticketRoutes } from './tickets/routes.ts';
import { eventRoutes } from './events/routes.ts';
import { insightsRoutes } from './insights/routes.ts';
import { createRouter } from './router.ts';

export type { AppDeps } from './deps.ts';

/** Where the API lives; the static site owns every other path. */
export const API_BASE = '/api/v1';

const API_INFO = {
  title: 'Rahnama API',
  description:
    'Suggestions from the Rahnama help center: the articles (at their best section) and video moments that answer a problem description, in Persian and English.',
};

/** The OpenAPI document of the API, described by itself. */
const OpenApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .openapi('OpenAPIDocument');

const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'openapi',
  tags: ['Documentation'],
  summary: 'This API as an OpenAPI 3.1 document',
  responses: {
    200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: OpenApiDocumentSchema } } },
    ...errorResponses(429, 500),
  },
});

const referenceRoute = createRoute({
  method: 'get',
  path: '/docs',
  operationId: 'reference',
  tags: ['Documentation'],
  summary: 'Human-readable API reference (HTML)',
  responses: {
    200: { description: 'The reference page.', content: { 'text/html': { schema: z.string() } } },
    ...errorResponses(429, 500),
  },
});

/** The reference page only needs its own inline stylesheet. */
const REFERENCE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Builds the API. Routes are chained so their types flow to clients (hono/client). */
export function createApp(deps: AppDeps) {
  const clock: Clock = deps.clock ?? systemClock;
  const { config } = deps;
  const app = createRouter();
  const documentConfig = { openapi: '3.1.0', info: { ...API_INFO, version: config.version } };
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  let referenceHtml: string | undefined;
  const getDocument = () => (document ??= app.getOpenAPI31Document(documentConfig));

  const streamedBodyLimit = bodyLimit({
    maxSize: LIMITS.maxBodyBytes,
    onError: () => {
      throw new ApiError(413);
    },
  });
  /**
   * The body limit, with Content-Length checked from the header alone. Hono's bodyLimit looks at `c.req.raw.body`
   * first, which on @hono/node-server turns the socket into a web ReadableStream for every POST (and the JSON is then
   * read through it): a large share of a suggestion request's HTTP cost. A declared length is what bodyLimit checks
   * too, and Node's parser never delivers more than it; bodies without one (chunked) are still counted as they stream.
   */
  const apiBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      if (Number.parseInt(declared, 10) > LIMITS.maxBodyBytes) throw new ApiError(413);
      return next();
    }
    return streamedBodyLimit(c, next);
  };
  const api = createRouter()
    .route('/', suggestRoutes({ ...deps, clock }))
    .route('/', healthRoutes(deps))
    .openapi(openApiRoute, (c) => c.json(getDocument() as z.infer<typeof OpenApiDocumentSchema>, 200, { 'Cache-Control': `public, max-age=${config.cacheSeconds}` }))
    .openapi(referenceRoute, (c) => {
      referenceHtml ??= renderReference(getDocument() as OpenApiDocumentLike);
      return c.html(referenceHtml, 200, { 'Content-Security-Policy': REFERENCE_CSP, 'Cache-Control': `public, max-age=${config.cacheSeconds}` });
    });

  // An id and one log line for every request; then, before any route, the headers and limits of the API.
  const withMiddleware = app
    .use(requestId())
    .use(accessLog({ logger: deps.logger, now: () => clock.now() }))
    .use(
      beforeRoute<AppEnv>(
        securityHeaders(),
        corsAllowlist({
          allowedOrigins: config.allowedOrigins,
          allowMethods: ['GET', 'HEAD', 'POST'],
          allowHeaders: ['Content-Type', 'X-Request-Id', 'If-None-Match'],
          exposeHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
          maxAge: 600,
        }),
        rateLimit({ ...config.rateLimit, now: () => clock.now(), key: clientKey(config.trustProxy, deps.peerAddress) }),
        // POST /events takes batches up to 64 KB and applies its own limit (api/events/routes.ts).
        (c, next) => (c.req.path === `${API_BASE}/events` ? next() : apiBodyLimit(c, next)),
      ),
    )
    .use(
      methodNotAllowed({
        app,
        onMethodNotAllowed: (c, methods) => new ApiError(405, { headers: { Allow: methods.join(', ') } }).render(c),
      }),
    )
    .use(`${API_BASE}/health`, etag())
    .use(`${API_BASE}/openapi.json`, etag());
  // Routes go after the middleware: Hono runs the handlers of a request in registration order.
  if (deps.tickets) app.route(API_BASE, ticketRoutes({ allowedOrigins: config.allowedOrigins, ...deps.tickets, clock }));
  if (deps.events) {
    app.route(API_BASE, eventRoutes({ allowedOrigins: config.allowedOrigins, ...deps.events.routes, clock }));
    app.route(API_BASE, insightsRoutes({ ...deps.events.insights, clock }));
  }
  return withMiddleware
    .route(API_BASE, api)
    .notFound((c) => new ApiError(404).render(c))
    .onError((error, c) => {
      const apiError = error instanceof ApiError ? error : error instanceof HTTPException ? fromHttpException(error) : new ApiError(500);
      if (apiError.status === 500) {
        Object.assign(c.get('logFields') ?? {}, { errorName: error.name, errorMessage: error.message, stack: error.stack });
      }
      // A browser posting the contact page's plain form gets a page it can show, not JSON.
      const page = isFormPost(c, `${API_BASE}${TICKET_FORM_PATH}`) ? refusalPage(c, apiError) : null;
      return page ?? apiError.render(c);
    });
}

export type App = ReturnType<typeof createApp>;
