import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../api/tickets/migrations.ts';
import { ticketRoutes } from '../../api/tickets/routes.ts';
import { DATABASE_FILE, openSqliteTicketStore, type SqliteTicketStore } from '../../api/tickets/sqlite-store.ts';
import type { TicketStore } from '../../api/tickets/store.ts';

const TOKEN = 'test-admin-token-0123456789';
const START = Date.parse('2026-11-22T10:00:00.000Z');

const dirs: string[] = [];
const stores: SqliteTicketStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rahnama-tickets-'));
  dirs.push(dir);
  return dir;
}

function openStore(dataDir: string): SqliteTicketStore {
  const store = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
  stores.push(store);
  return store;
}

/** A fake clock: each reading is one second after the previous, so tickets have distinct, ordered times. */
function steppingClock(start = START) {
  let now = start - 1000;
  return { now: () => (now += 1000) };
}

function setup(options: { adminToken?: string | null; dataDir?: string; store?: TicketStore; webhook?: boolean } = {}) {
  const dataDir = options.dataDir ?? tempDir();
  const sqlite = options.store ? undefined : openStore(dataDir);
  const store = options.store ?? sqlite!;
  const created: string[] = [];
  const app = ticketRoutes({
    store,
    config: { adminToken: options.adminToken === undefined ? TOKEN : options.adminToken },
    clock: steppingClock(),
    onTicketCreated: (ticket) => created.push(ticket.id),
    ...(sqlite
      ? { outbox: { summary: () => sqlite.outboxSummary(), requeue: (now: number, id?: string) => sqlite.requeue(now, id), webhook: options.webhook ?? true } }
      : {}),
  });
  return { app, store, dataDir, created };
}

type App = ReturnType<typeof setup>['app'];

const validTicket = {
  subject: 'چراغ اینترنت مودم قرمز است',
  description: 'مودمم چراغ قرمز میزنه و اینترنت از صبح وصل نمیشه.',
  email: 'sara@example.com',
  locale: 'fa',
};

function post(app: App, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/tickets', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function admin(app: App, path: string, token: string | null = TOKEN, method = 'GET') {
  return app.request(path, { method, headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
}

describe('POST /tickets', () => {
  test('stores the ticket and answers 201 with its id and reference', async () => {
    const { app, created } = setup();
    const response = await post(app, {
      ...validTicket,
      category: 'internet',
      suggestionsShown: ['fa/modem-red-light', 'fa/slow-internet'],
      suggestionOpened: 'fa/modem-red-light',
      idempotencyKey: 'key-0001-abcd',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Idempotent-Replayed')).toBeNull();
    const body = (await response.json()) as { id: string; reference: string };
    expect(Object.keys(body).sort()).toEqual(['id', 'reference']);
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.reference).toMatch(/^TZ-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect(created).toEqual([body.id]);

    const detail = await admin(app, `/admin/tickets/${body.id}`);
    expect(detail.status).toBe(200);
    expect(await detail.json()).toEqual({
      id: body.id,
      reference: body.reference,
      subject: validTicket.subject,
      description: validTicket.description,
      email: 'sara@example.com',
      locale: 'fa',
      category: 'internet',
      suggestionsShown: ['fa/modem-red-light', 'fa/slow-internet'],
      suggestionOpened: 'fa/modem-red-light',
      createdAt: '2026-11-22T10:00:00.000Z',
      delivery: { state: 'pending', attempts: 0, nextAttemptAt: '2026-11-22T10:00:00.000Z', refusedAt: null, deliveredAt: null, lastError: null },
    });
  });

  test('writes the ticket and its outbox row to the SQLite file before answering', async () => {
    const { app, dataDir } = setup();
    const { id } = (await (await post(app, validTicket)).json()) as { id: string };
    // A second connection sees the committed rows: the write is not waiting in a buffer of the first.
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
    try {
      expect(db.prepare('SELECT subject, locale, suggestions_shown FROM tickets WHERE id = ?').get(id)).toEqual({
        subject: validTicket.subject,
        locale: 'fa',
        suggestions_shown: '[]',
      });
      expect(db.prepare('SELECT attempts, delivered_at FROM outbox WHERE ticket_id = ?').get(id)).toEqual({ attempts: 0, delivered_at: null });
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      db.close();
    }
  });

  test('removes control and bidi override characters but keeps line breaks and the Persian half-space', async () => {
    const { app } = setup();
    const response = await post(app, {
      ...validTicket,
      subject: '  \u202eمودم\u0007   قرمز\u200cه  ',
      description: 'خط اول\r\nخط دوم\u202e\u0000\n\n\n\nخط سوم',
    });
    const { id } = (await response.json()) as { id: string };
    const detail = (await (await admin(app, `/admin/tickets/${id}`)).json()) as { subject: string; description: string };
    expect(detail.subject).toBe('مودم قرمز\u200cه');
    expect(detail.description).toBe('خط اول\nخط دوم\n\nخط سوم');
  });

  test('trims the email address and accepts an English ticket without optional fields', async () => {
    const { app } = setup();
    const response = await post(app, { subject: 'Slow internet', description: 'Speed drops every evening.', email: ' ali@example.org ', locale: 'en' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const detail = (await (await admin(app, `/admin/tickets/${id}`)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ email: 'ali@example.org', locale: 'en', category: null, suggestionsShown: [], suggestionOpened: null });
  });
});

describe('POST /tickets limits', () => {
  test('accepts the boundary lengths and ignores unknown fields', async () => {
    const { app } = setup();
    const response = await post(app, {
      ...validTicket,
      subject: 'x'.repeat(200),
      description: 'y'.repeat(5000),
      suggestionsShown: Array.from({ length: 10 }, (_, i) => `en/article-${i}`),
      idempotencyKey: 'k'.repeat(128),
      sessionId: 'not-a-ticket-field',
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const detail = (await (await admin(app, `/admin/tickets/${id}`)).json()) as Record<string, unknown>;
    expect((detail.subject as string).length).toBe(200);
    expect((detail.description as string).length).toBe(5000);
    expect(detail).not.toHaveProperty('sessionId');
  });
});

describe('POST /tickets validation', () => {
  const cases: Array<{ name: string; body: unknown; status: number; fields: Record<string, string> }> = [
    {
      name: 'an empty object names every required field',
      body: {},
      status: 400,
      fields: { subject: 'expected a string', description: 'expected a string', email: 'expected a string', locale: 'expected one of fa, en' },
    },
    { name: 'a subject under 3 characters', body: { ...validTicket, subject: 'ab' }, status: 400, fields: { subject: 'expected at least 3 characters' } },
    {
      name: 'a subject of bidi characters only (cleaned before counting)',
      body: { ...validTicket, subject: '\u202e\u202e\u202e\u202e' },
      status: 400,
      fields: { subject: 'expected at least 3 characters' },
    },
    { name: 'a subject over 200 characters', body: { ...validTicket, subject: 'x'.repeat(201) }, status: 400, fields: { subject: 'expected at most 200 characters' } },
    { name: 'a description under 10 characters', body: { ...validTicket, description: 'short' }, status: 400, fields: { description: 'expected at least 10 characters' } },
    { name: 'a description over 5000 characters is a 413', body: { ...validTicket, description: 'x'.repeat(5001) }, status: 413, fields: { description: 'expected at most 5000 characters' } },
    { name: 'an email without @', body: { ...validTicket, email: 'sara.example.com' }, status: 400, fields: { email: 'expected an email address' } },
    { name: 'an email over 254 characters', body: { ...validTicket, email: `${'a'.repeat(250)}@example.com` }, status: 400, fields: { email: 'expected at most 254 characters' } },
    { name: 'a locale that is not fa or en', body: { ...validTicket, locale: 'de' }, status: 400, fields: { locale: 'expected one of fa, en' } },
    { name: 'a category that is not a slug', body: { ...validTicket, category: 'Home Internet' }, status: 400, fields: { category: 'expected a category slug like "internet"' } },
    {
      name: 'more than 10 suggestions shown',
      body: { ...validTicket, suggestionsShown: Array.from({ length: 11 }, (_, i) => `fa/article-${i}`) },
      status: 400,
      fields: { suggestionsShown: 'expected at most 10 ids' },
    },
    {
      name: 'a suggestion id without a locale, named by its index',
      body: { ...validTicket, suggestionsShown: ['fa/reset-password', 'reset-password'] },
      status: 400,
      fields: { 'suggestionsShown.1': 'expected an id like "fa/reset-password"' },
    },
    { name: 'suggestionsShown that is not a list', body: { ...validTicket, suggestionsShown: 'fa/reset-password' }, status: 400, fields: { suggestionsShown: 'expected a list of suggestion ids' } },
    { name: 'an opened suggestion of another locale scheme', body: { ...validTicket, suggestionOpened: 'de/reset-password' }, status: 400, fields: { suggestionOpened: 'expected an id like "fa/reset-password"' } },
    { name: 'an idempotency key under 8 characters', body: { ...validTicket, idempotencyKey: 'abc' }, status: 400, fields: { idempotencyKey: 'expected at least 8 characters' } },
    { name: 'an idempotency key with spaces', body: { ...validTicket, idempotencyKey: 'my key 12345' }, status: 400, fields: { idempotencyKey: 'expected letters, digits and . _ : - only' } },
    { name: 'a number where a string belongs', body: { ...validTicket, subject: 42 }, status: 400, fields: { subject: 'expected a string' } },
    { name: 'a JSON array instead of an object', body: [validTicket], status: 400, fields: { body: 'expected a JSON object' } },
    { name: 'malformed JSON', body: '{"subject": ', status: 400, fields: { body: 'expected a JSON object' } },
  ];

  for (const { name, body, status, fields } of cases) {
    test(`refuses ${name}`, async () => {
      const { app, store } = setup();
      const response = await post(app, body);
      expect(response.status).toBe(status);
      const error = ((await response.json()) as { error: { code: string; message: string; fields: Record<string, string> } }).error;
      expect(error.code).toBe(status === 413 ? 'payload_too_large' : 'invalid_request');
      expect(error.fields).toEqual(fields);
      expect((await store.list({ limit: 10 })).tickets).toEqual([]);
    });
  }

  test('the 400 message names the fields in order', async () => {
    const { app } = setup();
    const response = await post(app, { ...validTicket, subject: 'ab', locale: 'de' });
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'Invalid "subject", "locale": expected at least 3 characters; expected one of fa, en.',
        fields: { subject: 'expected at least 3 characters', locale: 'expected one of fa, en' },
      },
    });
  });

  test('refuses a body that is not JSON with 415', async () => {
    const { app } = setup();
    const response = await app.request('/tickets', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'help' });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: { code: 'unsupported_media_type', message: 'Send the request body as JSON with "Content-Type: application/json".' },
    });
  });

  test('answers 503 storage_unavailable with Retry-After when the database refuses the write', async () => {
    const failing: TicketStore = {
      create: async () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
      get: async () => null,
      findByIdempotencyKey: async () => null,
      list: async () => ({ tickets: [], nextCursor: null }),
      close: async () => {},
    };
    const { app, created } = setup({ store: failing });
    const response = await post(app, validTicket);
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(await response.json()).toEqual({
      error: {
        code: 'storage_unavailable',
        message: 'The ticket could not be saved right now; nothing was filed. Retry in a few seconds with the same idempotencyKey.',
      },
    });
    expect(created).toEqual([]);
  });
});

describe('idempotency', () => {
  test('a repeated key answers 201 with the same ticket, marked Idempotent-Replayed, and files nothing new', async () => {
    const { app, store, created } = setup();
    const first = await post(app, { ...validTicket, idempotencyKey: 'retry-after-timeout-1' });
    const again = await post(app, { ...validTicket, idempotencyKey: 'retry-after-timeout-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    const firstBody = await first.json();
    expect(await again.json()).toEqual(firstBody);
    expect((await store.list({ limit: 10 })).tickets).toHaveLength(1);
    expect(created).toHaveLength(1);
  });

  test('the stored ticket wins even when the replay carries different text', async () => {
    const { app } = setup();
    const first = (await (await post(app, { ...validTicket, idempotencyKey: 'same-key-2' })).json()) as { id: string };
    const replay = (await (await post(app, { ...validTicket, subject: 'A different subject', idempotencyKey: 'same-key-2' })).json()) as { id: string };
    expect(replay.id).toBe(first.id);
    const detail = (await (await admin(app, `/admin/tickets/${first.id}`)).json()) as { subject: string };
    expect(detail.subject).toBe(validTicket.subject);
  });

  test('concurrent requests with one key create one ticket', async () => {
    const { app, store } = setup();
    const responses = await Promise.all(Array.from({ length: 12 }, () => post(app, { ...validTicket, idempotencyKey: 'double-click-3' })));
    const bodies = await Promise.all(responses.map((response) => response.json() as Promise<{ id: string }>));
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(201));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
    expect(responses.filter((response) => response.headers.get('Idempotent-Replayed') === null)).toHaveLength(1);
    expect((await store.list({ limit: 20 })).tickets).toHaveLength(1);
  });

  test('different keys, or no key, file separate tickets', async () => {
    const { app, store } = setup();
    await post(app, { ...validTicket, idempotencyKey: 'key-aaaa-1' });
    await post(app, { ...validTicket, idempotencyKey: 'key-bbbb-2' });
    await post(app, validTicket);
    await post(app, validTicket);
    expect((await store.list({ limit: 20 })).tickets).toHaveLength(4);
  });
});

describe('admin routes', () => {
  test('refuse a missing, malformed or wrong token with 401 and WWW-Authenticate', async () => {
    const { app } = setup();
    const { id } = (await (await post(app, validTicket)).json()) as { id: string };
    const headerSets: Array<Record<string, string>> = [
      {},
      { Authorization: TOKEN },
      { Authorization: `Basic ${TOKEN}` },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: 'Bearer ' },
    ];
    const routes = [
      ['GET', '/admin/tickets'],
      ['GET', `/admin/tickets/${id}`],
      ['GET', '/admin/outbox'],
      ['POST', `/admin/tickets/${id}/redeliver`],
      ['POST', '/admin/outbox/redeliver'],
    ] as const;
    for (const [method, path] of routes) {
      for (const headers of headerSets) {
        const response = await app.request(path, { method, headers });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="rahnama-admin"');
        expect(await response.json()).toEqual({
          error: { code: 'unauthorized', message: 'Send the admin token as "Authorization: Bearer <token>".' },
        });
      }
    }
  });

  test('GET /admin/outbox: what has not reached the help desk yet', async () => {
    const { app, store } = setup();
    const empty = await admin(app, '/admin/outbox');
    expect(empty.status).toBe(200);
    expect(empty.headers.get('Cache-Control')).toBe('no-store');
    expect(await empty.json()).toEqual({ webhook: true, undelivered: 0, failing: 0, refused: 0, oldestCreatedAt: null, lastFailure: null });
    const { id, reference } = (await (await post(app, validTicket)).json()) as { id: string; reference: string };
    await post(app, { ...validTicket, subject: 'دومی' });
    await (store as SqliteTicketStore).claimDue({ now: START + 60_000, limit: 1, owner: 'test', leaseMs: 1000 });
    await (store as SqliteTicketStore).markFailed(id, 'test', { nextAttemptAt: START + 120_000, error: 'HTTP 401' });
    expect(await (await admin(app, '/admin/outbox')).json()).toEqual({
      webhook: true,
      undelivered: 2,
      failing: 1,
      refused: 0,
      oldestCreatedAt: new Date(START).toISOString(),
      lastFailure: { reference, attempts: 1, error: 'HTTP 401' },
    });
    // Without the outbox wired in (a store that is not one), the route is not there.
    const { app: bare } = setup({ store: openStore(tempDir()) });
    expect((await admin(bare, '/admin/outbox')).status).toBe(404);
  });

  test('POST /admin/tickets/:id/redeliver and /admin/outbox/redeliver: a refused ticket goes back into the queue', async () => {
    const { app, store } = setup();
    const sqlite = store as SqliteTicketStore;
    const { id, reference } = (await (await post(app, validTicket)).json()) as { id: string; reference: string };
    const second = (await (await post(app, { ...validTicket, subject: 'دومی' })).json()) as { id: string };
    await sqlite.claimDue({ now: START + 60_000, limit: 2, owner: 'test', leaseMs: 1000 });
    await sqlite.markFailed(id, 'test', { nextAttemptAt: START + 61_000, error: 'HTTP 422', refusals: 5, refusedAt: START + 60_000 });
    await sqlite.markFailed(second.id, 'test', { nextAttemptAt: START + 3_600_000, error: 'HTTP 503' });
    const before = (await (await admin(app, `/admin/tickets/${reference}`)).json()) as { delivery: unknown };
    expect(before.delivery).toEqual({
      state: 'refused',
      attempts: 1,
      nextAttemptAt: null,
      refusedAt: '2026-11-22T10:01:00.000Z',
      deliveredAt: null,
      lastError: 'HTTP 422',
    });
    expect(await (await admin(app, '/admin/outbox')).json()).toMatchObject({ undelivered: 2, failing: 1, refused: 1 });

    // By reference or id; the answer is the ticket as it now stands: due now (the stepping clock's third reading).
    const one = await admin(app, `/admin/tickets/${reference}/redeliver`, TOKEN, 'POST');
    expect(one.status).toBe(200);
    expect(one.headers.get('Cache-Control')).toBe('no-store');
    expect(((await one.json()) as { delivery: unknown }).delivery).toEqual({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: '2026-11-22T10:00:02.000Z',
      refusedAt: null,
      deliveredAt: null,
      lastError: 'HTTP 422',
    });
    expect(await (await admin(app, '/admin/outbox')).json()).toMatchObject({ undelivered: 2, failing: 2, refused: 0 });

    // Everything undelivered is due now (the clock's next reading); the one due already keeps its time.
    const all = await admin(app, '/admin/outbox/redeliver', TOKEN, 'POST');
    expect(await all.json()).toEqual({ requeued: 2 });
    const due = (await sqlite.claimDue({ now: START + 10 ** 7, limit: 5, owner: 'test', leaseMs: 1000 })).map((item) => item.ticket.id);
    expect(due).toEqual([id, second.id]);

    const missing = await admin(app, '/admin/tickets/TZ-000000/redeliver', TOKEN, 'POST');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  test('the redeliver routes answer 409 no_webhook when there is no help desk to send to', async () => {
    const { app } = setup({ webhook: false });
    const { id } = (await (await post(app, validTicket)).json()) as { id: string };
    for (const path of [`/admin/tickets/${id}/redeliver`, '/admin/outbox/redeliver']) {
      const response = await admin(app, path, TOKEN, 'POST');
      expect(response.status, path).toBe(409);
      expect(await response.json()).toEqual({
        error: { code: 'no_webhook', message: 'No help desk webhook is configured (RAHNAMA_WEBHOOK_URL): tickets stay in the database and are not sent.' },
      });
    }
  });

  test('guard only the ticket routes once mounted in a host app', async () => {
    const { app } = setup();
    const host = new Hono().route('/api/v1', app).get('/api/v1/admin/other', (c) => c.text('not ours'));
    expect((await host.request('/api/v1/admin/tickets')).status).toBe(401);
    expect((await host.request('/api/v1/admin/other')).status).toBe(200);
  });

  test('answer 404 as if absent when no admin token is configured', async () => {
    const { app } = setup({ adminToken: null });
    const { id } = (await (await post(app, validTicket)).json()) as { id: string };
    for (const path of ['/admin/tickets', `/admin/tickets/${id}`]) {
      const response = await admin(app, path);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  test('find a ticket by its reference as well as its id, and 404 an unknown one', async () => {
    const { app } = setup();
    const { id, reference } = (await (await post(app, validTicket)).json()) as { id: string; reference: string };
    const byReference = await admin(app, `/admin/tickets/${reference}`);
    expect(((await byReference.json()) as { id: string }).id).toBe(id);
    const unknown = await admin(app, '/admin/tickets/TZ-000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'There is no ticket with that id or reference.' } });
  });

  test('list tickets newest first, page by page, without gaps or repeats', async () => {
    const { app } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await post(app, { ...validTicket, subject: `Ticket ${i}` })).json()) as { id: string }).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await admin(app, `/admin/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { tickets: Array<{ id: string; subject: string; createdAt: string }>; nextCursor: string | null };
      expect(page.tickets.length).toBeLessThanOrEqual(2);
      expect(page.tickets.every((ticket) => !('description' in ticket))).toBe(true);
      seen.push(...page.tickets.map((ticket) => ticket.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  test('list defaults to 20 per page and refuses a bad limit or cursor naming the field', async () => {
    const { app } = setup();
    for (let i = 0; i < 21; i++) await post(app, validTicket);
    const page = (await (await admin(app, '/admin/tickets')).json()) as { tickets: unknown[]; nextCursor: string | null };
    expect(page.tickets).toHaveLength(20);
    expect(page.nextCursor).not.toBeNull();

    const limit = await admin(app, '/admin/tickets?limit=101');
    expect(limit.status).toBe(400);
    expect(((await limit.json()) as { error: { fields: unknown } }).error.fields).toEqual({ limit: 'expected an integer from 1 to 100' });

    const cursor = await admin(app, '/admin/tickets?cursor=not-a-cursor');
    expect(cursor.status).toBe(400);
    expect(await cursor.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'Invalid "cursor": expected the nextCursor of a previous page.',
        fields: { cursor: 'expected the nextCursor of a previous page' },
      },
    });
  });
});

describe('persistence across an app restart', () => {
  test('tickets, references and idempotency keys survive closing and reopening the store', async () => {
    const dataDir = tempDir();
    const before = setup({ dataDir });
    const first = (await (await post(before.app, { ...validTicket, idempotencyKey: 'survives-restart' })).json()) as { id: string; reference: string };
    const second = (await (await post(before.app, { ...validTicket, locale: 'en', subject: 'Second one' })).json()) as { id: string; reference: string };
    await before.store.close();

    const after = setup({ dataDir });
    const list = (await (await admin(after.app, '/admin/tickets')).json()) as { tickets: Array<{ id: string; reference: string }> };
    expect(list.tickets.map(({ id, reference }) => ({ id, reference }))).toEqual([second, first]);

    const replay = await post(after.app, { ...validTicket, idempotencyKey: 'survives-restart' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await replay.json()).toEqual(first);

    const third = (await (await post(after.app, validTicket)).json()) as { id: string };
    const newest = (await (await admin(after.app, '/admin/tickets?limit=1')).json()) as { tickets: Array<{ id: string }> };
    expect(newest.tickets[0]!.id).toBe(third.id);
  });

  test('the data directory is created on first start', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const { app } = setup({ dataDir });
    expect((await post(app, validTicket)).status).toBe(201);
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
    try {
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      db.close();
    }
  });
});
