/** Ticket intake mounted in the app: the app's middleware (request id, limits, log line) and OpenAPI cover it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { LogEntry } from '../../api/middleware/access-log.ts';
import { openSqliteTicketStore, type SqliteTicketStore } from '../../api/tickets/sqlite-store.ts';
import { fakeProvider } from './fake-index.ts';

let dir: string;
let store: SqliteTicketStore;
const entries: LogEntry[] = [];
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rahnama-app-tickets-'));
  store = openSqliteTicketStore({ dataDir: dir, referencePrefix: 'TZ' });
  app = createApp({
    indexes: fakeProvider(),
    logger: { write: (entry) => entries.push(entry) },
    config: { allowedOrigins: [], rateLimit: { max: 5, windowSeconds: 60 }, trustProxy: false, cacheSeconds: 60, version: 't' },
    peerAddress: () => '192.0.2.7',
    tickets: { store, config: { adminToken: null } },
  });
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ticket = { subject: 'Modem light is red', description: 'The internet light on my modem has been red since this morning.', email: 'sam@example.com', locale: 'en' };

describe('tickets inside the app', () => {
  test('POST /api/v1/tickets files a ticket through the app middleware', async () => {
    const res = await app.request('/api/v1/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ticket) });
    expect(res.status).toBe(201);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect((await res.json()).reference).toMatch(/^TZ-/);
    expect(entries.at(-1)).toMatchObject({ msg: 'request', method: 'POST', path: '/api/v1/tickets', status: 201 });
  });

  test('the body limit and the error shape apply', async () => {
    const res = await app.request('/api/v1/tickets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...ticket, padding: 'x'.repeat(20_000) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  test('the OpenAPI document lists the ticket routes with the others, with their methods', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented).toEqual(
      expect.arrayContaining([
        'post /api/v1/tickets',
        'post /api/v1/tickets/form',
        'get /api/v1/admin/tickets',
        'get /api/v1/admin/tickets/{id}',
        'post /api/v1/admin/tickets/{id}/redeliver',
        'get /api/v1/admin/outbox',
        'post /api/v1/admin/outbox/redeliver',
        'post /api/v1/suggest',
        'get /api/v1/health',
      ]),
    );
  });

  test('the per-address rate limit covers the ticket routes', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await app.request('/api/v1/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status;
    expect(last).toBe(429);
  });
});
