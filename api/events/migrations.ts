/**
 * Versioned schema migrations of the event storage, in the scheme of api/tickets/migrations.ts (ordered list, SQL
 * per dialect, never edited once released) but with their own bookkeeping table, so the ticket and event schemas
 * evolve independently in the same database file (SQLite) or database (PostgreSQL).
 */
import type { Migration } from '../tickets/migrations.ts';

/** The bookkeeping table of these migrations (the tickets' is schema_migrations). */
export const EVENT_MIGRATIONS_TABLE = 'event_schema_migrations';

export const EVENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: {
      // One row per event. `data` holds the redacted, typed payload as JSON (api/events/schemas.ts StoredEventData);
      // times are integer milliseconds since the epoch. No IP address, user agent or cookie is ever stored.
      sqlite: `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  locale TEXT CHECK (locale IN ('fa', 'en')),
  data TEXT NOT NULL
) STRICT;
CREATE INDEX events_at ON events (at);
CREATE INDEX events_session ON events (session_id, at);
`,
      postgres: `
CREATE TABLE events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  locale TEXT CHECK (locale IN ('fa', 'en')),
  data JSONB NOT NULL
);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_session ON events (session_id, at);
`,
    },
  },
];
