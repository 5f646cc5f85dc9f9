/** GET and POST /suggest: the articles and video moments that answer a problem description. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';
import type { AppDeps, AppEnv, Clock } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { hash53 } from '../hash.ts';
import type { LocaleIndex } from '../index-provider.ts';
import { localeFromAcceptLanguage } from '../locale.ts';
import { createRouter } from '../router.ts';
import { SuggestBodySchema, SuggestQuerySchema, SuggestResponseSchema } from '../schemas.ts';
import { cleanInput, cleanOutput } from '../text.ts';
import { errorResponses, jsonContent } from './responses.ts';

/** Seconds a client should wait when the index is not loaded yet. */
const INDEX_RETRY_SECONDS = 5;

const getSuggest = createRoute({
  method: 'get',
  path: '/suggest',
  operationId: 'suggestGet',
  tags: ['Suggestions'],
  summary: 'Suggest answers for a problem description (query string)',
  description:
    'For search boxes: call it on every pause in typing. Cacheable for a short time; send If-None-Match with the ETag to get 304 while the index is unchanged.',
  request: { query: SuggestQuerySchema },
  responses: {
    200: { ...jsonContent(SuggestResponseSchema, 'Suggestions, best first (possibly none).'), headers: cacheHeaders() },
    304: { description: 'Not modified: the ETag still matches (same index, same query).' },
    ...errorResponses(400, 413, 429, 500, 503),
  },
});

const postSuggest = createRoute({
  method: 'post',
  path: '/suggest',
  operationId: 'suggestPost',
  tags: ['Suggestions'],
  summary: 'Suggest answers for a ticket being written (JSON body)',
  description: `For ticket forms: send the subject and the description typed so far. Bodies up to 16 KB, descriptions up to 5,000 characters.`,
  request: {
    body: { required: true, content: { 'application/json': { schema: SuggestBodySchema } } },
  },
  responses: {
    200: jsonContent(SuggestResponseSchema, 'Suggestions, best first (possibly none).'),
    ...errorResponses(400, 413, 415, 429, 500, 503),
  },
});

function cacheHeaders() {
  return {
    ETag: { description: 'Weak validator of the index build and the normalised query.', schema: { type: 'string' as const } },
    'Cache-Control': { description: 'public, max-age=<RAHNAMA_CACHE_SECONDS>', schema: { type: 'string' as const } },
  };
}

interface SuggestInput {
  text: string;
  locale: Locale | undefined;
  limit: number;
}

interface Resolved {
  locale: Locale;
  index: LocaleIndex;
  text: string;
}

/** Resolves the locale (explicit, then Accept-Language, then the default) and the index to search. */
function resolve(c: Context, deps: AppDeps, input: SuggestInput): Resolved {
  const locale = input.locale ?? localeFromAcceptLanguage(c.req.header('Accept-Language'));
  const index = deps.indexes.get(locale);
  if (!index) throw new ApiError(503, { headers: { 'Retry-After': String(INDEX_RETRY_SECONDS) } });
  // Whitespace is collapsed so that "a  b" and "a b" share a cache entry.
  return { locale, index, text: cleanInput(input.text).replace(/\s+/g, ' ').trim() };
}

function run(c: Context<AppEnv>, clock: Clock, { locale, index, text }: Resolved, limit: number) {
  const start = clock.now();
  const suggestions = text ? index.suggest(text, { limit }).slice(0, limit).map(toPublic) : [];
  const tookMs = Math.round((clock.now() - start) * 1000) / 1000;
  Object.assign(c.get('logFields'), { locale, results: suggestions.length, chars: text.length, tookMs });
  return { suggestions, locale, tookMs };
}

/** The public shape of a suggestion, with unsafe characters removed from the texts as a second line of defence. */
function toPublic(suggestion: Suggestion): Suggestion {
  const { id, kind, title, url, snippet, category, score, section, start } = suggestion;
  return {
    id,
    kind,
    title: cleanOutput(title),
    url,
    snippet: cleanOutput(snippet),
    category,
    score: Math.round(score * 1000) / 1000,
    ...(section !== undefined ? { section: cleanOutput(section) } : {}),
    ...(start !== undefined ? { start } : {}),
  };
}

/** True when an If-None-Match header lists the tag (weak comparison, RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

export function suggestRoutes(deps: AppDeps & { clock: Clock }) {
  const cacheControl = `public, max-age=${deps.config.cacheSeconds}`;
  return createRouter()
    .openapi(getSuggest, (c) => {
      const { q, locale, limit } = c.req.valid('query');
      const resolved = resolve(c, deps, { text: q, locale, limit });
      // Same index build + same normalised query = same answer, so the tag is known before searching.
      const etag = `W/"${hash53([deps.config.version, resolved.index.version, resolved.locale, limit, resolved.text].join('\u0000'))}"`;
      // Appended, so a Vary: Origin set by the CORS middleware stays.
      c.header('Vary', 'Accept-Language', { append: true });
      const headers = { ETag: etag, 'Cache-Control': cacheControl };
      if (matchesEtag(c.req.header('If-None-Match'), etag)) {
        Object.assign(c.get('logFields'), { locale: resolved.locale, notModified: true });
        return c.body(null, 304, headers);
      }
      return c.json(run(c, deps.clock, resolved, limit), 200, headers);
    })
    .openapi(postSuggest, (c) => {
      const { subject, description, locale, limit } = c.req.valid('json');
      // The subject is what the customer chose as the headline of the problem: it goes first.
      const text = subject ? `${subject}\n${description}` : description;
      const resolved = resolve(c, deps, { text, locale, limit });
      return c.json(run(c, deps.clock, resolved, limit), 200, { 'Cache-Control': 'no-store' });
    });
}
