/**
 * The browser's copy of what POST /api/v1/events accepts (api/events/schemas.ts is the authority; the site does not
 * import the API's zod schemas, which would put zod into every page). tests/site/events.test.ts checks that the
 * batches built here pass the API's schema.
 */

export type Locale = 'fa' | 'en';
export type Surface = 'contact' | 'widget' | 'search' | 'article';

/** One event as the API takes it; `at` is the browser's clock in ms since the epoch. */
export type ApiEvent =
  | { type: 'suggestion_shown'; at: number; surface: Surface; locale: Locale; query: string; results: Array<{ id: string; rank: number }> }
  | { type: 'suggestion_opened'; at: number; id: string; rank: number }
  | { type: 'answer_feedback'; at: number; id: string; verdict: 'solved' | 'not_needed' }
  | { type: 'article_vote'; at: number; id: string; helpful: boolean; reason?: string }
  | { type: 'search_no_results'; at: number; query: string; locale: Locale }
  | { type: 'ticket_submitted'; at: number; reference?: string; shown: string[]; opened: string[] };

export interface ApiBatch {
  sessionId: string;
  sentAt: number;
  locale?: Locale;
  events: ApiEvent[];
}

/** The API's limits (api/events/config.ts, EVENT_LIMITS) that the browser must respect. */
export const API_LIMITS = {
  /** Events per request. */
  maxEvents: 100,
  /** Results per suggestion_shown, ids per ticket list; ranks are 1..10. */
  maxResults: 10,
  /** Query characters the API keeps (it cuts the rest): no need to send more. */
  maxQueryChars: 500,
  /** Reason characters of an article vote (the API refuses more). */
  maxReasonChars: 300,
} as const;

/** The API's session id rule: 16 to 64 of A-Z a-z 0-9 _ -. */
export const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** "<locale>/<slug>", the id of an article or video guide. */
export const CONTENT_ID = /^(?:fa|en)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const EVENTS_PATH = '/api/v1/events';

export const asLocale = (value: string | undefined): Locale => (value?.startsWith('en') ? 'en' : 'fa');
