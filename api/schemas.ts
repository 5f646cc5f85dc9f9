/**
 * Request and response schemas of the API, in zod with OpenAPI metadata: the same objects validate requests and
 * generate /api/v1/openapi.json, so the document cannot drift from the code.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../search-index/core/schemas.ts';
import { LIMITS } from './config.ts';

const limitMessage = `expected an integer from 1 to ${LIMITS.maxSuggestions}`;

export const LocaleSchema = z
  .enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` })
  .openapi({ description: 'Language of the help center to search. Defaults from Accept-Language, then to "fa".', example: 'fa' });

const TextSchema = (description: string) =>
  z.string({ error: 'expected a string' }).max(LIMITS.maxTextChars, `expected at most ${LIMITS.maxTextChars} characters`).openapi({ description });

export const SuggestQuerySchema = z.object({
  q: TextSchema('The customer\'s problem in their own words. Empty or stopword-only text gives an empty list.')
    .default('')
    .openapi({ param: { name: 'q', in: 'query' }, example: 'اینترنت قطع میشه' }),
  locale: LocaleSchema.optional().openapi({ param: { name: 'locale', in: 'query' } }),
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(LIMITS.maxSuggestions, limitMessage)
    .default(LIMITS.defaultSuggestions)
    .openapi({ param: { name: 'limit', in: 'query' }, description: 'Maximum number of suggestions.', example: 5 }),
});

export const SuggestBodySchema = z
  .object({
    subject: z
      .string({ error: 'expected a string' })
      .max(LIMITS.maxSubjectChars, `expected at most ${LIMITS.maxSubjectChars} characters`)
      .optional()
      .openapi({ description: 'Subject line of the ticket being written, if any.', example: 'Internet keeps dropping' }),
    description: TextSchema('The problem description being typed into the ticket form.').openapi({
      example: 'My modem light is red and the internet does not connect since this morning',
    }),
    locale: LocaleSchema.optional(),
    limit: z
      .number({ error: limitMessage })
      .int(limitMessage)
      .min(1, limitMessage)
      .max(LIMITS.maxSuggestions, limitMessage)
      .default(LIMITS.defaultSuggestions)
      .openapi({ description: 'Maximum number of suggestions.', example: 5 }),
  }, { error: 'expected a JSON object' })
  .openapi('SuggestRequest');

export const SuggestionSchema = z
  .object({
    id: z.string().openapi({ description: '"<locale>/<slug>" of the article or video guide.', example: 'fa/modem-red-light' }),
    kind: z.enum(['article', 'video']),
    title: z.string(),
    url: z.string().openapi({
      description: 'Site-relative URL of the best section (#heading) or the video second (?t=).',
      example: '/en/articles/modem-red-light/#if-the-los-light-is-red',
    }),
    snippet: z.string().openapi({ description: 'HTML-safe text; matched words are wrapped in <mark>.' }),
    category: z.string().openapi({ description: 'Category slug of an article, or "videos".' }),
    score: z.number().openapi({ description: 'Relevance; higher is better, comparable within one response only.' }),
    section: z.string().optional().openapi({ description: 'Heading of the best section, or the chapter title of a video.' }),
    start: z.number().optional().openapi({ description: 'Start second of the best passage (videos).' }),
  })
  .openapi('Suggestion');

export const SuggestResponseSchema = z
  .object({
    suggestions: z.array(SuggestionSchema),
    locale: LocaleSchema,
    tookMs: z.number().openapi({ description: 'Time spent searching, in milliseconds.' }),
  })
  .openapi('SuggestResponse');

const IndexHealthSchema = z
  .object({
    loaded: z.boolean(),
    articles: z.number().int(),
    videos: z.number().int(),
    builtAt: z.string().nullable().openapi({ description: 'ISO time the index was built; null when not loaded.' }),
  })
  .openapi('IndexHealth');

export const HealthResponseSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']).openapi({ description: '"ok" when every locale\'s index is loaded.' }),
    version: z.string(),
    indexes: z.object(Object.fromEntries(LOCALES.map((locale) => [locale, IndexHealthSchema])) as Record<(typeof LOCALES)[number], typeof IndexHealthSchema>),
    events: z
      .object({ accepted: z.number().int(), written: z.number().int(), queued: z.number().int(), droppedOverflow: z.number().int(), droppedStorage: z.number().int() })
      .optional()
      .openapi({ description: 'Event counters since start (absent when events are not mounted): dropped events were lost while the database was down or the queue was full.' }),
  })
  .openapi('Health');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .openapi({ description: 'For validation errors: each invalid field and what was expected.', example: { limit: limitMessage } }),
    }),
  })
  .openapi('Error');
