/**
 * The storage contract of events, implemented by the SQLite store (the same file as the tickets) and the PostgreSQL
 * store (DATABASE_URL). Reports read sessions and tickets through it. Runtime-neutral.
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

export interface TimeRange {
  /** Inclusive, ms since the epoch. */
  from: number;
  /** Exclusive. */
  to: number;
}

export interface EventStore {
  /** Writes the events in one transaction. Rejects when the database cannot take them (the queue drops and counts). */
  insert(events: readonly StoredEvent[]): Promise<void>;
  /** Every event, at any time, of each session that has at least one event in the range; ordered by time then arrival. */
  sessionEvents(range: TimeRange): Promise<StoredEvent[]>;
  /** Tickets created in the range, and the tickets with the given ids or references whenever they were created. */
  tickets(range: TimeRange, idsOrReferences: readonly string[]): Promise<TicketFact[]>;
  /** Deletes events older than `before`; resolves to how many were deleted. */
  purgeBefore(before: number): Promise<number>;
  close(): Promise<void>;
}
