/**
 * The storage contract of events, implemented by the SQLite store (the same file as the tickets) and the PostgreSQL
 * store (DATABASE_URL). Reports read sessions and tickets through it, a batch of sessions at a time, so a report's
 * memory does not grow with the events of its range. Runtime-neutral.
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import type { StoredEvent } from './schemas.ts';

/** What the reports need of a ticket: its identity, locale, time and text (redacted before it is shown). */
export interface TicketFact {
  id: string;
  reference: string;
  locale: Locale;
  createdAt: number;
  subject: string;
  description: string;
}

/** What the funnel needs of a ticket created in the range: when, and in which locale. */
export interface TicketTime {
  createdAt: number;
  locale: Locale;
}

export interface TimeRange {
  /** Inclusive, ms since the epoch. */
  from: number;
  /** Exclusive. */
  to: number;
}

export interface EventStore {
  /** Writes the events in one transaction. Rejects when the database cannot take them (the queue drops and counts). */
  insert(events: readonly StoredEvent[]): Promise<void>;
  /** The ids of the sessions whose first stored event lies in the range (the sessions a report covers), ascending. */
  sessionsStartingIn(range: TimeRange): Promise<string[]>;
  /**
   * The stored events of the given sessions, at any time, at most `perSession` of each (its earliest); ordered by
   * session id, then time, then arrival.
   */
  sessionEvents(sessionIds: readonly string[], options: { perSession: number }): Promise<StoredEvent[]>;
  /** The tickets with the given ids or references, whenever they were created; ordered by creation. */
  ticketsByKey(idsOrReferences: readonly string[]): Promise<TicketFact[]>;
  /** The time and locale of every ticket created in the range, ordered by creation. */
  ticketsCreatedIn(range: TimeRange): Promise<TicketTime[]>;
  /** Deletes events older than `before`; resolves to how many were deleted. */
  purgeBefore(before: number): Promise<number>;
  close(): Promise<void>;
}
