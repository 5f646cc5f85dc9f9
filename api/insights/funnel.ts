/**
 * The deflection funnel: a pure classification of one session's events, and the counts per day and locale.
 * README.md next to this file states the definitions in prose; the rules here are the same, in this order.
 *
 * A session's *interactions* are its suggestion_opened and answer_feedback events (giving feedback means the
 * answer was read). Its tickets are its ticket_submitted events. W is the deflection window.
 *
 * 1. gap: the session's first ticket came before any suggestion was shown (no suggestion_shown with results at or
 *    before it, and the ticket lists none shown). Not a session with suggestions.
 * 2. Sessions that saw no suggestion at all (and filed nothing) are outside the funnel.
 * 3. informedButFiled: some ticket lists opened suggestions, or follows an interaction by at most W.
 * 4. ignored: some ticket was filed with no interaction at or before it.
 * 5. confirmed: the customer said a suggestion solved the problem.
 * 6. probable: the session opened a suggestion it did not call "not what I need", no ticket followed within W,
 *    and W has passed since its last interaction; while W has not passed yet it is pending.
 * 7. noAction: suggestions were shown and nothing was filed, but nothing was opened either (or only answers the
 *    customer called "not what I need").
 *
 * Deflection rate = (confirmed + probable) / sessions with suggestions. Self-service score = help-center sessions /
 * tickets (Zendesk's definition, so figures compare).
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import type { StoredEvent } from '../events/schemas.ts';

export const BUCKETS = ['confirmed', 'probable', 'informedButFiled', 'ignored', 'gap', 'pending', 'noAction'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface FunnelOptions {
  /** The deflection window in milliseconds. */
  windowMs: number;
  /** The report's "now": a probable deflection needs the window to have passed. */
  now: number;
}

export interface SessionOutcome {
  sessionId: string;
  /** Time of the session's first event. */
  firstAt: number;
  locale: Locale | null;
  /** Null for a session outside the funnel (no suggestion shown, no ticket). */
  bucket: Bucket | null;
  /** The article credited with a confirmed or probable deflection (the one said to solve it, else the last opened). */
  deflectedBy: string | null;
  /** Ids and references of the session's tickets. */
  ticketKeys: string[];
}

type Event = Pick<StoredEvent, 'at' | 'data' | 'locale' | 'sessionId'>;

/** Classifies one session; `events` are that session's, in time order (ties in arrival order). */
export function classifySession(events: readonly Event[], options: FunnelOptions): SessionOutcome {
  const first = events[0];
  if (!first) throw new Error('api/insights: a session has at least one event');
  const shownTimes: number[] = [];
  const interactions: Array<{ at: number; id: string }> = [];
  const tickets: Array<{ at: number; shown: string[]; opened: string[]; keys: string[] }> = [];
  let solvedBy: string | null = null;
  const rejected = new Set<string>();
  for (const event of events) {
    const data = event.data;
    if (data.type === 'suggestion_shown' && data.results.length > 0) shownTimes.push(event.at);
    else if (data.type === 'suggestion_opened') interactions.push({ at: event.at, id: data.id });
    else if (data.type === 'answer_feedback') {
      interactions.push({ at: event.at, id: data.id });
      if (data.verdict === 'solved') solvedBy = data.id;
      else rejected.add(data.id);
    } else if (data.type === 'ticket_submitted') {
      const keys = [data.ticketId, data.reference].filter((key): key is string => key !== null);
      tickets.push({ at: event.at, shown: data.shown, opened: data.opened, keys });
    }
  }
  const outcome = (bucket: Bucket | null, deflectedBy: string | null = null): SessionOutcome => ({
    sessionId: first.sessionId,
    firstAt: first.at,
    locale: events.find((event) => event.locale !== null)?.locale ?? null,
    bucket,
    deflectedBy,
    ticketKeys: tickets.flatMap((ticket) => ticket.keys),
  });

  const firstTicket = tickets[0];
  if (firstTicket && firstTicket.shown.length === 0 && !shownTimes.some((at) => at <= firstTicket.at)) return outcome('gap');
  const sawSuggestions = shownTimes.length > 0 || tickets.some((ticket) => ticket.shown.length > 0);
  if (!sawSuggestions) return outcome(null);
  const { windowMs, now } = options;
  if (tickets.some((ticket) => ticket.opened.length > 0 || interactions.some((i) => i.at <= ticket.at && ticket.at - i.at <= windowMs))) {
    return outcome('informedButFiled');
  }
  if (tickets.some((ticket) => !interactions.some((i) => i.at <= ticket.at))) return outcome('ignored');
  if (solvedBy !== null) return outcome('confirmed', solvedBy);
  const last = interactions.at(-1);
  const credited = interactions.filter((i) => !rejected.has(i.id)).at(-1);
  if (last && credited) return now - last.at >= windowMs ? outcome('probable', credited.id) : outcome('pending');
  return outcome('noAction');
}

/** Groups events by session, keeping each session's order (events must come in time order, as the stores return them). */
export function sessionsOf<E extends Event>(events: readonly E[]): Map<string, E[]> {
  const sessions = new Map<string, E[]>();
  for (const event of events) {
    const list = sessions.get(event.sessionId);
    if (list) list.push(event);
    else sessions.set(event.sessionId, [event]);
  }
  return sessions;
}

export interface FunnelCounts {
  /** Help-center sessions: every session with at least one event. */
  sessions: number;
  /** Sessions that saw at least one suggestion (the deflection rate's denominator). */
  withSuggestions: number;
  confirmed: number;
  probable: number;
  informedButFiled: number;
  ignored: number;
  /** Saw suggestions, opened one less than the window ago, no ticket yet. */
  pending: number;
  noAction: number;
  /** Tickets filed with no suggestion shown first (not part of withSuggestions). */
  gap: number;
  /** Tickets created (from the ticket store). */
  tickets: number;
  /** (confirmed + probable) / withSuggestions; null without sessions with suggestions. */
  deflectionRate: number | null;
  /** sessions / tickets; null without tickets. */
  selfServiceScore: number | null;
}

export function emptyCounts(): FunnelCounts {
  return { sessions: 0, withSuggestions: 0, confirmed: 0, probable: 0, informedButFiled: 0, ignored: 0, pending: 0, noAction: 0, gap: 0, tickets: 0, deflectionRate: null, selfServiceScore: null };
}

/** Adds one session to the counts (rates are computed by finishCounts). */
export function countSession(counts: FunnelCounts, outcome: Pick<SessionOutcome, 'bucket'>): void {
  counts.sessions++;
  if (outcome.bucket === null) return;
  counts[outcome.bucket]++;
  if (outcome.bucket !== 'gap') counts.withSuggestions++;
}

export function finishCounts(counts: FunnelCounts): FunnelCounts {
  counts.deflectionRate = counts.withSuggestions === 0 ? null : (counts.confirmed + counts.probable) / counts.withSuggestions;
  counts.selfServiceScore = counts.tickets === 0 ? null : counts.sessions / counts.tickets;
  return counts;
}

/** The UTC calendar day of a time, "YYYY-MM-DD". */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export interface FunnelInput {
  outcomes: readonly SessionOutcome[];
  /** Tickets created in the range: their time and locale. */
  tickets: ReadonlyArray<{ createdAt: number; locale: Locale }>;
  /** Only sessions (and tickets) of this locale; all when undefined. */
  locale?: Locale;
  /** The calendar day of an instant; default the UTC day (insights/days.ts gives other zones). */
  dayOf?: (time: number) => string;
}

export interface FunnelDay extends FunnelCounts {
  day: string;
}

/**
 * The funnel per day and in total, counted as sessions and tickets come (a report feeds it a batch of sessions at a
 * time): a session counts on the day of its first event, a ticket on the day it was filed.
 */
export class FunnelTally {
  readonly #days = new Map<string, FunnelCounts>();
  readonly #total = emptyCounts();
  readonly #locale: Locale | undefined;
  readonly #dayOfTime: (time: number) => string;

  constructor(options: Pick<FunnelInput, 'locale' | 'dayOf'> = {}) {
    this.#locale = options.locale;
    this.#dayOfTime = options.dayOf ?? utcDay;
  }

  #day(time: number): FunnelCounts {
    const day = this.#dayOfTime(time);
    let counts = this.#days.get(day);
    if (!counts) this.#days.set(day, (counts = emptyCounts()));
    return counts;
  }

  addSession(outcome: SessionOutcome): void {
    if (this.#locale && outcome.locale !== this.#locale) return;
    countSession(this.#day(outcome.firstAt), outcome);
    countSession(this.#total, outcome);
  }

  addTicket(ticket: { createdAt: number; locale: Locale }): void {
    if (this.#locale && ticket.locale !== this.#locale) return;
    this.#day(ticket.createdAt).tickets++;
    this.#total.tickets++;
  }

  result(): { days: FunnelDay[]; total: FunnelCounts } {
    const days = [...this.#days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, ...finishCounts({ ...counts }) }));
    return { days, total: finishCounts({ ...this.#total }) };
  }
}

/** The funnel of a whole set of sessions and tickets at once. */
export function funnelByDay(input: FunnelInput): { days: FunnelDay[]; total: FunnelCounts } {
  const tally = new FunnelTally(input);
  for (const outcome of input.outcomes) tally.addSession(outcome);
  for (const ticket of input.tickets) tally.addTicket(ticket);
  return tally.result();
}
