/**
 * From the contact form's and the widget's emitter (site/widget/events.ts) to the API's event kinds, as
 * api/events/README.md documents: `suggestions_shown { ids }` → `suggestion_shown { results: [{ id, rank }] }`,
 * `answer_feedback { solved }` → `{ verdict }`, `ticket_submitted { opened? }` → `{ opened: [] | [id] }`. Pure.
 */
import type { SuggestEvent } from '../widget/events.ts';
import { API_LIMITS, asLocale, CONTENT_ID, type ApiEvent } from './schema.ts';

const ids = (list: readonly string[]) => list.filter((id) => CONTENT_ID.test(id)).slice(0, API_LIMITS.maxResults);

/** Query text cut to what the API keeps (it redacts personal data before storing anything). */
export const clipQuery = (query: string): string => [...query.trim()].slice(0, API_LIMITS.maxQueryChars).join('');

/** The API event for an emitter event, or null when it carries nothing the API can take. */
export function toApiEvent(event: SuggestEvent, at: number): ApiEvent | null {
  switch (event.type) {
    case 'suggestions_shown': {
      const results = ids(event.ids).map((id, i) => ({ id, rank: i + 1 }));
      return { type: 'suggestion_shown', at, surface: event.surface, locale: asLocale(event.locale), query: clipQuery(event.query), results };
    }
    case 'suggestion_opened':
      return CONTENT_ID.test(event.id) && event.rank >= 1 && event.rank <= API_LIMITS.maxResults
        ? { type: 'suggestion_opened', at, id: event.id, rank: Math.floor(event.rank) }
        : null;
    case 'answer_feedback':
      return CONTENT_ID.test(event.id) ? { type: 'answer_feedback', at, id: event.id, verdict: event.solved ? 'solved' : 'not_needed' } : null;
    case 'ticket_submitted': {
      const reference = event.reference && /^[A-Z]{1,6}-[A-Z0-9]{4,12}$/.test(event.reference) ? event.reference : undefined;
      return { type: 'ticket_submitted', at, ...(reference ? { reference } : {}), shown: ids(event.shown), opened: event.opened ? ids([event.opened]) : [] };
    }
    default:
      return null;
  }
}

/** The site search's outcome for a settled query: the results shown, or "no results". */
export function searchEvent(query: string, resultIds: readonly string[], locale: string, at: number): ApiEvent | null {
  const text = clipQuery(query);
  if (!text) return null;
  const results = ids(resultIds).map((id, i) => ({ id, rank: i + 1 }));
  return results.length
    ? { type: 'suggestion_shown', at, surface: 'search', locale: asLocale(locale), query: text, results }
    : { type: 'search_no_results', at, query: text, locale: asLocale(locale) };
}

/** An article or video guide vote; the reason only when the answer is no, cut to the API's limit. */
export function voteEvent(id: string, helpful: boolean, reason: string | undefined, at: number): ApiEvent | null {
  if (!CONTENT_ID.test(id)) return null;
  const text = helpful ? '' : [...(reason ?? '').trim()].slice(0, API_LIMITS.maxReasonChars).join('');
  return { type: 'article_vote', at, id, helpful, ...(text ? { reason: text } : {}) };
}

/** "/fa/articles/modem-red-light/#x" or "/en/videos/run-a-speed-test/?t=5" → "fa/modem-red-light". */
export function idFromUrl(url: string): string | null {
  const match = /^\/(fa|en)\/(?:articles|videos)\/([a-z0-9]+(?:-[a-z0-9]+)*)\//.exec(new URL(url, 'http://x').pathname);
  return match ? `${match[1]}/${match[2]}` : null;
}
