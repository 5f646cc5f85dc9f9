/**
 * Node-only: PostgreSQL (DATABASE_URL) for several API instances behind a load balancer. One `pg` pool per
 * process, shared by the ticket store, the outbox and the event store; the versioned migrations of tickets and
 * events run at start-up under a session advisory lock, so two instances that start at once apply each migration
 * exactly once (the second waits for the lock, then finds nothing pending).
 */
import pg from 'pg';
import { EVENT_MIGRATIONS, EVENT_MIGRATIONS_TABLE } from '../events/migrations.ts';
import { MIGRATIONS } from '../tickets/migrations.ts';
import { checkMigrations } from '../tickets/migrations.ts';
import { bookkeepingTable, newerDatabaseError, type MigrationSet } from './sqlite-migrate.ts';

/** Pool sizes and timeouts: named, in one place. */
export const POSTGRES_DEFAULTS = {
  /** Connections per instance. */
  maxConnections: 10,
  /** A query waits this long for a connection before failing (events are then dropped and counted; tickets answer 503). */
  connectionTimeoutMs: 5000,
  idleTimeoutMs: 30_000,
} as const;

/** Key of the advisory lock held while migrating: "rahnama" in ASCII, as a bigint. */
export const MIGRATION_LOCK_KEY = '32195248501386593';

/** The ticket and event migration lists, in the order they are applied. */
export const POSTGRES_MIGRATION_SETS: readonly MigrationSet[] = [
  { table: 'schema_migrations', migrations: MIGRATIONS, label: 'api/tickets' },
  { table: EVENT_MIGRATIONS_TABLE, migrations: EVENT_MIGRATIONS, label: 'api/events' },
];

export type Pool = pg.Pool;

/** A pool whose idle-connection errors are reported instead of crashing the process (the database may restart). */
export function createPool(url: string, options: { max?: number; onError?: (error: Error) => void } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? POSTGRES_DEFAULTS.maxConnections,
    connectionTimeoutMillis: POSTGRES_DEFAULTS.connectionTimeoutMs,
    idleTimeoutMillis: POSTGRES_DEFAULTS.idleTimeoutMs,
  });
  pool.on('error', (error) => options.onError?.(error));
  return pool;
}

/** Applies the pending migrations of each set, each in its own transaction, holding the advisory lock throughout. */
export async function migratePostgres(pool: pg.Pool, sets: readonly MigrationSet[] = POSTGRES_MIGRATION_SETS): Promise<void> {
  for (const set of sets) checkMigrations(set.migrations);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      for (const set of sets) {
        await client.query(bookkeepingTable(set.table));
        const { rows } = await client.query<{ version: number | null }>(`SELECT MAX(version) AS version FROM ${set.table}`);
        const newest = rows[0]?.version ?? 0;
        if (newest > set.migrations.length) throw newerDatabaseError(set.label, newest, set.migrations.length);
        for (const migration of set.migrations) {
          const sql = migration.sql.postgres;
          if (sql === undefined) throw new Error(`${set.label}: migration ${migration.version} "${migration.name}" has no PostgreSQL version`);
          if (migration.version <= newest) continue;
          await client.query('BEGIN');
          try {
            await client.query(sql);
            await client.query(`INSERT INTO ${set.table} (version, name, applied_at) VALUES ($1, $2, $3)`, [migration.version, migration.name, Date.now()]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** Runs fn in a transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A pool shared by several stores: it ends when the last of them closes. */
export class SharedPool {
  readonly pool: pg.Pool;
  #holders = 0;
  #ended = false;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }
  acquire(): pg.Pool {
    if (this.#ended) throw new Error('api/storage: the PostgreSQL pool is closed');
    this.#holders++;
    return this.pool;
  }
  async release(): Promise<void> {
    this.#holders--;
    if (this.#holders <= 0 && !this.#ended) {
      this.#ended = true;
      await this.pool.end();
    }
  }
}
