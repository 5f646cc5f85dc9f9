import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { WebhookConfig } from '../../api/tickets/config.ts';
import { backoffDelay, OUTBOX_DEFAULTS, OutboxForwarder, startOutbox, webhookPayload, type ForwarderEvent } from '../../api/tickets/outbox.ts';
import type { LogEntry } from '../../api/middleware/access-log.ts';
import { openTicketIntake } from '../../api/tickets/node.ts';
import { ticketRoutes } from '../../api/tickets/routes.ts';
import { verifySignature } from '../../api/tickets/signature.ts';
import { openSqliteTicketStore, type SqliteTicketStore } from '../../api/tickets/sqlite-store.ts';
import type { NewTicket, Ticket } from '../../api/tickets/store.ts';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts';

const SECRET = 'whsec-test-7f3a9c';
const T0 = Date.parse('2026-11-22T10:00:00.000Z');
/** With random() = 0.5 and jitter 0.2, every delay is 90% of its exponential step. */
const HALF = () => 0.5;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rahnama-outbox-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openStore(dataDir: string): SqliteTicketStore {
  const store = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
  cleanups.push(() => store.close());
  return store;
}

async function receiver(options: Parameters<typeof startWebhookReceiver>[0] = {}): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(options);
  cleanups.push(() => started.close());
  return started;
}

function webhook(url: string, timeoutMs = 2000, refuseAfter = 3): WebhookConfig {
  return { url, secret: SECRET, timeoutMs, refuseAfter };
}

class FakeClock {
  time: number;
  constructor(time: number) {
    this.time = time;
  }
  now = () => this.time;
}

function forwarder(store: SqliteTicketStore, url: string, clock: FakeClock, events: ForwarderEvent[] = []) {
  const created = new OutboxForwarder({ store, webhook: webhook(url), clock, random: HALF, onEvent: (event) => events.push(event) });
  cleanups.push(() => created.stop());
  return created;
}

const newTicket = (subject: string, key: string | null = null): NewTicket => ({
  subject,
  description: 'مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه',
  email: 'sara@example.com',
  locale: 'fa',
  category: 'internet',
  suggestionsShown: ['fa/modem-red-light'],
  suggestionOpened: null,
  idempotencyKey: key,
});

async function file(store: SqliteTicketStore, subject: string, now = T0): Promise<Ticket> {
  return (await store.create(newTicket(subject), now)).ticket;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('backoffDelay', () => {
  const policy = OUTBOX_DEFAULTS.backoff;

  test('doubles from one second and stops growing at the cap', () => {
    const table = [1, 2, 3, 4, 5, 10, 11, 30, 1000].map((failures) => [failures, backoffDelay(failures, policy, () => 0)]);
    expect(table).toEqual([
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000],
      [5, 16000],
      [10, 512000],
      [11, 600000],
      [30, 600000],
      [1000, 600000],
    ]);
  });

  test('jitter takes off at most its fraction of the step and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, random) => {
        const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 1));
        const delay = backoffDelay(failures, policy, () => random);
        return delay <= step && delay >= Math.floor(step * (1 - policy.jitter)) && delay <= policy.maxMs;
      }),
    );
  });
});

describe('outbox forwarder', () => {
  test('retries on the backoff schedule and delivers exactly once, signed, after the help desk recovers', async () => {
    const store = openStore(tempDir());
    const desk = await receiver({ failFirst: 3 });
    const clock = new FakeClock(T0);
    const events: ForwarderEvent[] = [];
    const outbox = forwarder(store, desk.url, clock, events);
    const ticket = await file(store, 'Modem light is red');

    // Attempt 1 at T0 fails; the next is due 0.9 s later (1 s step, jitter at 0.5).
    expect(await outbox.runOnce()).toEqual({ delivered: 0, failed: 1 });
    const schedule = [T0];
    const expectedGaps = [900, 1800, 3600];
    for (const gap of expectedGaps) {
      const due = schedule.at(-1)! + gap;
      expect((await store.get(ticket.id))!.delivery.nextAttemptAt).toBe(due);
      // One millisecond early: nothing is sent.
      clock.time = due - 1;
      expect(await outbox.runOnce()).toEqual({ delivered: 0, failed: 0 });
      clock.time = due;
      await outbox.runOnce();
      schedule.push(due);
    }

    expect(desk.requests.map((request) => request.status)).toEqual([500, 500, 500, 200]);
    const record = (await store.get(ticket.id))!;
    expect(record.delivery).toEqual({ state: 'delivered', attempts: 4, nextAttemptAt: null, deliveredAt: T0 + 6300, refusedAt: null, lastError: 'HTTP 500' });
    expect(events.map((event) => event.type)).toEqual(['failed', 'failed', 'failed', 'delivered']);

    for (const request of desk.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(request.headers['x-rahnama-delivery']).toBe(ticket.id);
      expect(await verifySignature(request.body, request.headers['x-rahnama-signature'] as string, SECRET)).toBe(true);
      expect(await verifySignature(request.body, request.headers['x-rahnama-signature'] as string, 'another-secret')).toBe(false);
      expect(JSON.parse(request.body)).toEqual(webhookPayload(ticket));
    }
    expect(JSON.parse(desk.requests[0]!.body)).toEqual({
      type: 'ticket.created',
      ticket: {
        id: ticket.id,
        reference: ticket.reference,
        subject: 'Modem light is red',
        description: 'مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه',
        email: 'sara@example.com',
        locale: 'fa',
        category: 'internet',
        suggestionsShown: ['fa/modem-red-light'],
        suggestionOpened: null,
        createdAt: '2026-11-22T10:00:00.000Z',
      },
    });

    // Much later, nothing is sent again.
    clock.time = T0 + 24 * 3600_000;
    expect(await outbox.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(desk.requests).toHaveLength(4);
    expect(await store.nextDueAt()).toBeNull();
  });

  test('a restart in the middle of the retries carries on from the stored schedule', async () => {
    const dataDir = tempDir();
    const desk = await receiver({ failFirst: 2 });
    const clock = new FakeClock(T0);
    const before = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
    const ticket = await file(before, 'Restart me');
    const first = new OutboxForwarder({ store: before, webhook: webhook(desk.url), clock, random: HALF });
    await first.runOnce();
    await first.stop();
    await before.close();

    // A new process: new store connection, new forwarder (new lease owner), same file.
    const after = openStore(dataDir);
    const second = forwarder(after, desk.url, clock);
    expect((await after.get(ticket.id))!.delivery).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: T0 + 900, lastError: 'HTTP 500' });
    clock.time = T0 + 899;
    expect(await second.runOnce()).toEqual({ delivered: 0, failed: 0 });
    clock.time = T0 + 900;
    expect(await second.runOnce()).toEqual({ delivered: 0, failed: 1 });
    clock.time = T0 + 900 + 1800;
    expect(await second.runOnce()).toEqual({ delivered: 1, failed: 0 });

    expect(desk.requests.map((request) => request.status)).toEqual([500, 500, 200]);
    expect(new Set(desk.requests.map((request) => request.headers['x-rahnama-delivery']))).toEqual(new Set([ticket.id]));
    expect((await after.get(ticket.id))!.delivery).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  test('the background loop delivers each ticket exactly once after the help desk comes back up', async () => {
    const store = openStore(tempDir());
    // Find a free port, then keep the help desk down on it while tickets arrive.
    const probe = await startWebhookReceiver();
    const { port, url } = probe;
    await probe.close();

    const outbox = new OutboxForwarder({ store, webhook: webhook(url, 500), backoff: { baseMs: 20, maxMs: 80 }, pollMs: 50 });
    cleanups.push(() => outbox.stop());
    outbox.start();
    const tickets: Ticket[] = [];
    for (let i = 0; i < 5; i++) {
      tickets.push(await file(store, `Ticket ${i}`, Date.now()));
      outbox.wake();
    }
    await waitFor(async () => (await store.list({ limit: 10 })).tickets.every((ticket) => ticket.delivery.attempts >= 2));
    const failing = (await store.get(tickets[0]!.id))!.delivery;
    expect(failing.state).toBe('pending');
    expect(failing.lastError).toMatch(/ECONNREFUSED/);

    const desk = await receiver({ port, failFirst: 2 });
    await waitFor(async () => (await store.list({ limit: 10 })).tickets.every((ticket) => ticket.delivery.state === 'delivered'));
    // Keep running a while: nothing is sent twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await outbox.stop();

    const delivered = desk.acknowledged().map((request) => request.headers['x-rahnama-delivery']);
    expect(delivered.sort()).toEqual(tickets.map((ticket) => ticket.id).sort());
    expect(desk.requests.length).toBe(7);
  });

  test('two forwarders sharing one database never deliver the same ticket twice', async () => {
    const dataDir = tempDir();
    const storeA = openStore(dataDir);
    const storeB = openStore(dataDir);
    const desk = await receiver();
    const clock = new FakeClock(T0);
    const tickets = await Promise.all(Array.from({ length: 12 }, (_, i) => file(storeA, `Shared ${i}`)));
    const a = forwarder(storeA, desk.url, clock);
    const b = forwarder(storeB, desk.url, clock);
    const [resultA, resultB] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(resultA.delivered + resultB.delivered).toBe(12);
    expect(desk.requests).toHaveLength(12);
    expect(new Set(desk.requests.map((request) => request.headers['x-rahnama-delivery'])).size).toBe(12);
    expect(new Set(desk.requests.map((request) => request.headers['x-rahnama-delivery']))).toEqual(new Set(tickets.map((ticket) => ticket.id)));
  });

  test('a ticket the help desk refuses three times in a row is set aside; any other answer in between starts the count again', async () => {
    const store = openStore(tempDir());
    // 422 twice, a 503 (the help desk was down: not a verdict on the ticket), then 400, 410 and 422: refused.
    const desk = await receiver({ statuses: [422, 422, 503, 400, 410, 422] });
    const clock = new FakeClock(T0);
    const events: ForwarderEvent[] = [];
    const outbox = forwarder(store, desk.url, clock, events);
    const ticket = await file(store, 'Refused');
    const other = await file(store, 'Accepted later', T0 + 1);
    for (let attempt = 0; attempt < 6; attempt++) {
      const due = await store.nextDueAt();
      clock.time = due!;
      await outbox.runOnce();
    }
    expect(desk.requests.map((request) => [request.headers['x-rahnama-delivery'], request.status])).toEqual([
      [ticket.id, 422],
      [other.id, 422],
      [ticket.id, 503],
      [other.id, 400],
      [ticket.id, 410],
      [other.id, 422],
    ]);
    // The first ticket's run was broken by the 503; the other one was refused three times in a row.
    expect((await store.get(ticket.id))!.delivery).toMatchObject({ state: 'pending', attempts: 3, lastError: 'HTTP 410' });
    const refused = (await store.get(other.id))!.delivery;
    expect(refused).toEqual({ state: 'refused', attempts: 3, nextAttemptAt: null, deliveredAt: null, refusedAt: clock.time, lastError: 'HTTP 422' });
    expect(events.filter((event) => event.type === 'refused')).toEqual([{ type: 'refused', ticketId: other.id, attempts: 3, error: 'HTTP 422' }]);

    // Never tried again on its own, however long the forwarder runs; the first ticket is accepted.
    clock.time += 24 * 3600_000;
    expect(await outbox.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(await outbox.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(await store.nextDueAt()).toBeNull();
    expect(desk.requests).toHaveLength(7);

    // Sent again (after the help desk fixed what it objected to): delivered on the next pass.
    expect(await store.requeue(clock.time, other.id)).toBe(1);
    expect(await outbox.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect((await store.get(other.id))!.delivery).toMatchObject({ state: 'delivered', attempts: 4, refusedAt: null });
  });

  test('401, 403, 404 and 429 are settings or limits of the help desk, retried however often they come', async () => {
    const store = openStore(tempDir());
    const desk = await receiver({ statuses: [401, 403, 404, 429, 401, 403, 404, 429] });
    const clock = new FakeClock(T0);
    const outbox = forwarder(store, desk.url, clock);
    const ticket = await file(store, 'Misconfigured');
    for (let attempt = 0; attempt < 9; attempt++) {
      clock.time = (await store.nextDueAt())!;
      await outbox.runOnce();
    }
    expect(desk.requests.map((request) => request.status)).toEqual([401, 403, 404, 429, 401, 403, 404, 429, 200]);
    expect((await store.get(ticket.id))!.delivery).toMatchObject({ state: 'delivered', attempts: 9, refusedAt: null });
  });

  test('a redirect is a failure and is not followed', async () => {
    const store = openStore(tempDir());
    const desk = await receiver({ failFirst: 1, failStatus: 302 });
    const clock = new FakeClock(T0);
    const ticket = await file(store, 'Redirected');
    expect(await forwarder(store, desk.url, clock).runOnce()).toEqual({ delivered: 0, failed: 1 });
    expect((await store.get(ticket.id))!.delivery).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 302' });
  });

  test('a help desk that never answers times out and is retried', async () => {
    const store = openStore(tempDir());
    const desk = await receiver({ hang: true });
    const ticket = await file(store, 'Hanging');
    const outbox = new OutboxForwarder({ store, webhook: webhook(desk.url, 150), clock: new FakeClock(T0), random: HALF });
    expect(await outbox.runOnce()).toEqual({ delivered: 0, failed: 1 });
    expect((await store.get(ticket.id))!.delivery).toMatchObject({ state: 'pending', attempts: 1, lastError: 'timeout after 150 ms', nextAttemptAt: T0 + 900 });
  });

  test('stop() waits for the delivery in flight and records it', async () => {
    const store = openStore(tempDir());
    const desk = await receiver();
    await file(store, 'In flight', Date.now());
    const outbox = new OutboxForwarder({ store, webhook: webhook(desk.url), pollMs: 1000 });
    outbox.start();
    await waitFor(() => desk.requests.length === 1);
    await outbox.stop();
    expect((await store.list({ limit: 1 })).tickets[0]!.delivery.state).toBe('delivered');
  });

  test('with no webhook configured nothing runs and tickets stay in the database', async () => {
    const store = openStore(tempDir());
    const ticket = await file(store, 'Kept');
    expect(startOutbox({ store, webhook: null })).toBeNull();
    expect((await store.get(ticket.id))!.delivery).toEqual({ state: 'pending', attempts: 0, nextAttemptAt: T0, deliveredAt: null, refusedAt: null, lastError: null });
  });
});

describe('openTicketIntake (the Node wiring)', () => {
  test('a ticket filed through the routes is forwarded at once and the attempts are logged without personal data', async () => {
    const desk = await receiver({ failFirst: 1 });
    const dataDir = tempDir();
    const entries: LogEntry[] = [];
    const intake = openTicketIntake({
      config: { dataDir, adminToken: null, referencePrefix: 'TZ', webhook: webhook(desk.url) },
      logger: { write: (entry) => entries.push(entry) },
    });
    cleanups.push(() => intake.close());
    const app = ticketRoutes(intake.routes);
    const response = await app.request('/tickets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'Red light', description: 'The modem light is red all day.', email: 'sara@example.com', locale: 'en' }),
    });
    const { id } = (await response.json()) as { id: string };
    // The first attempt fails (500); the retry is due about a second later.
    await waitFor(async () => (await intake.store.get(id))!.delivery.state === 'delivered', 5000);
    await intake.close();

    expect(desk.requests.map((request) => request.status)).toEqual([500, 200]);
    expect(entries.map((entry) => entry.msg)).toEqual(['tickets ready', 'webhook failed', 'webhook delivered']);
    expect(entries[0]).toMatchObject({ dataDir, webhook: `http://127.0.0.1:${desk.port}`, admin: false });
    expect(entries[1]).toMatchObject({ level: 'warn', ticketId: id, attempts: 1, error: 'HTTP 500' });
    expect(entries[2]).toMatchObject({ level: 'info', ticketId: id, attempts: 2, status: 200 });
    expect(JSON.stringify(entries)).not.toContain('sara@example.com');
  });

  test('a refused ticket is logged as an error and goes out at once when an admin sends it again', async () => {
    const desk = await receiver({ statuses: [422] });
    const entries: LogEntry[] = [];
    const token = 'admin-token-0123456789';
    const intake = openTicketIntake({
      config: { dataDir: tempDir(), adminToken: token, referencePrefix: 'TZ', webhook: webhook(desk.url, 2000, 1) },
      logger: { write: (entry) => entries.push(entry) },
    });
    cleanups.push(() => intake.close());
    const app = ticketRoutes(intake.routes);
    const admin = (path: string, method = 'GET') => app.request(path, { method, headers: { Authorization: `Bearer ${token}` } });
    const { reference } = (await intake.store.create(newTicket('Refused once'), Date.now())).ticket;
    intake.outbox!.wake();
    await waitFor(async () => (await intake.store.get(reference))!.delivery.state === 'refused');
    expect(entries.at(-1)).toMatchObject({ level: 'error', msg: 'webhook refused the ticket', attempts: 1, error: 'HTTP 422' });
    expect(await (await admin('/admin/outbox')).json()).toMatchObject({ webhook: true, undelivered: 1, failing: 0, refused: 1 });

    const again = await admin(`/admin/tickets/${reference}/redeliver`, 'POST');
    expect(again.status).toBe(200);
    expect(((await again.json()) as { delivery: { state: string } }).delivery.state).toBe('pending');
    await waitFor(async () => (await intake.store.get(reference))!.delivery.state === 'delivered');
    expect(desk.requests.map((request) => request.status)).toEqual([422, 200]);
    expect(entries.at(-1)).toMatchObject({ level: 'info', msg: 'webhook delivered', attempts: 2 });
    // Delivered: never sent again.
    const late = await admin(`/admin/tickets/${reference}/redeliver`, 'POST');
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({
      error: { code: 'already_delivered', message: 'The help desk has acknowledged this ticket already; a delivered ticket is never sent again.' },
    });
    expect(await (await admin('/admin/outbox/redeliver', 'POST')).json()).toEqual({ requeued: 0 });
  });

  test('without a webhook there is no forwarder and close() still closes the database', async () => {
    const intake = openTicketIntake({ config: { dataDir: tempDir(), adminToken: null, referencePrefix: 'TZ', webhook: null }, logger: { write: () => {} } });
    expect(intake.outbox).toBeNull();
    await intake.close();
    await expect(intake.store.list({ limit: 1 })).rejects.toThrow('api/tickets: the ticket store is closed');
  });
});
