/**
 * The behaviour every ticket store must have, as a reusable suite: the SQLite store runs it now, and a PostgreSQL
 * store (DATABASE_URL) runs the same tests by passing its own harness.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { InvalidCursorError, type NewTicket, type OutboxStore, type TicketStore } from '../../../api/tickets/store.ts';

export type FullStore = TicketStore & OutboxStore;

export interface StoreHarness {
  /** A store over a new, empty database. */
  open(options?: { references?: () => string }): Promise<FullStore>;
  /** Closes the store and opens the same database again, as a restarted server would. */
  reopen(store: FullStore): Promise<FullStore>;
  /** Removes what the harness created. */
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2026-11-22T10:00:00.000Z');

export const sampleTicket: NewTicket = {
  subject: 'Modem light is red',
  description: 'The internet light on my TizBox F1 is red since this morning.',
  email: 'sara@example.com',
  locale: 'en',
  category: 'internet',
  suggestionsShown: ['en/modem-red-light', 'en/modem-setup'],
  suggestionOpened: 'en/modem-red-light',
  idempotencyKey: null,
};

export function ticketStoreContract(name: string, makeHarness: () => StoreHarness): void {
  describe(`${name}: the ticket store contract`, () => {
    let harness: StoreHarness;
    const open: StoreHarness['open'] = (options) => {
      harness = makeHarness();
      return harness.open(options);
    };
    afterEach(async () => {
      await harness?.cleanup();
    });

    test('create stores every field and get finds the ticket by id and by reference', async () => {
      const store = await open();
      const { ticket, created } = await store.create(sampleTicket, T0);
      expect(created).toBe(true);
      expect(ticket).toMatchObject({ ...sampleTicket, createdAt: T0 });
      const expected = {
        ...ticket,
        delivery: { state: 'pending', attempts: 0, nextAttemptAt: T0, deliveredAt: null, refusedAt: null, lastError: null },
      };
      expect(await store.get(ticket.id)).toEqual(expected);
      expect(await store.get(ticket.reference)).toEqual(expected);
      expect(await store.get('TZ-000000')).toBeNull();
    });

    test('a known idempotency key returns the stored ticket and writes nothing', async () => {
      const store = await open();
      const first = await store.create({ ...sampleTicket, idempotencyKey: 'key-12345678' }, T0);
      const again = await store.create({ ...sampleTicket, subject: 'Changed', idempotencyKey: 'key-12345678' }, T0 + 5);
      expect(again).toEqual({ ticket: first.ticket, created: false });
      expect((await store.list({ limit: 10 })).tickets).toHaveLength(1);
      expect(await store.findByIdempotencyKey('key-12345678')).toEqual(first.ticket);
      expect(await store.findByIdempotencyKey('key-87654321')).toBeNull();
    });

    test('a reference already taken is drawn again; a store that cannot find a free one fails', async () => {
      const drawn = ['TZ-AAAAAA', 'TZ-AAAAAA', 'TZ-BBBBBB'];
      const store = await open({ references: () => drawn.shift() ?? 'TZ-AAAAAA' });
      expect((await store.create(sampleTicket, T0)).ticket.reference).toBe('TZ-AAAAAA');
      expect((await store.create(sampleTicket, T0)).ticket.reference).toBe('TZ-BBBBBB');
      await expect(store.create(sampleTicket, T0)).rejects.toThrow('api/tickets: no free reference after 5 attempts');
      // The failed attempt left nothing behind: no ticket, no outbox row.
      expect((await store.list({ limit: 10 })).tickets).toHaveLength(2);
      expect(await store.claimDue({ now: T0, limit: 10, owner: 'a', leaseMs: 1000 })).toHaveLength(2);
    });

    test('list pages newest first with an opaque cursor and refuses a cursor it did not issue', async () => {
      const store = await open();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await store.create({ ...sampleTicket, subject: `Ticket ${i}` }, T0 + i)).ticket.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 3, cursor });
        seen.push(...page.tickets.map((ticket) => ticket.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(ids.reverse());
      await expect(store.list({ limit: 3, cursor: 'abc' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    test('everything survives a restart', async () => {
      const store = await open();
      const { ticket } = await store.create({ ...sampleTicket, idempotencyKey: 'restart-key-1' }, T0);
      await store.claimDue({ now: T0, limit: 1, owner: 'a', leaseMs: 1000 });
      await store.markFailed(ticket.id, 'a', { nextAttemptAt: T0 + 900, error: 'HTTP 503' });
      const reopened = await harness.reopen(store);
      expect((await reopened.get(ticket.id))!.delivery).toEqual({
        state: 'pending',
        attempts: 1,
        nextAttemptAt: T0 + 900,
        deliveredAt: null,
        refusedAt: null,
        lastError: 'HTTP 503',
      });
      expect((await reopened.create({ ...sampleTicket, idempotencyKey: 'restart-key-1' }, T0 + 1)).created).toBe(false);
    });

    test('a claimed item is leased to its owner until the lease ends', async () => {
      const store = await open();
      const { ticket } = await store.create(sampleTicket, T0);
      const claimed = await store.claimDue({ now: T0, limit: 5, owner: 'a', leaseMs: 1000 });
      expect(claimed.map((item) => [item.ticket.id, item.attempts, item.refusals])).toEqual([[ticket.id, 0, 0]]);
      expect(await store.claimDue({ now: T0 + 999, limit: 5, owner: 'b', leaseMs: 1000 })).toEqual([]);
      expect(await store.nextDueAt()).toBe(T0 + 1000);
      // The lease lapsed (owner a crashed): b takes over, and a can no longer record a failure.
      expect(await store.claimDue({ now: T0 + 1000, limit: 5, owner: 'b', leaseMs: 1000 })).toHaveLength(1);
      expect(await store.markFailed(ticket.id, 'a', { nextAttemptAt: T0 + 5000, error: 'HTTP 500' })).toBe(false);
      expect(await store.markFailed(ticket.id, 'b', { nextAttemptAt: T0 + 5000, error: 'HTTP 502' })).toBe(true);
      expect((await store.get(ticket.id))!.delivery).toEqual({
        state: 'pending',
        attempts: 1,
        nextAttemptAt: T0 + 5000,
        deliveredAt: null,
        refusedAt: null,
        lastError: 'HTTP 502',
      });
    });

    test('a delivered item is recorded once and never claimed again', async () => {
      const store = await open();
      const { ticket } = await store.create(sampleTicket, T0);
      await store.claimDue({ now: T0, limit: 1, owner: 'a', leaseMs: 1000 });
      expect(await store.markDelivered(ticket.id, T0 + 10)).toBe(true);
      expect(await store.markDelivered(ticket.id, T0 + 20)).toBe(false);
      expect(await store.claimDue({ now: T0 + 10 ** 9, limit: 5, owner: 'b', leaseMs: 1000 })).toEqual([]);
      expect(await store.nextDueAt()).toBeNull();
      expect((await store.get(ticket.id))!.delivery).toMatchObject({ state: 'delivered', attempts: 1, deliveredAt: T0 + 10, nextAttemptAt: null });
    });

    test('the outbox summary counts what the help desk has not acknowledged, and names the latest failure', async () => {
      const store = await open();
      expect(await store.outboxSummary()).toEqual({ undelivered: 0, failing: 0, refused: 0, oldestCreatedAt: null, lastFailure: null });
      const delivered = (await store.create({ ...sampleTicket, subject: 'delivered' }, T0)).ticket;
      const unauthorised = (await store.create({ ...sampleTicket, subject: 'unauthorised' }, T0 + 10)).ticket;
      const timedOut = (await store.create({ ...sampleTicket, subject: 'timed out' }, T0 + 20)).ticket;
      await store.create({ ...sampleTicket, subject: 'not tried yet' }, T0 + 30);
      const refused = (await store.create({ ...sampleTicket, subject: 'refused' }, T0 + 40)).ticket;
      await store.claimDue({ now: T0 + 100, limit: 5, owner: 'a', leaseMs: 1000 });
      await store.markDelivered(delivered.id, T0 + 101);
      await store.markFailed(unauthorised.id, 'a', { nextAttemptAt: T0 + 2000, error: 'HTTP 401' });
      await store.markFailed(timedOut.id, 'a', { nextAttemptAt: T0 + 3000, error: 'timeout after 10000 ms' });
      await store.markFailed(refused.id, 'a', { nextAttemptAt: T0 + 1000, error: 'HTTP 422', refusals: 1, refusedAt: T0 + 100 });
      expect(await store.outboxSummary()).toEqual({
        undelivered: 4,
        failing: 2,
        refused: 1,
        oldestCreatedAt: T0 + 10,
        lastFailure: { reference: timedOut.reference, attempts: 1, error: 'timeout after 10000 ms' },
      });
    });

    test('a refused item is set aside: never claimed or due until it is requeued, then counted from zero', async () => {
      const store = await open();
      const { ticket } = await store.create(sampleTicket, T0);
      const other = (await store.create({ ...sampleTicket, subject: 'other' }, T0 + 1)).ticket;
      await store.claimDue({ now: T0, limit: 1, owner: 'a', leaseMs: 1000 });
      expect(await store.markFailed(ticket.id, 'a', { nextAttemptAt: T0 + 900, error: 'HTTP 422', refusals: 1 })).toBe(true);
      expect((await store.claimDue({ now: T0 + 900, limit: 5, owner: 'a', leaseMs: 1000 })).map((item) => [item.ticket.id, item.refusals])).toEqual([
        [other.id, 0],
        [ticket.id, 1],
      ]);
      await store.markFailed(ticket.id, 'a', { nextAttemptAt: T0 + 2700, error: 'HTTP 422', refusals: 2, refusedAt: T0 + 900 });
      await store.markDelivered(other.id, T0 + 901);
      expect((await store.get(ticket.reference))!.delivery).toEqual({
        state: 'refused',
        attempts: 2,
        nextAttemptAt: null,
        deliveredAt: null,
        refusedAt: T0 + 900,
        lastError: 'HTTP 422',
      });
      expect(await store.claimDue({ now: T0 + 10 ** 9, limit: 5, owner: 'b', leaseMs: 1000 })).toEqual([]);
      expect(await store.nextDueAt()).toBeNull();

      // Sent again: due at once, its refusals from zero; a delivered ticket is not touched.
      expect(await store.requeue(T0 + 5000, other.id)).toBe(0);
      expect(await store.requeue(T0 + 5000, ticket.id)).toBe(1);
      expect((await store.get(ticket.id))!.delivery).toMatchObject({ state: 'pending', nextAttemptAt: T0 + 2700, refusedAt: null, lastError: 'HTTP 422' });
      expect(await store.nextDueAt()).toBe(T0 + 2700);
      expect((await store.claimDue({ now: T0 + 5000, limit: 5, owner: 'b', leaseMs: 1000 })).map((item) => [item.ticket.id, item.attempts, item.refusals])).toEqual([
        [ticket.id, 2, 0],
      ]);
    });

    test('requeue without an id makes every undelivered item due now, oldest first, and leaves later ones in order', async () => {
      const store = await open();
      const first = (await store.create({ ...sampleTicket, subject: 'first' }, T0)).ticket;
      const second = (await store.create({ ...sampleTicket, subject: 'second' }, T0 + 1)).ticket;
      const delivered = (await store.create({ ...sampleTicket, subject: 'delivered' }, T0 + 2)).ticket;
      await store.claimDue({ now: T0 + 10, limit: 3, owner: 'a', leaseMs: 1000 });
      await store.markFailed(first.id, 'a', { nextAttemptAt: T0 + 600_000, error: 'HTTP 503' });
      await store.markFailed(second.id, 'a', { nextAttemptAt: T0 + 20, error: 'HTTP 400', refusals: 5, refusedAt: T0 + 10 });
      await store.markDelivered(delivered.id, T0 + 11);
      expect(await store.requeue(T0 + 1000)).toBe(2);
      expect((await store.outboxSummary()).refused).toBe(0);
      // The refused one was due first (its schedule is kept when it is sooner), the waiting one is due now.
      expect((await store.claimDue({ now: T0 + 1000, limit: 5, owner: 'a', leaseMs: 1000 })).map((item) => item.ticket.id)).toEqual([second.id, first.id]);
      expect(await store.requeue(T0 + 2000)).toBe(2);
    });

    test('due items are claimed oldest first, and only when due', async () => {
      const store = await open();
      const later = (await store.create({ ...sampleTicket, subject: 'later' }, T0 + 50)).ticket;
      const earlier = (await store.create({ ...sampleTicket, subject: 'earlier' }, T0)).ticket;
      expect(await store.claimDue({ now: T0 - 1, limit: 5, owner: 'a', leaseMs: 1000 })).toEqual([]);
      const claimed = await store.claimDue({ now: T0 + 100, limit: 5, owner: 'a', leaseMs: 1000 });
      expect(claimed.map((item) => item.ticket.id)).toEqual([earlier.id, later.id]);
    });
  });
}
