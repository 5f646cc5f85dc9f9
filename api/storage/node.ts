/**
 * Node-only: opens the storage of a server. With DATABASE_URL, tickets, outbox and events live in PostgreSQL
 * (migrated at start under an advisory lock); otherwise in the SQLite file under RAHNAMA_DATA_DIR, the embedded
 * default. Each returned store is closed on its own; the PostgreSQL pool ends with the last of them.
 */
import { PostgresEventStore } from '../events/postgres-store.ts';
import { openSqliteEventStore } from '../events/sqlite-store.ts';
import type { EventStore } from '../events/store.ts';
import { PostgresTicketStore } from '../tickets/postgres-store.ts';
import { openSqliteTicketStore } from '../tickets/sqlite-store.ts';
import type { OutboxStore, TicketStore } from '../tickets/store.ts';
import { createPool, migratePostgres, SharedPool } from './postgres.ts';

export interface Storage {
  kind: 'sqlite' | 'postgres';
  tickets: TicketStore & OutboxStore;
  events: EventStore;
}

export interface StorageOptions {
  /** A postgres:// URL; when absent, SQLite under dataDir. */
  databaseUrl?: string | null;
  dataDir: string;
  referencePrefix: string;
  /** Told about errors of idle PostgreSQL connections (a restarted database), for a log line. */
  onPoolError?: (error: Error) => void;
}

/** Reads DATABASE_URL: unset or empty means SQLite. */
export function databaseUrlFromEnv(env: Record<string, string | undefined>): string | null {
  const url = env.DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(?:ql)?:\/\//.test(url)) throw new Error('api/config: DATABASE_URL expected a postgres:// URL, got a different scheme');
  return url;
}

/** Opens PostgreSQL storage: one pool, migrations applied, a ticket store and an event store over it. */
export async function openPostgresStorage(options: { databaseUrl: string; referencePrefix: string; references?: () => string; onPoolError?: (error: Error) => void }) {
  const pool = createPool(options.databaseUrl, { onError: options.onPoolError });
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const shared = new SharedPool(pool);
  return {
    kind: 'postgres' as const,
    tickets: new PostgresTicketStore({ shared, referencePrefix: options.referencePrefix, references: options.references }),
    events: new PostgresEventStore(shared),
  };
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) return openPostgresStorage({ databaseUrl: options.databaseUrl, referencePrefix: options.referencePrefix, onPoolError: options.onPoolError });
  return {
    kind: 'sqlite',
    tickets: openSqliteTicketStore({ dataDir: options.dataDir, referencePrefix: options.referencePrefix }),
    events: openSqliteEventStore({ dataDir: options.dataDir }),
  };
}
