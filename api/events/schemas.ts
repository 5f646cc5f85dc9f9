/**
 * The events a help-center page sends (POST /events), in zod with OpenAPI metadata, and what is stored of them.
 * Runtime-neutral. Query text is never stored as sent: see toStoredEvents.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES, type Locale } from '../../search-index/core/schemas.ts';
import { EVENT_LIMITS } from './config.ts';

export const SURFACES = ['contact', 'widget', 'search', 'article'] as const;
export type Surface = (typeof SURFACES)[number];
export const VERDICTS = ['solved', 'not_needed'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const EVENT_TYPES = ['suggestion_shown', 'suggestion_opened', 'answer_feedback', 'article_vote', 'search_no_results', 'ticket_submitted'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A random per-tab id: 16 to 64 of A-Z a-z 0-9 _ - (a UUID qualifies). Never a cookie, never tied to an IP. */
export const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** "<locale>/<slug>" of an article or video guide: the `id` of a suggestion. */
export const ARTICLE_ID = new RegExp(`^(?:${LOCALES.join('|')})/[a-z0-9]+(?:-[a-z0-9]+)*$`);

const STRING = { error: 'expected a string' };
const atMost = (n: number) => `expected at most ${n} characters`;

const ArticleIdSchema = z
  .string(STRING)
  .max(120, atMost(120))
  .regex(ARTICLE_ID, 'expected an id like "fa/reset-password"')
  .openapi({ example: 'fa/modem-red-light' });
const RankSchema = z
  .number({ error: 'expected a rank from 1 to 10' })
  .int('expected a rank from 1 to 10')
  .min(1, 'expected a rank from 1 to 10')
  .max(EVENT_LIMITS.maxResults, 'expected a rank from 1 to 10');
const LocaleSchema = z.enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` });
/** Raw query text; redacted and reduced to terms before it is stored. Long text is cut, not refused. */
const QuerySchema = z.string(STRING).max(5000, atMost(5000));
const IdListSchema = z.array(ArticleIdSchema).max(EVENT_LIMITS.maxResults, `expected at most ${EVENT_LIMITS.maxResults} ids`);
/** Client time in milliseconds since the epoch; corrected by the batch's sentAt and clamped to server time. */
const AtSchema = z.number({ error: 'expected milliseconds since the epoch' }).int('expected an integer').nonnegative().optional();

export const SuggestionShownSchema = z.object({
  type: z.literal('suggestion_shown'),
  at: AtSchema,
  surface: z.enum(SURFACES, { error: `expected one of ${SURFACES.join(', ')}` }),
  locale: LocaleSchema,
  query: QuerySchema,
  results: z.array(z.object({ id: ArticleIdSchema, rank: RankSchema })).max(EVENT_LIMITS.maxResults, `expected at most ${EVENT_LIMITS.maxResults} results`),
});
export const SuggestionOpenedSchema = z.object({ type: z.literal('suggestion_opened'), at: AtSchema, id: ArticleIdSchema, rank: RankSchema });
export const AnswerFeedbackSchema = z.object({
  type: z.literal('answer_feedback'),
  at: AtSchema,
  id: ArticleIdSchema,
  verdict: z.enum(VERDICTS, { error: `expected one of ${VERDICTS.join(', ')}` }),
});
export const ArticleVoteSchema = z.object({
  type: z.literal('article_vote'),
  at: AtSchema,
  id: ArticleIdSchema,
  helpful: z.boolean({ error: 'expected true or false' }),
  reason: z.string(STRING).max(EVENT_LIMITS.maxReasonChars, atMost(EVENT_LIMITS.maxReasonChars)).optional(),
});
export const SearchNoResultsSchema = z.object({ type: z.literal('search_no_results'), at: AtSchema, query: QuerySchema, locale: LocaleSchema });
export const TicketSubmittedSchema = z.object({
  type: z.literal('ticket_submitted'),
  at: AtSchema,
  ticketId: z.string(STRING).max(64, atMost(64)).regex(/^[A-Za-z0-9-]+$/, 'expected a ticket id').optional(),
  reference: z.string(STRING).max(32, atMost(32)).regex(/^[A-Z]{1,6}-[A-Z0-9]{4,12}$/, 'expected a reference like "TZ-7K3Q9D"').optional(),
  shown: IdListSchema.default([]),
  opened: IdListSchema.default([]),
});

export const EventSchema = z
  .discriminatedUnion('type', [SuggestionShownSchema, SuggestionOpenedSchema, AnswerFeedbackSchema, ArticleVoteSchema, SearchNoResultsSchema, TicketSubmittedSchema], {
    error: `expected an event with "type" one of ${EVENT_TYPES.join(', ')}`,
  })
  .openapi('Event');
export type ClientEvent = z.infer<typeof EventSchema>;

export const EventBatchSchema = z
  .object(
    {
      sessionId: z
        .string(STRING)
        .regex(SESSION_ID, 'expected 16 to 64 of A-Z a-z 0-9 _ - (a random per-tab id)')
        .openapi({ description: 'Random per-tab id (sessionStorage); no cookie.', example: '3f0c9a1e-7b2d-4c55-9e61-0a8b7c6d5e4f' }),
      sentAt: z
        .number({ error: 'expected milliseconds since the epoch' })
        .int('expected an integer')
        .nonnegative()
        .optional()
        .openapi({ description: "The client's clock when the batch was sent; used to correct every event's `at` for clock skew." }),
      locale: LocaleSchema.optional().openapi({ description: "The page's locale, for events that carry none." }),
      events: z
        .array(EventSchema, { error: 'expected a list of events' })
        .min(1, 'expected at least one event')
        .max(EVENT_LIMITS.maxEvents, `expected at most ${EVENT_LIMITS.maxEvents} events`),
    },
    { error: 'expected a JSON object' },
  )
  .openapi('EventBatch');
export type EventBatch = z.infer<typeof EventBatchSchema>;

export const EventsAcceptedSchema = z
  .object({ accepted: z.number().int().openapi({ description: 'Events queued for writing.' }) })
  .openapi('EventsAccepted');

/** What is stored of an event: redacted text and normalised terms only. */
export type StoredEventData =
  | { type: 'suggestion_shown'; surface: Surface; query: string; terms: string[]; results: Array<{ id: string; rank: number }> }
  | { type: 'suggestion_opened'; id: string; rank: number }
  | { type: 'answer_feedback'; id: string; verdict: Verdict }
  | { type: 'article_vote'; id: string; helpful: boolean; reason: string | null }
  | { type: 'search_no_results'; query: string; terms: string[] }
  | { type: 'ticket_submitted'; ticketId: string | null; reference: string | null; shown: string[]; opened: string[] };

export interface StoredEvent {
  sessionId: string;
  /** Server-corrected time of the event (ms since the epoch). */
  at: number;
  /** When the server received it. */
  receivedAt: number;
  locale: Locale | null;
  data: StoredEventData;
}
