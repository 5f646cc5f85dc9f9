/**
 * Versioned schema migrations of the ticket storage, in order. A migration is never edited once released: a
 * change is a new entry with the next version. Each entry carries its SQL per dialect so the embedded SQLite
 * store and a PostgreSQL store keep the same versions; a store applies the pending ones at start-up, each in its
 * own transaction, and records them in `schema_migrations`.
 */

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  /** 1, 2, 3, ... without gaps. */
  version: number;
  name: string;
  /** SQL for each dialect that supports this migration; a store refuses to open when its dialect is missing. */
  sql: Partial<Record<Dialect, string>>;
}

/** The bookkeeping table every store creates before applying migrations. */
export const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets and their outbox',
    sql: {
      // seq orders tickets for the admin list (newest first) and its cursor; AUTOINCREMENT never reuses a value.
      // Times are integer milliseconds since the epoch. STRICT makes SQLite enforce the column types.
      sqlite: `
CREATE TABLE tickets (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  reference TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  email TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('fa', 'en')),
  category TEXT,
  suggestions_shown TEXT NOT NULL DEFAULT '[]',
  suggestion_opened TEXT,
  idempotency_key TEXT UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE outbox (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT,
  lease_owner TEXT,
  lease_until INTEGER
) STRICT;

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
`,
      // The same tables in PostgreSQL (DATABASE_URL): an identity column for seq (values are never reused), BIGINT
      // millisecond times, JSONB for the list of suggestions shown.
      postgres: `
CREATE TABLE tickets (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  reference TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  email TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('fa', 'en')),
  category TEXT,
  suggestions_shown JSONB NOT NULL DEFAULT '[]',
  suggestion_opened TEXT,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE outbox (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  delivered_at BIGINT,
  last_error TEXT,
  lease_owner TEXT,
  lease_until BIGINT
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
`,
    },
  },
  {
    version: 2,
    name: 'tickets by creation time',
    // The insights report counts the tickets created in each range (api/events: ticketsCreatedIn); without this
    // index every report read the whole table.
    sql: {
      sqlite: 'CREATE INDEX tickets_created ON tickets (created_at)',
      postgres: 'CREATE INDEX tickets_created ON tickets (created_at)',
    },
  },
  {
    version: 3,
    name: 'tickets the help desk refuses',
    // refusals: the help desk's refusals of the ticket in a row (HTTP 400, 410, 413, 422; api/tickets/outbox.ts);
    // refused_at: when they reached the limit and the ticket was set aside until someone sends it again. The due
    // index keeps its predicate: a set-aside ticket is rare, and the outbox summary counts them through it.
    sql: {
      sqlite: `
ALTER TABLE outbox ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN refused_at INTEGER;
`,
      postgres: 'ALTER TABLE outbox ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0, ADD COLUMN refused_at BIGINT',
    },
  },
];

/** Throws unless the list is ordered 1, 2, 3, ... (a guard against a bad merge of two new migrations). */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`api/tickets: migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
