/**
 * From a validated batch to what is stored: query text cleaned and redacted, reduced to the search core's terms,
 * times corrected for the client's clock skew and clamped to the server's clock. Pure and runtime-neutral.
 */
import { analyse } from '../../search-index/core/index.ts';
import { cleanInput } from '../text.ts';
import { EVENT_LIMITS } from './config.ts';
import { PLACEHOLDER_PATTERN, redact } from './redact.ts';
import type { ClientEvent, EventBatch, StoredEvent, StoredEventData } from './schemas.ts';

/** Customer text as it may be stored: controls and bidi marks removed, personal data redacted, cut to a length. */
export function safeText(text: string, maxChars: number): string {
  return redact(cleanInput(text)).replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

/** The normalised search terms of already-redacted text (placeholders ignored), each once, in order. */
export function queryTerms(redactedText: string): string[] {
  return [...new Set(analyse(redactedText.replace(PLACEHOLDER_PATTERN, ' ')))];
}

/**
 * The server time of an event: the client's `at` shifted by the batch's clock skew (serverNow - sentAt), then
 * clamped to [serverNow - maxEventAgeMs, serverNow]: nothing in the future, nothing older than a day.
 */
export function eventTime(at: number | undefined, sentAt: number | undefined, serverNow: number): number {
  if (at === undefined) return serverNow;
  const corrected = sentAt === undefined ? at : at + (serverNow - sentAt);
  return Math.min(serverNow, Math.max(serverNow - EVENT_LIMITS.maxEventAgeMs, Math.floor(corrected)));
}

function storedData(event: ClientEvent): StoredEventData {
  switch (event.type) {
    case 'suggestion_shown': {
      const query = safeText(event.query, EVENT_LIMITS.maxQueryChars);
      return { type: event.type, surface: event.surface, query, terms: queryTerms(query), results: event.results.map(({ id, rank }) => ({ id, rank })) };
    }
    case 'search_no_results': {
      const query = safeText(event.query, EVENT_LIMITS.maxQueryChars);
      return { type: event.type, query, terms: queryTerms(query) };
    }
    case 'suggestion_opened':
      return { type: event.type, id: event.id, rank: event.rank };
    case 'answer_feedback':
      return { type: event.type, id: event.id, verdict: event.verdict };
    case 'article_vote': {
      const reason = event.reason === undefined ? '' : safeText(event.reason, EVENT_LIMITS.maxReasonChars);
      return { type: event.type, id: event.id, helpful: event.helpful, reason: reason || null };
    }
    case 'ticket_submitted':
      return { type: event.type, ticketId: event.ticketId ?? null, reference: event.reference ?? null, shown: event.shown, opened: event.opened };
  }
}

/** The events of a batch as they are stored. */
export function toStoredEvents(batch: EventBatch, serverNow: number): StoredEvent[] {
  const now = Math.floor(serverNow);
  return batch.events.map((event) => ({
    sessionId: batch.sessionId,
    at: eventTime(event.at, batch.sentAt, now),
    receivedAt: now,
    locale: 'locale' in event ? event.locale : (batch.locale ?? null),
    data: storedData(event),
  }));
}
