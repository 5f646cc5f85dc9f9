/**
 * POST /events: the answer (202 at once, no cookie), validation with the API's error shape, what is stored
 * (redacted text and terms, times corrected and clamped), the queue (batches, drops counted when the database is
 * down or the queue is full), the SQLite event store in the tickets' file, retention with an injected clock, a
 * bounded burst that loses nothing, and suggestions that keep answering while the event database is down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EVENT_DEFAULTS, EVENT_LIMITS, parseEventsConfig } from '../../api/events/config.ts';
import { startEvents } from '../../api/events/node.ts';
import { toStoredEvents } from '../../api/events/normalise.ts';
import { EventQueue } from '../../api/events/queue.ts';
import { retentionCutoff, startRetention } from '../../api/events/retention.ts';
import { eventRoutes, EVENT_MESSAGES } from '../../api/events/routes.ts';
import type { StoredEvent } from '../../api/events/schemas.ts';
import { openSqliteEventStore, REPORT_QUERIES, type SqliteEventStore } from '../../api/events/sqlite-store.ts';
import type { EventStore } from '../../api/events/store.ts';
import { MIGRATIONS } from '../../api/tickets/migrations.ts';
import { DATABASE_FILE, openSqliteTicketStore } from '../../api/tickets/sqlite-store.ts';
import { eventsOfSessionsStartingIn, eventStoreContract } from './helpers/event-store-contract.ts';
import { postJson, suggestUrl, testApp } from './helpers.ts';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const SESSION = '3f0c9a1e-7b2d-4c55-9e61-0a8b7c6d5e4f';
const dirs: string[] = [];
const stores: SqliteEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rahnama-events-'));
  dirs.push(dir);
  return dir;
}

function openStore(dataDir = tempDir()): SqliteEventStore {
  const store = openSqliteEventStore({ dataDir });
  stores.push(store);
  return store;
}

/** A store double that records batches, or fails while `down` is set. */
function memoryStore() {
  const batches: StoredEvent[][] = [];
  const store = {
    down: false,
    batches,
    insert: async (events: readonly StoredEvent[]) => {
      if (store.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      batches.push([...events]);
    },
  };
  return store;
}

function setup(
  queueOptions: { maxQueued?: number; batchSize?: number; flushMs?: number } = {},
  store: Pick<EventStore, 'insert'> = memoryStore(),
  allowedOrigins: readonly string[] = [],
) {
  const queue = new EventQueue({ store, ...queueOptions });
  const app = new Hono().route('/api/v1', eventRoutes({ queue, clock: { now: () => NOW }, allowedOrigins }));
  return { app, queue, store };
}

const shown = { type: 'suggestion_shown', surface: 'contact', locale: 'fa', query: 'مودمم چراغ قرمز میزنه', results: [{ id: 'fa/modem-red-light', rank: 1 }] };
const batch = (events: unknown[], extra: Record<string, unknown> = {}) => ({ sessionId: SESSION, events, ...extra });
const post = (app: Hono, body: unknown, headers: Record<string, string> = {}) => app.request('/api/v1/events', postJson(body, headers));

describe('POST /events', () => {
  test('answers 202 with the number queued, sets no cookie and is not cached', async () => {
    const { app, queue } = setup();
    const res = await post(app, batch([shown, { type: 'suggestion_opened', id: 'fa/modem-red-light', rank: 1 }]));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2 });
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(queue.counters()).toMatchObject({ accepted: 2, queued: 2, written: 0 });
  });

  test('accepts every event kind', async () => {
    const { app, queue } = setup();
    const events = [
      shown,
      { type: 'suggestion_opened', id: 'fa/modem-red-light', rank: 1 },
      { type: 'answer_feedback', id: 'fa/modem-red-light', verdict: 'solved' },
      { type: 'answer_feedback', id: 'en/slow-internet', verdict: 'not_needed' },
      { type: 'article_vote', id: 'en/slow-internet', helpful: false, reason: 'Steps for my modem are missing' },
      { type: 'article_vote', id: 'en/slow-internet', helpful: true },
      { type: 'search_no_results', query: 'fibre in Qom', locale: 'en' },
      { type: 'ticket_submitted', ticketId: '4f6c1d2e-8a9b-4c3d-9e0f-1a2b3c4d5e6f', reference: 'TZ-7K3Q9D', shown: ['fa/modem-red-light'], opened: [] },
      { type: 'ticket_submitted' },
    ];
    const res = await post(app, batch(events));
    expect(res.status).toBe(202);
    expect(queue.counters().accepted).toBe(events.length);
  });

  test('ignores fields it does not know (the site emitter adds surface, locale and source)', async () => {
    const { app, queue } = setup({ flushMs: 60_000 });
    const res = await post(app, batch([{ type: 'suggestion_opened', surface: 'widget', locale: 'fa', id: 'fa/modem-red-light', rank: 2 }, { ...shown, source: 'static' }]));
    expect(res.status).toBe(202);
    expect(queue.counters().accepted).toBe(2);
    const [opened] = toStoredEvents(batch([{ type: 'suggestion_opened', surface: 'widget', locale: 'fa', id: 'fa/a', rank: 2 }]) as never, NOW);
    expect(opened!.data).toEqual({ type: 'suggestion_opened', id: 'fa/a', rank: 2 });
  });

  test('accepts a text/plain body, as navigator.sendBeacon sends it', async () => {
    const { app, queue } = setup();
    const res = await app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(batch([shown])) });
    expect(res.status).toBe(202);
    expect(queue.counters().accepted).toBe(1);
  });

  test("a beacon from another site's page is refused unless its origin is allowed; the help center's own pages and curl pass", async () => {
    const beacon = (app: Hono, headers: Record<string, string>) =>
      app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers }, body: JSON.stringify(batch([shown])) });
    const crossSite = (origin: string) => ({ 'Sec-Fetch-Site': 'cross-site', Origin: origin });
    const { app, queue } = setup({ flushMs: 60_000 }, memoryStore(), ['https://desk.example.com']);
    const refused = await beacon(app, crossSite('https://spam.example'));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('cross_site');
    // JSON from such a page is refused too (a CORS preflight would have stopped a browser's; this is belt and braces).
    expect((await post(app, batch([shown]), crossSite('https://spam.example'))).status).toBe(403);
    expect(queue.counters().accepted).toBe(0);
    // The widget on an allowed help desk's form, the help center's own pages, a sibling host, and clients without the header.
    const passing: Record<string, string>[] = [crossSite('https://desk.example.com'), { 'Sec-Fetch-Site': 'same-origin' }, { 'Sec-Fetch-Site': 'same-site' }, {}];
    for (const headers of passing) {
      expect((await beacon(app, headers)).status).toBe(202);
    }
    expect(queue.counters().accepted).toBe(4);
    // "*" lets every origin call the API with CORS, so it lets their beacons in too.
    const open = setup({ flushMs: 60_000 }, memoryStore(), ['*']);
    expect((await beacon(open.app, crossSite('https://anywhere.example'))).status).toBe(202);
  });

  const invalid: Array<[string, unknown, string]> = [
    ['a session id that is too short', batch([shown], { sessionId: 'abc' }), 'sessionId'],
    ['a session id with other characters', batch([shown], { sessionId: 'a b c d e f g h i j k l' }), 'sessionId'],
    ['an unknown event type', batch([{ type: 'page_view' }]), 'events.0.type'],
    ['an unknown surface', batch([{ ...shown, surface: 'email' }]), 'events.0.surface'],
    ['an article id that is not "<locale>/<slug>"', batch([{ type: 'suggestion_opened', id: '../etc/passwd', rank: 1 }]), 'events.0.id'],
    ['a rank of 0', batch([{ type: 'suggestion_opened', id: 'fa/a', rank: 0 }]), 'events.0.rank'],
    ['a verdict that is not solved or not_needed', batch([{ type: 'answer_feedback', id: 'fa/a', verdict: 'meh' }]), 'events.0.verdict'],
    ['an empty batch', batch([]), 'events'],
    [`more than ${EVENT_LIMITS.maxEvents} events`, batch(Array.from({ length: EVENT_LIMITS.maxEvents + 1 }, () => ({ type: 'suggestion_opened', id: 'fa/a', rank: 1 }))), 'events'],
    ['a body that is not an object', [1, 2], 'body'],
  ];
  for (const [name, body, field] of invalid) {
    test(`refuses ${name} with 400 naming "${field}"`, async () => {
      const { app, queue } = setup();
      const res = await post(app, body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(json.error.code).toBe('invalid_request');
      expect(Object.keys(json.error.fields)).toContain(field);
      expect(queue.counters().accepted).toBe(0);
    });
  }

  test('refuses malformed JSON (also as text/plain) with 400, another media type with 415', async () => {
    const { app } = setup();
    expect((await post(app, '{"sessionId":')).status).toBe(400);
    const plain = await app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'not json' });
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { fields: object } }).error.fields).toEqual({ body: 'expected a JSON object' });
    const form = await app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
  });

  test(`refuses bodies over ${EVENT_LIMITS.maxBodyBytes} bytes with 413, and takes one just under`, async () => {
    const { app } = setup();
    const big = batch([{ ...shown, query: 'x'.repeat(5000) }]);
    const many = batch(Array.from({ length: 14 }, () => big.events[0]));
    expect(JSON.stringify(many).length).toBeGreaterThan(EVENT_LIMITS.maxBodyBytes);
    const res = await post(app, many);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(EVENT_MESSAGES.tooLarge);
    const under = batch(Array.from({ length: 12 }, () => big.events[0]));
    expect(JSON.stringify(under).length).toBeLessThan(EVENT_LIMITS.maxBodyBytes);
    expect((await post(app, under)).status).toBe(202);
  });
});

describe('what is stored of an event', () => {
  test('query text is redacted and reduced to terms; the raw email and phone number are gone', () => {
    const [event] = toStoredEvents(
      batch([{ ...shown, query: 'مودمم قرمزه شماره‌ام ۰۹۱۲ ۳۴۵ ۶۷۸۹ و ایمیلم sara.k@example.com' }]) as never,
      NOW,
    );
    expect(event!.data).toEqual({
      type: 'suggestion_shown',
      surface: 'contact',
      query: 'مودمم قرمزه شماره‌ام [phone] و ایمیلم [email]',
      terms: expect.any(Array),
      results: [{ id: 'fa/modem-red-light', rank: 1 }],
    });
    const stored = JSON.stringify(event);
    for (const secret of ['sara.k', 'example.com', '۰۹۱۲', '6789', '۶۷۸۹']) expect(stored).not.toContain(secret);
    const terms = (event!.data as { terms: string[] }).terms;
    expect(terms.length).toBeGreaterThan(1);
    expect(terms).not.toContain('phone');
    expect(terms).not.toContain('email');
  });

  test('a vote reason is redacted too, and control and bidi characters are removed', () => {
    const [event] = toStoredEvents(batch([{ type: 'article_vote', id: 'en/slow-internet', helpful: false, reason: 'call me\u202e on +98 912 345 6789' }]) as never, NOW);
    expect(event!.data).toEqual({ type: 'article_vote', id: 'en/slow-internet', helpful: false, reason: 'call me on [phone]' });
  });

  test('times are corrected by the batch clock skew and clamped to [now - 24 h, now]', () => {
    const sentAt = NOW - 3_600_000; // the client's clock is one hour behind
    const events = toStoredEvents(
      batch(
        [
          { ...shown, at: sentAt - 60_000 },
          { ...shown, at: sentAt + 10 * 3_600_000 },
          { ...shown, at: 0 },
          { ...shown },
        ],
        { sentAt },
      ) as never,
      NOW,
    );
    expect(events.map((event) => event.at)).toEqual([NOW - 60_000, NOW, NOW - EVENT_LIMITS.maxEventAgeMs, NOW]);
    expect(events.every((event) => event.receivedAt === NOW && event.sessionId === SESSION)).toBe(true);
  });

  test('events without a locale take the batch locale', () => {
    const events = toStoredEvents(batch([{ type: 'ticket_submitted' }, { ...shown, locale: 'en' }], { locale: 'fa' }) as never, NOW);
    expect(events.map((event) => event.locale)).toEqual(['fa', 'en']);
  });
});

describe('the queue', () => {
  const events = (n: number) => toStoredEvents(batch(Array.from({ length: Math.min(n, 100) }, () => shown)) as never, NOW).concat([]).slice(0, n);
  const many = (n: number) => Array.from({ length: Math.ceil(n / 100) }, (_, i) => events(Math.min(100, n - i * 100))).flat();

  test('a full batch starts a write at once (draining in batches); a partial one waits for flushMs', async () => {
    const store = memoryStore();
    const queue = new EventQueue({ store, batchSize: 50, flushMs: 40 });
    queue.enqueue(many(120));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.batches.map((b) => b.length)).toEqual([50, 50, 20]);
    queue.enqueue(many(10));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.batches).toHaveLength(3);
    expect(queue.counters().queued).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.batches.map((b) => b.length)).toEqual([50, 50, 20, 10]);
    expect(queue.counters()).toMatchObject({ accepted: 130, written: 130, queued: 0, droppedStorage: 0, droppedOverflow: 0 });
  });

  test('drops and counts a batch the database refuses, and keeps working when it is back', async () => {
    const store = memoryStore();
    const errors: string[] = [];
    const queue = new EventQueue({ store, batchSize: 10, flushMs: 5, onError: (error, dropped) => errors.push(`${dropped}: ${error.message}`) });
    store.down = true;
    queue.enqueue(many(25));
    await queue.flush();
    expect(queue.counters()).toMatchObject({ accepted: 25, written: 0, droppedStorage: 25, queued: 0 });
    expect(errors).toEqual(['10: connect ECONNREFUSED 127.0.0.1:5432', '10: connect ECONNREFUSED 127.0.0.1:5432', '5: connect ECONNREFUSED 127.0.0.1:5432']);
    store.down = false;
    queue.enqueue(many(3));
    await queue.flush();
    expect(queue.counters()).toMatchObject({ accepted: 28, written: 3, droppedStorage: 25 });
  });

  test('is bounded: events beyond maxQueued are dropped and counted, and the route says how many it took', async () => {
    const store = memoryStore();
    store.down = true;
    const { app, queue } = setup({ maxQueued: 150, batchSize: 1000, flushMs: 60_000 }, store);
    const body = batch(Array.from({ length: 100 }, () => shown));
    expect(await (await post(app, body)).json()).toEqual({ accepted: 100 });
    expect(await (await post(app, body)).json()).toEqual({ accepted: 50 });
    expect(queue.counters()).toMatchObject({ accepted: 150, queued: 150, droppedOverflow: 50 });
    await queue.stop();
    expect(queue.counters()).toMatchObject({ queued: 0, droppedStorage: 150 });
  });
});

describe('the SQLite event store', () => {
  test('lives in the tickets\' database file with its own migrations, and stores no IP address', async () => {
    const dataDir = tempDir();
    const tickets = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
    const store = openStore(dataDir);
    await store.insert(toStoredEvents(batch([shown]) as never, NOW));
    await tickets.close();
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
    try {
      expect(db.prepare('SELECT version, name FROM event_schema_migrations').all()).toEqual([{ version: 1, name: 'events' }]);
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
      const columns = (db.prepare('PRAGMA table_info(events)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns).toEqual(['seq', 'session_id', 'type', 'at', 'received_at', 'locale', 'data']);
    } finally {
      db.close();
    }
  });

  test('reads the sessions of a range through the indexes, not a scan of the table', async () => {
    const dataDir = tempDir();
    const store = openStore(dataDir);
    const at = (minutes: number) => NOW + minutes * 60_000;
    const event = (sessionId: string, minutes: number): StoredEvent => ({ sessionId, at: at(minutes), receivedAt: NOW, locale: 'fa', data: { type: 'suggestion_opened', id: 'fa/a', rank: 1 } });
    await store.insert([event('s-one-0123456789', 0), event('s-two-0123456789', 5), event('s-one-0123456789', 70), event('s-three-012345678', 200)]);
    expect(await store.sessionsStartingIn({ from: at(0), to: at(60) })).toEqual(['s-one-0123456789', 's-two-0123456789']);
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
    try {
      const plan = (sql: string, params: Record<string, string | number>) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => row.detail);
      const startingIn = plan(REPORT_QUERIES.sessionsStartingIn, { from: 0, to: 1 });
      const ofSessions = plan(REPORT_QUERIES.sessionEvents, { ids: '[]' });
      for (const step of [...startingIn, ...ofSessions]) expect(step).not.toMatch(/^SCAN (e|p|events)$/);
      expect(startingIn.join('; ')).toMatch(/SEARCH p USING (COVERING )?INDEX events_session/);
      // Each session's first events through the index (LIMIT stops the walk), then those rows by rowid.
      expect(ofSessions.join('; ')).toMatch(/SEARCH events USING (COVERING )?INDEX events_session \(session_id=\?\)/);
      expect(ofSessions.join('; ')).toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    } finally {
      db.close();
    }
  });

  test('counts the tickets of a range through their creation-time index', async () => {
    const dataDir = tempDir();
    await openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' }).close();
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${REPORT_QUERIES.ticketsCreatedIn}`).all({ from: 0, to: 1 }) as Array<{ detail: string }>).map((row) => row.detail);
      expect(plan.join('; ')).toMatch(/SEARCH tickets USING INDEX tickets_created \(created_at>\? AND created_at<\?\)/);
    } finally {
      db.close();
    }
  });

  test('finds no tickets before the ticket store has created its table', async () => {
    const store = openStore(tempDir());
    expect(await store.ticketsByKey(['TZ-AAAAAA'])).toEqual([]);
    expect(await store.ticketsCreatedIn({ from: 0, to: NOW })).toEqual([]);
  });

  test('a bounded burst of 2,000 events through the route loses none', async () => {
    const store = openStore();
    const { app, queue } = setup({}, store);
    const started = performance.now();
    const posts = Array.from({ length: 20 }, (_, i) =>
      post(app, { sessionId: `burst-session-${String(i).padStart(4, '0')}`, events: Array.from({ length: 100 }, (_, j) => ({ ...shown, at: NOW - j })) }),
    );
    const answers = await Promise.all(posts);
    expect(answers.every((res) => res.status === 202)).toBe(true);
    await queue.flush();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(queue.counters()).toMatchObject({ accepted: 2000, written: 2000, droppedOverflow: 0, droppedStorage: 0 });
    expect(await eventsOfSessionsStartingIn(store, { from: 0, to: NOW + 1 })).toHaveLength(2000);
  });
});

describe('retention', () => {
  test('purges events older than the retention at start and on each run, by the injected clock', async () => {
    const store = openStore();
    const day = 86_400_000;
    let now = NOW;
    const clock = { now: () => now };
    const event = (at: number): StoredEvent => ({ sessionId: 'retention-session-1', at, receivedAt: at, locale: 'fa', data: { type: 'suggestion_opened', id: 'fa/a', rank: 1 } });
    await store.insert([event(NOW - 91 * day), event(NOW - 90 * day), event(NOW - 89 * day), event(NOW - day)]);
    const purged: number[] = [];
    const retention = startRetention({ store, retentionDays: 90, clock, everyMs: 60_000, onPurge: (r) => 'deleted' in r && purged.push(r.deleted) });
    expect(await retention.started).toBe(1);
    expect(retentionCutoff(NOW, 90)).toBe(NOW - 90 * day);
    now += 1.5 * day;
    expect(await retention.run()).toBe(2);
    retention.stop();
    expect(purged).toEqual([1, 2]);
    expect((await eventsOfSessionsStartingIn(store, { from: 0, to: NOW })).map((e) => e.at)).toEqual([NOW - day]);
  });

  test('a failed purge is reported, not thrown', async () => {
    const failures: string[] = [];
    const retention = startRetention({
      store: { purgeBefore: async () => Promise.reject(new Error('database is locked')) },
      retentionDays: 90,
      onPurge: (r) => 'error' in r && failures.push(r.error.message),
    });
    expect(await retention.started).toBe(0);
    retention.stop();
    expect(failures).toEqual(['database is locked']);
  });
});

describe('while the event database is down', () => {
  test('suggestions keep answering and events are counted as dropped', async () => {
    const store = memoryStore();
    store.down = true;
    const queue = new EventQueue({ store, flushMs: 1 });
    const { app: api } = testApp();
    const host = new Hono().route('/api/v1', eventRoutes({ queue, clock: { now: () => NOW } })).all('*', (c) => api.fetch(c.req.raw));
    for (let i = 0; i < 5; i++) {
      expect((await post(host, batch([shown]))).status).toBe(202);
      const res = await host.request(suggestUrl({ q: 'modem red', locale: 'en' }));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { suggestions: Array<{ id: string }> }).suggestions[0]!.id).toBe('en/modem-red-light');
    }
    await queue.flush();
    expect(queue.counters()).toMatchObject({ accepted: 5, written: 0, droppedStorage: 5 });
  });
});

eventStoreContract('SQLite', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  return {
    open: async () => {
      const dataDir = tempDir();
      const tickets = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
      const events = openSqliteEventStore({ dataDir });
      opened.push(events, tickets);
      return { events, tickets };
    },
    cleanup: async () => {
      for (const store of opened.splice(0)) await store.close();
    },
  };
});

describe('configuration', () => {
  test('defaults: 90 days of events, a 30-minute window, stale after 365 days', () => {
    expect(parseEventsConfig({})).toEqual({ retentionDays: 90, deflectionWindowMinutes: 30, staleAfterDays: 365 });
    expect(parseEventsConfig({ RAHNAMA_EVENTS_RETENTION_DAYS: '30', RAHNAMA_DEFLECTION_WINDOW_MINUTES: '45', RAHNAMA_STALE_AFTER_DAYS: '180' })).toEqual({
      retentionDays: 30,
      deflectionWindowMinutes: 45,
      staleAfterDays: 180,
    });
  });

  test('refuses values out of range, naming the variable', () => {
    expect(() => parseEventsConfig({ RAHNAMA_EVENTS_RETENTION_DAYS: '0' })).toThrow('api/config: RAHNAMA_EVENTS_RETENTION_DAYS expected an integer from 1 to 3650, got "0"');
    expect(() => parseEventsConfig({ RAHNAMA_DEFLECTION_WINDOW_MINUTES: 'half an hour' })).toThrow(
      'api/config: RAHNAMA_DEFLECTION_WINDOW_MINUTES expected an integer from 1 to 1440, got "half an hour"',
    );
  });
});

describe('startEvents (the server side)', () => {
  test('purges at start and then every hour', async () => {
    vi.useFakeTimers();
    try {
      const cutoffs: number[] = [];
      const service = startEvents({
        store: { insert: async () => {}, sessionsStartingIn: async () => [], sessionEvents: async () => [], ticketsByKey: async () => [], ticketsCreatedIn: async () => [], purgeBefore: async (before) => (cutoffs.push(before), 0), close: async () => {} },
        config: parseEventsConfig({}),
        adminToken: null,
        catalog: async () => [],
        logger: { write: () => {} },
        clock: { now: () => NOW },
      });
      await service.retention.started;
      expect(cutoffs).toEqual([NOW - 90 * 86_400_000]);
      await vi.advanceTimersByTimeAsync(EVENT_DEFAULTS.purgeEveryMs - 1);
      expect(cutoffs).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(cutoffs).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2 * EVENT_DEFAULTS.purgeEveryMs);
      expect(cutoffs).toHaveLength(4);
      await service.close();
    } finally {
      vi.useRealTimers();
    }
  });

  test('logs dropped batches with counts only, and close() writes what is queued', async () => {
    const store = openStore();
    const lines: Array<Record<string, unknown>> = [];
    const service = startEvents({ store, config: parseEventsConfig({}), adminToken: null, catalog: async () => [], logger: { write: (entry) => lines.push(entry) } });
    const events = toStoredEvents(batch([{ ...shown, query: 'my email is a@b.example' }]) as never, Date.now());
    service.queue.enqueue(events);
    const failing = startEvents({
      store: { insert: async () => Promise.reject(new Error('database is locked')), sessionsStartingIn: async () => [], sessionEvents: async () => [], ticketsByKey: async () => [], ticketsCreatedIn: async () => [], purgeBefore: async () => 0, close: async () => {} },
      config: parseEventsConfig({}),
      adminToken: null,
      catalog: async () => [],
      logger: { write: (entry) => lines.push(entry) },
    });
    failing.queue.enqueue(events);
    await failing.close();
    await service.close();
    expect(lines.find((line) => line.msg === 'events dropped')).toMatchObject({ level: 'warn', dropped: 1, error: 'database is locked' });
    expect(JSON.stringify(lines)).not.toContain('a@b.example');
    expect(failing.counters()).toMatchObject({ accepted: 1, droppedStorage: 1 });
    expect(service.counters()).toMatchObject({ accepted: 1, written: 1, queued: 0 });
    await expect(store.sessionsStartingIn({ from: 0, to: Date.now() + 1 })).rejects.toThrow('api/events: the event store is closed');
  });
});
