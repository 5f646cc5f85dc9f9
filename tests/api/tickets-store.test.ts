import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, test } from 'vitest';
import { parseTicketsConfig } from '../../api/tickets/config.ts';
import { checkMigrations, MIGRATIONS, type Migration } from '../../api/tickets/migrations.ts';
import { isReference, newReference, REFERENCE_ALPHABET } from '../../api/tickets/reference.ts';
import { DATABASE_FILE, migrate, openSqliteTicketStore, type SqliteTicketStore } from '../../api/tickets/sqlite-store.ts';
import type { NewTicket } from '../../api/tickets/store.ts';
import { ticketStoreContract } from './helpers/ticket-store-contract.ts';

const T0 = Date.parse('2026-11-22T10:00:00.000Z');
const dirs: string[] = [];
const stores: SqliteTicketStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rahnama-store-'));
  dirs.push(dir);
  return dir;
}

function open(dataDir: string, migrations?: readonly Migration[]): SqliteTicketStore {
  const store = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ', migrations });
  stores.push(store);
  return store;
}

function query<T>(dataDir: string, sql: string): T[] {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const ticket: NewTicket = {
  subject: 'Modem light is red',
  description: 'The internet light on my TizBox F1 is red since this morning.',
  email: 'sara@example.com',
  locale: 'en',
  category: null,
  suggestionsShown: [],
  suggestionOpened: null,
  idempotencyKey: null,
};

/** What the first release's program applied. */
const FIRST_RELEASE = MIGRATIONS.slice(0, 1);
const NEXT = MIGRATIONS.length + 1;
const addPriority: Migration = { version: NEXT, name: 'ticket priority', sql: { sqlite: "ALTER TABLE tickets ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';" } };

describe('migrations', () => {
  test('a new database gets every migration, recorded once', () => {
    const dataDir = tempDir();
    open(dataDir);
    expect(query(dataDir, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(query(dataDir, 'PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
  });

  test('reopening with a longer list applies only the new migrations and keeps the data', async () => {
    const dataDir = tempDir();
    // A file as the first release left it: one ticket, which failed once (this release's store cannot run on that
    // schema, so the old program's rows are written by hand).
    const old = new DatabaseSync(join(dataDir, DATABASE_FILE));
    migrate(old, FIRST_RELEASE);
    old.exec(`INSERT INTO tickets (id, reference, subject, description, email, locale, created_at)
      VALUES ('t-1', 'TZ-AAAAAA', 'Modem light is red', 'The internet light is red since this morning.', 'sara@example.com', 'en', ${T0});
      INSERT INTO outbox (ticket_id, attempts, next_attempt_at, last_error) VALUES ('t-1', 1, ${T0 + 900}, 'HTTP 503');`);
    old.close();

    // This release's migrations on the first release's file: the index on created_at and the refusal columns
    // appear, the ticket stays where it was in the queue.
    const current = open(dataDir);
    expect(query(dataDir, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    expect(query(dataDir, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'tickets_created'")).toEqual([{ name: 'tickets_created' }]);
    expect((await current.get('TZ-AAAAAA'))!.delivery).toEqual({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: T0 + 900,
      deliveredAt: null,
      refusedAt: null,
      lastError: 'HTTP 503',
    });
    expect((await current.claimDue({ now: T0 + 900, limit: 1, owner: 'a', leaseMs: 1000 })).map((item) => [item.ticket.id, item.refusals])).toEqual([['t-1', 0]]);
    const stored = (await current.create(ticket, T0 + 1000)).ticket;
    await current.close();

    const next = open(dataDir, [...MIGRATIONS, addPriority]);
    expect(query(dataDir, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual([...MIGRATIONS, addPriority].map(({ version }) => ({ version })));
    expect(query(dataDir, 'SELECT id, priority FROM tickets ORDER BY seq')).toEqual([
      { id: 't-1', priority: 'normal' },
      { id: stored.id, priority: 'normal' },
    ]);
    expect((await next.get(stored.reference))!.id).toBe(stored.id);
  });

  test('a failing migration is rolled back entirely and the store does not open', async () => {
    const dataDir = tempDir();
    await open(dataDir).close();
    const broken: Migration = { version: NEXT, name: 'broken', sql: { sqlite: 'ALTER TABLE tickets ADD COLUMN half TEXT; INSERT INTO no_such_table VALUES (1);' } };
    expect(() => openSqliteTicketStore({ dataDir, referencePrefix: 'TZ', migrations: [...MIGRATIONS, broken] })).toThrow(/no such table: no_such_table/);
    expect(query(dataDir, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    expect(query<{ name: string }>(dataDir, 'PRAGMA table_info(tickets)').map((column) => column.name)).not.toContain('half');
  });

  test('a database from a newer version is refused', async () => {
    const dataDir = tempDir();
    await open(dataDir, [...MIGRATIONS, addPriority]).close();
    expect(() => openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' })).toThrow(
      `api/tickets: the database is at schema version ${NEXT}, newer than this program's ${MIGRATIONS.length}; upgrade Rahnama`,
    );
  });

  test('versions must run 1, 2, 3 without gaps, and each needs SQLite SQL', () => {
    expect(() => checkMigrations([MIGRATIONS[0]!, { ...addPriority, version: 3 }])).toThrow('api/tickets: migration "ticket priority" has version 3, expected 2');
    expect(() => open(tempDir(), [...MIGRATIONS, { version: NEXT, name: 'postgres only', sql: { postgres: 'SELECT 1' } }])).toThrow(
      `api/tickets: migration ${NEXT} "postgres only" has no SQLite version`,
    );
  });
});

describe('references', () => {
  test('use the unambiguous alphabet and the configured prefix', () => {
    const references = Array.from({ length: 500 }, () => newReference('TZ'));
    expect(references.every((reference) => new RegExp(`^TZ-[${REFERENCE_ALPHABET}]{6}$`).test(reference))).toBe(true);
    expect(references.every(isReference)).toBe(true);
    expect(REFERENCE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(new Set(references).size).toBe(500);
  });
});

ticketStoreContract('SQLite', () => {
  const opened: SqliteTicketStore[] = [];
  let dataDir = '';
  return {
    open: async (options = {}) => {
      dataDir = tempDir();
      const store = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ', references: options.references });
      opened.push(store);
      return store;
    },
    reopen: async (store) => {
      await store.close();
      const again = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const store of opened.splice(0)) await store.close();
    },
  };
});

describe('parseTicketsConfig', () => {
  test('defaults: ./data, no admin routes, no webhook, prefix TZ; a webhook waits 10 s and sets a ticket aside after 5 refusals', () => {
    expect(parseTicketsConfig({})).toEqual({ dataDir: './data', adminToken: null, webhook: null, referencePrefix: 'TZ' });
    expect(parseTicketsConfig({ RAHNAMA_WEBHOOK_URL: 'https://desk.example/h', RAHNAMA_WEBHOOK_SECRET: 'abc' }).webhook).toEqual({
      url: 'https://desk.example/h',
      secret: 'abc',
      timeoutMs: 10_000,
      refuseAfter: 5,
    });
  });

  test('reads every variable', () => {
    expect(
      parseTicketsConfig({
        RAHNAMA_DATA_DIR: '/var/lib/rahnama',
        RAHNAMA_ADMIN_TOKEN: 'x'.repeat(32),
        RAHNAMA_WEBHOOK_URL: 'https://desk.example/hooks/rahnama',
        RAHNAMA_WEBHOOK_SECRET: 'shh-its-a-secret',
        RAHNAMA_WEBHOOK_TIMEOUT_MS: '3000',
        RAHNAMA_WEBHOOK_REFUSALS: '2',
        RAHNAMA_TICKET_PREFIX: 'HELP',
      }),
    ).toEqual({
      dataDir: '/var/lib/rahnama',
      adminToken: 'x'.repeat(32),
      webhook: { url: 'https://desk.example/hooks/rahnama', secret: 'shh-its-a-secret', timeoutMs: 3000, refuseAfter: 2 },
      referencePrefix: 'HELP',
    });
  });

  const errors: Array<[string, Record<string, string>, string]> = [
    ['a short admin token', { RAHNAMA_ADMIN_TOKEN: 'secret' }, 'api/config: RAHNAMA_ADMIN_TOKEN expected at least 16 characters without spaces, got "6 characters"'],
    ['a webhook without a secret', { RAHNAMA_WEBHOOK_URL: 'https://desk.example/h' }, 'api/config: RAHNAMA_WEBHOOK_SECRET must be set when RAHNAMA_WEBHOOK_URL is, got ""'],
    ['a secret without a webhook', { RAHNAMA_WEBHOOK_SECRET: 'abc' }, 'api/config: RAHNAMA_WEBHOOK_URL must be set when RAHNAMA_WEBHOOK_SECRET is, got ""'],
    ['a webhook that is not http(s)', { RAHNAMA_WEBHOOK_URL: 'ftp://desk.example/', RAHNAMA_WEBHOOK_SECRET: 'abc' }, 'api/config: RAHNAMA_WEBHOOK_URL expected an http(s) URL, got "ftp://desk.example/"'],
    ['no refusals at all', { RAHNAMA_WEBHOOK_URL: 'https://desk.example/h', RAHNAMA_WEBHOOK_SECRET: 'abc', RAHNAMA_WEBHOOK_REFUSALS: '0' }, 'api/config: RAHNAMA_WEBHOOK_REFUSALS expected an integer from 1 to 100, got "0"'],
    ['a lower-case prefix', { RAHNAMA_TICKET_PREFIX: 'tz' }, 'api/config: RAHNAMA_TICKET_PREFIX expected 1 to 6 capital letters A-Z, got "tz"'],
  ];
  for (const [name, env, message] of errors) {
    test(`refuses ${name}`, () => {
      expect(() => parseTicketsConfig(env)).toThrow(message);
    });
  }
});
