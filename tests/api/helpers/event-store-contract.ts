/**
 * The behaviour every event store must have, as a reusable suite: the SQLite store and the PostgreSQL store run
 * it with their own harness. The harness opens an event store together with a ticket store over the same database.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { StoredEvent } from '../../../api/events/schemas.ts';
import type { EventStore, TimeRange } from '../../../api/events/store.ts';
import type { OutboxStore, TicketStore } from '../../../api/tickets/store.ts';
import { sampleTicket } from './ticket-store-contract.ts';

export interface EventStoreHarness {
  open(): Promise<{ events: EventStore; tickets: TicketStore & OutboxStore }>;
  cleanup(): Promise<void>;
}

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const event = (sessionId: string, minutes: number, data: StoredEvent['data'] = { type: 'suggestion_opened', id: 'fa/a', rank: 1 }): StoredEvent => ({
  sessionId,
  at: NOW + minutes * MIN,
  receivedAt: NOW,
  locale: 'fa',
  data,
});

/** Every event of the sessions that start in the range, as a report reads them (in one batch). */
export async function eventsOfSessionsStartingIn(events: EventStore, range: TimeRange): Promise<StoredEvent[]> {
  return events.sessionEvents(await events.sessionsStartingIn(range), { perSession: 1000 });
}

export function eventStoreContract(name: string, makeHarness: () => EventStoreHarness): void {
  describe(`${name}: the event store contract`, () => {
    let harness: EventStoreHarness;
    const open = () => {
      harness = makeHarness();
      return harness.open();
    };
    afterEach(async () => {
      await harness?.cleanup();
    });

    test('stores every field of every kind and reads it back', async () => {
      const { events } = await open();
      const all: StoredEvent[] = [
        event('contract-session-01', 0, { type: 'suggestion_shown', surface: 'widget', query: 'مودم [phone]', terms: ['مودم'], results: [{ id: 'fa/a', rank: 1 }] }),
        event('contract-session-01', 1, { type: 'suggestion_opened', id: 'fa/a', rank: 1 }),
        event('contract-session-01', 2, { type: 'answer_feedback', id: 'fa/a', verdict: 'not_needed' }),
        event('contract-session-01', 3, { type: 'article_vote', id: 'fa/a', helpful: false, reason: null }),
        event('contract-session-01', 4, { type: 'search_no_results', query: 'x', terms: ['x'] }),
        { ...event('contract-session-01', 5, { type: 'ticket_submitted', ticketId: null, reference: 'TZ-AAAAAA', shown: ['fa/a'], opened: [] }), locale: null },
      ];
      await events.insert(all);
      expect(await eventsOfSessionsStartingIn(events, { from: NOW, to: NOW + 1 })).toEqual(all);
    });

    test('finds the sessions that start in the range, and reads whole sessions by id, by session then time then arrival', async () => {
      const { events } = await open();
      await events.insert([event('s-one-0123456789', 0), event('s-two-0123456789', 5), event('s-one-0123456789', 70), event('s-zero-012345678', -10)]);
      await events.insert([event('s-two-0123456789', 5, { type: 'answer_feedback', id: 'fa/a', verdict: 'solved' }), event('s-three-012345678', 200), event('s-zero-012345678', 10)]);
      // s-zero has an event in the range but started before it: it belongs to the earlier range's report.
      expect(await events.sessionsStartingIn({ from: NOW, to: NOW + 60 * MIN })).toEqual(['s-one-0123456789', 's-two-0123456789']);
      expect(await events.sessionsStartingIn({ from: NOW - DAY, to: NOW - 60 * MIN })).toEqual([]);
      const found = await events.sessionEvents(['s-two-0123456789', 's-one-0123456789', 'no-such-session-00'], { perSession: 10 });
      expect(found.map((e) => [e.sessionId, (e.at - NOW) / MIN, e.data.type])).toEqual([
        ['s-one-0123456789', 0, 'suggestion_opened'],
        ['s-one-0123456789', 70, 'suggestion_opened'],
        ['s-two-0123456789', 5, 'suggestion_opened'],
        ['s-two-0123456789', 5, 'answer_feedback'],
      ]);
      expect(await events.sessionEvents([], { perSession: 10 })).toEqual([]);
    });

    test('reads at most perSession events of a session, its earliest by time then arrival; an id named twice is read once', async () => {
      const { events } = await open();
      const opened = (id: string) => ({ type: 'suggestion_opened' as const, id, rank: 1 });
      // Stored out of order: the store orders by time, and events at the same time by arrival.
      await events.insert([event('s-bot-0123456789', 30, opened('fa/d')), event('s-bot-0123456789', 10, opened('fa/b'))]);
      await events.insert([event('s-bot-0123456789', 10, opened('fa/c')), event('s-bot-0123456789', 0, opened('fa/a')), event('s-bot-0123456789', 40, opened('fa/e'))]);
      await events.insert([event('s-one-0123456789', 5), event('s-one-0123456789', 6)]);
      const found = await events.sessionEvents(['s-one-0123456789', 's-bot-0123456789', 's-one-0123456789'], { perSession: 3 });
      expect(found.map((e) => [e.sessionId, (e.at - NOW) / MIN, e.data.type === 'suggestion_opened' ? e.data.id : e.data.type])).toEqual([
        ['s-bot-0123456789', 0, 'fa/a'],
        ['s-bot-0123456789', 10, 'fa/b'],
        ['s-bot-0123456789', 10, 'fa/c'],
        ['s-one-0123456789', 5, 'fa/a'],
        ['s-one-0123456789', 6, 'fa/a'],
      ]);
      expect(await events.sessionEvents(['s-bot-0123456789'], { perSession: 1000 })).toHaveLength(5);
    });

    test('finds tickets by id or reference whenever they were created, and the time and locale of those created in a range', async () => {
      const { events, tickets } = await open();
      const early = (await tickets.create(sampleTicket, NOW - 10 * DAY)).ticket;
      const inRange = (await tickets.create({ ...sampleTicket, locale: 'fa', subject: 'in range' }, NOW)).ticket;
      await tickets.create(sampleTicket, NOW + DAY);
      const named = await events.ticketsByKey([inRange.id, early.reference, 'TZ-NOSUCH']);
      expect(named.map((t) => [t.id, t.reference, t.locale, t.createdAt, t.subject])).toEqual([
        [early.id, early.reference, 'en', NOW - 10 * DAY, sampleTicket.subject],
        [inRange.id, inRange.reference, 'fa', NOW, 'in range'],
      ]);
      expect((await events.ticketsByKey([early.id])).map((t) => t.id)).toEqual([early.id]);
      expect(await events.ticketsByKey([])).toEqual([]);
      expect(await events.ticketsCreatedIn({ from: NOW - 1000, to: NOW + 1000 })).toEqual([{ createdAt: NOW, locale: 'fa' }]);
      expect(await events.ticketsCreatedIn({ from: NOW - 11 * DAY, to: NOW + 2 * DAY })).toHaveLength(3);
    });

    test('purges events strictly older than the cut-off', async () => {
      const { events } = await open();
      await events.insert([event('purge-session-0001', -3), event('purge-session-0001', -2), event('purge-session-0001', -1)]);
      expect(await events.purgeBefore(NOW - 2 * MIN)).toBe(1);
      expect(await events.purgeBefore(NOW - 2 * MIN)).toBe(0);
      expect((await eventsOfSessionsStartingIn(events, { from: 0, to: NOW })).map((e) => (e.at - NOW) / MIN)).toEqual([-2, -1]);
    });

    test('a batch of 500 is written in one call', async () => {
      const { events } = await open();
      await events.insert(Array.from({ length: 500 }, (_, i) => event(`bulk-session-${String(i % 50).padStart(4, '0')}`, i % 60)));
      expect(await eventsOfSessionsStartingIn(events, { from: NOW, to: NOW + 60 * MIN })).toHaveLength(500);
    });

    test('a closed store refuses work', async () => {
      const { events } = await open();
      await events.close();
      await expect(async () => events.insert([event('closed-session-001', 0)])).rejects.toThrow('api/events: the event store is closed');
    });
  });
}
