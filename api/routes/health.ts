/** GET /health: whether each locale's index is loaded, its size and build time, and the app version. */
import { createRoute, z } from '@hono/zod-openapi';
import { LOCALES } from '../../search-index/core/schemas.ts';
import type { AppDeps } from '../deps.ts';
import { createRouter } from '../router.ts';
import { HealthResponseSchema } from '../schemas.ts';
import { errorResponses, jsonContent } from './responses.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'health',
  tags: ['Operations'],
  summary: 'Service health and index facts',
  description: 'Answers 200 when every locale\'s index is loaded and 503 otherwise, with the same body, for load balancers.',
  responses: {
    200: jsonContent(HealthResponseSchema, 'Every index is loaded.'),
    503: jsonContent(HealthResponseSchema, 'At least one index is not loaded yet.'),
    ...errorResponses(429, 500),
  },
});

const ping = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['Operations'],
  summary: 'Liveness: answers without touching the index',
  responses: {
    200: jsonContent(z.object({ ok: z.literal(true) }).openapi('Ping'), 'The process is serving requests.'),
    ...errorResponses(429, 500),
  },
});

export function healthRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(ping, (c) => c.json({ ok: true as const }, 200, { 'Cache-Control': 'no-store' }))
    .openapi(health, (c) => {
    const indexes = Object.fromEntries(
      LOCALES.map((locale) => {
        const index = deps.indexes.get(locale);
        const facts = index
          ? { loaded: true, articles: index.stats.articles, videos: index.stats.videos, builtAt: index.stats.builtAt }
          : { loaded: false, articles: 0, videos: 0, builtAt: null };
        return [locale, facts];
      }),
    ) as Record<(typeof LOCALES)[number], { loaded: boolean; articles: number; videos: number; builtAt: string | null }>;
    const ok = Object.values(indexes).every((index) => index.loaded);
    const body = { status: ok ? ('ok' as const) : ('unavailable' as const), version: deps.config.version, indexes, ...(deps.events ? { events: deps.events.counters() } : {}) };
    // no-cache: caches may keep it but must revalidate (the ETag makes that cheap).
    return ok ? c.json(body, 200, { 'Cache-Control': 'no-cache' }) : c.json(body, 503, { 'Cache-Control': 'no-cache' });
  });
}
