/**
 * Node-only: the embedded event store, in the same SQLite file as the tickets ($RAHNAMA_DATA_DIR/rahnama.sqlite),
 * through its own connection and its own migrations (api/events/migrations.ts). Events are analytics, not
 * promises: `synchronous=NORMAL` (WAL still keeps the file consistent after a crash; the last batch may be lost,
 * which the queue already allows for when the database is down).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Locale } from '../../search-index/core/schemas.ts';
import { migrateSqlite } from '../storage/sqlite-migrate.ts';
import { DATABASE_FILE } from '../tickets/sqlite-store.ts';
import { EVENT_MIGRATIONS, EVENT_MIGRATIONS_TABLE } from './migrations.ts';
import type { StoredEvent, StoredEventData } from './schemas.ts';
import type { EventStore, TicketFact, TicketTime, TimeRange } from './store.ts';

const BUSY_TIMEOUT_MS = 5000;

/**
 * A report's two reads; both go through the (session_id, at) index (tests/api/events.test.ts checks their plans):
 * for each session with an event in the range, one probe for an earlier event; then the events of a batch by id.
 */
export const REPORT_QUERIES = {
  sessionsStartingIn: `SELECT DISTINCT session_id FROM events AS e WHERE at >= $from AND at < $to
    AND NOT EXISTS (SELECT 1 FROM events AS p WHERE p.session_id = e.session_id AND p.at < $from)
    ORDER BY session_id`,
  // For each session its first $perSession events through the (session_id, at) index, then those rows by rowid.
  sessionEvents: `SELECT e.session_id, e.at, e.received_at, e.locale, e.data
    FROM json_each($ids) AS s
    JOIN events AS e ON e.seq IN (SELECT seq FROM events WHERE session_id = s.value ORDER BY at, seq LIMIT $perSession)
    ORDER BY e.session_id, e.at, e.seq`,
  /** The tickets table is api/tickets' (its index tickets_created). */
  ticketsCreatedIn: 'SELECT created_at, locale FROM tickets WHERE created_at >= $from AND created_at < $to ORDER BY created_at, seq',
} as const;

type Row = Record<string, SQLInputValue>;

/** Opens the event store in the data directory, creating and migrating the tables on first start. */
export function openSqliteEventStore(options: { dataDir: string }): SqliteEventStore {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new DatabaseSync(join(options.dataDir, DATABASE_FILE), { timeout: BUSY_TIMEOUT_MS });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    migrateSqlite(db, { table: EVENT_MIGRATIONS_TABLE, migrations: EVENT_MIGRATIONS, label: 'api/events' });
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteEventStore(db);
}

export class SqliteEventStore implements EventStore {
  readonly #db: DatabaseSync;
  readonly #insert;
  readonly #sessionsStartingIn;
  readonly #sessionEvents;
  readonly #purge;
  #closed = false;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insert = db.prepare('INSERT INTO events (session_id, type, at, received_at, locale, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.#sessionsStartingIn = db.prepare(REPORT_QUERIES.sessionsStartingIn);
    this.#sessionEvents = db.prepare(REPORT_QUERIES.sessionEvents);
    this.#purge = db.prepare('DELETE FROM events WHERE at < ?');
  }

  #live(): DatabaseSync {
    if (this.#closed) throw new Error('api/events: the event store is closed');
    return this.#db;
  }

  async insert(events: readonly StoredEvent[]): Promise<void> {
    const db = this.#live();
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const event of events) {
        this.#insert.run(event.sessionId, event.data.type, event.at, event.receivedAt, event.locale, JSON.stringify(event.data));
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  async sessionsStartingIn({ from, to }: TimeRange): Promise<string[]> {
    this.#live();
    return (this.#sessionsStartingIn.all({ from, to }) as Row[]).map((row) => String(row.session_id));
  }

  async sessionEvents(sessionIds: readonly string[], { perSession }: { perSession: number }): Promise<StoredEvent[]> {
    this.#live();
    if (sessionIds.length === 0) return [];
    return (this.#sessionEvents.all({ ids: JSON.stringify([...new Set(sessionIds)]), perSession }) as Row[]).map((row) => ({
      sessionId: String(row.session_id),
      at: Number(row.at),
      receivedAt: Number(row.received_at),
      locale: row.locale === null ? null : (String(row.locale) as Locale),
      data: JSON.parse(String(row.data)) as StoredEventData,
    }));
  }

  /** The tickets table belongs to api/tickets; it exists once the ticket store has opened this file. */
  #hasTickets(db: DatabaseSync): boolean {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets'").get() !== undefined;
  }

  async ticketsByKey(idsOrReferences: readonly string[]): Promise<TicketFact[]> {
    const db = this.#live();
    if (idsOrReferences.length === 0 || !this.#hasTickets(db)) return [];
    const keys = JSON.stringify([...new Set(idsOrReferences)]);
    const rows = db
      .prepare(`SELECT id, reference, locale, created_at, subject, description FROM tickets
        WHERE id IN (SELECT value FROM json_each($keys)) OR reference IN (SELECT value FROM json_each($keys))
        ORDER BY created_at, seq`)
      .all({ keys }) as Row[];
    return rows.map((row) => ({
      id: String(row.id),
      reference: String(row.reference),
      locale: String(row.locale) as Locale,
      createdAt: Number(row.created_at),
      subject: String(row.subject),
      description: String(row.description),
    }));
  }

  async ticketsCreatedIn({ from, to }: TimeRange): Promise<TicketTime[]> {
    const db = this.#live();
    if (!this.#hasTickets(db)) return [];
    const rows = db.prepare(REPORT_QUERIES.ticketsCreatedIn).all({ from, to }) as Row[];
    return rows.map((row) => ({ createdAt: Number(row.created_at), locale: String(row.locale) as Locale }));
  }

  async purgeBefore(before: number): Promise<number> {
    this.#live();
    return Number(this.#purge.run(Math.floor(before)).changes);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}
