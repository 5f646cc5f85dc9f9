/**
 * PostgreSQL storage (DATABASE_URL): the ticket store contract and the event store contract, run against a
 * throwaway cluster (tests/api/helpers/postgres.ts), the migrations (both lists, recorded once, even when several
 * instances start at once under the advisory lock; a newer database refused), and idempotency across instances.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EVENT_MIGRATIONS } from '../../api/events/migrations.ts';
import { openPostgresStorage, databaseUrlFromEnv } from '../../api/storage/node.ts';
import { EventQueue } from '../../api/events/queue.ts';
import { PostgresEventStore } from '../../api/events/postgres-store.ts';
import { createPool, migratePostgres, POSTGRES_MIGRATION_SETS, SharedPool } from '../../api/storage/postgres.ts';
import { PostgresTicketStore } from '../../api/tickets/postgres-store.ts';
import { ticketRoutes } from '../../api/tickets/routes.ts';
import { MIGRATIONS } from '../../api/tickets/migrations.ts';
import { eventStoreContract } from './helpers/event-store-contract.ts';
import { postJson } from './helpers.ts';
import { postgresUnavailable, startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { sampleTicket, ticketStoreContract, type FullStore } from './helpers/ticket-store-contract.ts';

if (postgresUnavailable) console.warn(postgresUnavailable);
const suite = postgresUnavailable ? describe.skip : describe;

let cluster: PostgresCluster;
beforeAll(async () => {
  if (!postgresUnavailable) cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

suite('PostgreSQL', () => {
  ticketStoreContract('PostgreSQL', () => {
    const opened: FullStore[] = [];
    let url = '';
    return {
      open: async (options = {}) => {
        url = await cluster.createDatabase();
        const { tickets, events } = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ', references: options.references });
        await events.close();
        opened.push(tickets);
        return tickets;
      },
      reopen: async (store) => {
        await store.close();
        const { tickets, events } = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ' });
        await events.close();
        opened.push(tickets);
        return tickets;
      },
      cleanup: async () => {
        for (const store of opened.splice(0)) await store.close();
      },
    };
  });

  eventStoreContract('PostgreSQL', () => {
    const opened: Array<{ close(): Promise<void> }> = [];
    return {
      open: async () => {
        const storage = await openPostgresStorage({ databaseUrl: await cluster.createDatabase(), referencePrefix: 'TZ' });
        opened.push(storage.events, storage.tickets);
        return storage;
      },
      cleanup: async () => {
        for (const store of opened.splice(0)) await store.close();
      },
    };
  });

  describe('migrations', () => {
    test('a new database gets both lists, each version recorded once', async () => {
      const url = await cluster.createDatabase();
      const storage = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ' });
      await storage.tickets.close();
      await storage.events.close();
      expect(await query(url, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(await query(url, 'SELECT version, name FROM event_schema_migrations ORDER BY version')).toEqual(EVENT_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    });

    test('eight instances starting at once apply each migration exactly once (advisory lock)', async () => {
      const url = await cluster.createDatabase();
      const pools = Array.from({ length: 8 }, () => createPool(url, { max: 2 }));
      try {
        await Promise.all(pools.map((pool) => migratePostgres(pool)));
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
      expect(await query(url, 'SELECT COUNT(*)::int AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
      expect(await query(url, 'SELECT COUNT(*)::int AS n FROM event_schema_migrations')).toEqual([{ n: EVENT_MIGRATIONS.length }]);
    });

    test('a failing migration is rolled back and the lock released; a newer database is refused', async () => {
      const url = await cluster.createDatabase();
      const pool = createPool(url);
      try {
        await migratePostgres(pool);
        const broken = [{ ...POSTGRES_MIGRATION_SETS[0]!, migrations: [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: { postgres: 'ALTER TABLE tickets ADD COLUMN half TEXT; SELECT * FROM no_such_table;' } }] }];
        await expect(migratePostgres(pool, broken)).rejects.toThrow(/no_such_table/);
        expect((await query<{ column_name: string }>(url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'tickets'")).map((c) => c.column_name)).not.toContain('half');
        const newer = [{ ...POSTGRES_MIGRATION_SETS[0]!, migrations: [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'priority', sql: { postgres: "ALTER TABLE tickets ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'" } }] }];
        await migratePostgres(pool, newer);
        await expect(migratePostgres(pool)).rejects.toThrow(`api/tickets: the database is at schema version ${MIGRATIONS.length + 1}, newer than this program's ${MIGRATIONS.length}; upgrade Rahnama`);
      } finally {
        await pool.end();
      }
    });
  });

  test('two instances racing on one idempotency key file one ticket', async () => {
    const url = await cluster.createDatabase();
    const a = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ' });
    const b = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ' });
    try {
      const input = { ...sampleTicket, idempotencyKey: 'race-key-0123456789' };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).tickets.create(input, Date.now())));
      expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await query(url, 'SELECT COUNT(*)::int AS n FROM outbox')).toEqual([{ n: 1 }]);
    } finally {
      for (const storage of [a, b]) {
        await storage.tickets.close();
        await storage.events.close();
      }
    }
  });

  test('two forwarders on two instances never claim the same item', async () => {
    const url = await cluster.createDatabase();
    const a = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ' });
    const b = await openPostgresStorage({ databaseUrl: url, referencePrefix: 'TZ' });
    try {
      for (let i = 0; i < 40; i++) await a.tickets.create({ ...sampleTicket, subject: `ticket ${i}` }, 1000 + i);
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).tickets.claimDue({ now: 10_000, limit: 7, owner: `owner-${i}`, leaseMs: 60_000 })));
      const ids = claims.flat().map((item) => item.ticket.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    } finally {
      for (const storage of [a, b]) {
        await storage.tickets.close();
        await storage.events.close();
      }
    }
  });
});

describe('DATABASE_URL', () => {
  test('unset or empty means SQLite; a postgres URL is taken; another scheme is refused', () => {
    expect(databaseUrlFromEnv({})).toBeNull();
    expect(databaseUrlFromEnv({ DATABASE_URL: ' ' })).toBeNull();
    expect(databaseUrlFromEnv({ DATABASE_URL: 'postgres://u@db:5432/rahnama' })).toBe('postgres://u@db:5432/rahnama');
    expect(() => databaseUrlFromEnv({ DATABASE_URL: 'mysql://db/rahnama' })).toThrow('api/config: DATABASE_URL expected a postgres:// URL, got a different scheme');
  });
});

describe('when PostgreSQL cannot be reached', () => {
  const deadUrl = 'postgres://rahnama@127.0.0.1:1/rahnama';

  test('a ticket is refused with 503 (nothing filed, the client retries); events are dropped and counted', async () => {
    const shared = new SharedPool(createPool(deadUrl));
    const tickets = new PostgresTicketStore({ shared, referencePrefix: 'TZ' });
    const events = new PostgresEventStore(shared);
    try {
      const app = ticketRoutes({ store: tickets, config: { adminToken: null } });
      const res = await app.request('/tickets', postJson({ subject: 'Modem is red', description: 'The modem light is red since this morning.', email: 'a@b.example', locale: 'en' }));
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('5');
      const queue = new EventQueue({ store: events });
      queue.enqueue([{ sessionId: 'dead-db-session-0001', at: 1, receivedAt: 1, locale: 'fa', data: { type: 'suggestion_opened', id: 'fa/a', rank: 1 } }]);
      await queue.flush();
      expect(queue.counters()).toMatchObject({ accepted: 1, written: 0, droppedStorage: 1 });
    } finally {
      await tickets.close();
      await events.close();
    }
  });

  test('start-up fails with the connection error', async () => {
    await expect(openPostgresStorage({ databaseUrl: deadUrl, referencePrefix: 'TZ' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
