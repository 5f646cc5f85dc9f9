/**
 * The storage contract of ticket intake. Routes and the outbox forwarder depend on these interfaces only, so the
 * embedded SQLite store (sqlite-store.ts) and a PostgreSQL store (DATABASE_URL, same versioned migrations) are
 * interchangeable. Every method is async because a network database is; the SQLite store resolves at once.
 *
 * Times are milliseconds since the epoch (integers); the routes turn them into ISO strings.
 */
import type { Locale } from '../../search-index/core/schemas.ts';

/** A validated ticket as the customer sent it. */
export interface NewTicket {
  subject: string;
  description: string;
  email: string;
  locale: Locale;
  category: string | null;
  /** "<locale>/<slug>" ids of the suggestions the customer saw before filing, in the order shown. */
  suggestionsShown: string[];
  /** The suggestion the customer opened, if any. */
  suggestionOpened: string | null;
  /** Client-chosen key: the same key always yields the same ticket. */
  idempotencyKey: string | null;
}

export interface Ticket extends NewTicket {
  /** Opaque unique id (a UUID); the webhook's delivery id. */
  id: string;
  /** Human-friendly reference for the customer and the support team, e.g. "TZ-7K3Q9D". */
  reference: string;
  createdAt: number;
}

/**
 * Where the ticket stands with the help desk: pending (not acknowledged yet; retried until it is), delivered, or
 * refused (the help desk refused this ticket itself several times in a row; set aside until someone sends it again).
 */
export interface Delivery {
  state: 'pending' | 'delivered' | 'refused';
  /** Failed and successful attempts so far. */
  attempts: number;
  /** When the next attempt is due; null once delivered or refused. */
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  /** When the ticket was set aside as refused; null unless it is. */
  refusedAt: number | null;
  /** Why the last attempt failed ("HTTP 500", "timeout", ...); null before any failure. */
  lastError: string | null;
}

export interface TicketRecord extends Ticket {
  delivery: Delivery;
}

export interface CreateResult {
  ticket: Ticket;
  /** False when the idempotency key was seen before and the stored ticket is returned instead. */
  created: boolean;
}

export interface ListOptions {
  limit: number;
  /** From a previous page's nextCursor; absent for the newest page. */
  cursor?: string;
}

export interface TicketPage {
  /** Newest first. */
  tickets: TicketRecord[];
  /** Pass as cursor for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** What the routes need. */
export interface TicketStore {
  /**
   * Writes the ticket and its outbox entry in one transaction and resolves only once the write is durable, so a
   * 201 can be answered. With a known idempotency key, resolves to the stored ticket and writes nothing.
   */
  create(input: NewTicket, now: number): Promise<CreateResult>;
  /** A ticket by id or by reference; null when there is none. */
  get(idOrReference: string): Promise<TicketRecord | null>;
  /** The ticket filed with this idempotency key; null when there is none. */
  findByIdempotencyKey(key: string): Promise<Ticket | null>;
  /** Tickets newest first. Rejects with InvalidCursorError for a cursor this store did not issue. */
  list(options: ListOptions): Promise<TicketPage>;
  close(): Promise<void>;
}

/** An undelivered ticket handed to one forwarder until its lease ends. */
export interface OutboxItem {
  ticket: Ticket;
  /** Attempts made before this one. */
  attempts: number;
  /** How many of the latest attempts in a row the help desk refused (see OutboxForwarder). */
  refusals: number;
}

/** A failed attempt, as the forwarder records it. */
export interface Failure {
  nextAttemptAt: number;
  error: string;
  /** Refusals in a row, this attempt included; 0 (the default) for a failure that is not a refusal. */
  refusals?: number;
  /** Set when the refusals reached the limit: the ticket is set aside (never claimed) until requeue(). */
  refusedAt?: number;
}

export interface ClaimOptions {
  now: number;
  limit: number;
  /** Owner id of the claiming forwarder; only it may settle the claimed items. */
  owner: string;
  /** The claim lapses after this long, so a crashed forwarder's items are retried by another. */
  leaseMs: number;
}

/** What the outbox forwarder needs. */
export interface OutboxStore {
  /** Leases undelivered items whose next attempt is due and that no live lease holds, oldest first. */
  claimDue(options: ClaimOptions): Promise<OutboxItem[]>;
  /**
   * Records a 2xx from the help desk; the item is never claimed again. Recorded even if the lease has lapsed (the
   * help desk has the ticket either way). False when it was already recorded as delivered.
   */
  markDelivered(ticketId: string, now: number): Promise<boolean>;
  /** Records a failed attempt and when to try again (or that it is set aside); releases the lease. False if the lease was lost. */
  markFailed(ticketId: string, owner: string, failure: Failure): Promise<boolean>;
  /** The earliest next attempt of an item still to be delivered (not set aside), or null when there is none. */
  nextDueAt(): Promise<number | null>;
  /**
   * Makes undelivered tickets due by `now` (one, or all when ticketId is absent), refused ones included: they go
   * back into the queue with their refusals counted from zero. Resolves with how many were requeued; a delivered
   * ticket is never sent again, so it counts 0.
   */
  requeue(now: number, ticketId?: string): Promise<number>;
  /** The outbox at a glance, for the admin API and the insights page. */
  outboxSummary(): Promise<OutboxSummary>;
}

/** What has not reached the help desk yet. */
export interface OutboxSummary {
  /** Tickets the help desk has not acknowledged. */
  undelivered: number;
  /** Of those, the ones still retried after at least one failed attempt. */
  failing: number;
  /** Of those, the ones the help desk refused and that wait for someone to send them again. */
  refused: number;
  /** Creation time of the oldest undelivered ticket; null when there is none. */
  oldestCreatedAt: number | null;
  /** The failing or refused ticket due to be tried last (the latest failure, as near as the outbox records it). */
  lastFailure: { reference: string; attempts: number; error: string } | null;
}

/** The cursor was not issued by this store (or was altered). */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`api/tickets: invalid cursor ${JSON.stringify(cursor)}`);
    this.name = 'InvalidCursorError';
  }
}
