/**
 * Node-only: the event store in PostgreSQL (DATABASE_URL), over the process's shared pool. A batch is one
 * multi-row INSERT (one round trip, one transaction); several instances insert concurrently without coordination,
 * and every report reads whole sessions, so each session is counted once whichever instance stored its events.
 */
import type pg from 'pg';
import type { Locale } from '../../search-index/core/schemas.ts';
import type { SharedPool } from '../storage/postgres.ts';
import type { StoredEvent, StoredEventData } from './schemas.ts';
import type { EventStore, TicketFact, TicketTime, TimeRange } from './store.ts';

const COLUMNS_PER_EVENT = 6;

export class PostgresEventStore implements EventStore {
  readonly #shared: SharedPool;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(shared: SharedPool) {
    this.#shared = shared;
    this.#pool = shared.acquire();
  }

  #live(): pg.Pool {
    if (this.#closed) throw new Error('api/events: the event store is closed');
    return this.#pool;
  }

  async insert(events: readonly StoredEvent[]): Promise<void> {
    const pool = this.#live();
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((event, i) => {
      values.push(event.sessionId, event.data.type, event.at, event.receivedAt, event.locale, JSON.stringify(event.data));
      const base = i * COLUMNS_PER_EVENT;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb)`;
    });
    await pool.query(`INSERT INTO events (session_id, type, at, received_at, locale, data) VALUES ${rows.join(', ')}`, values);
  }

  async sessionsStartingIn({ from, to }: TimeRange): Promise<string[]> {
    // The (session_id, at) index answers the NOT EXISTS with one probe per session found in the range.
    const { rows } = await this.#live().query(
      `SELECT DISTINCT session_id FROM events AS e WHERE at >= $1 AND at < $2
       AND NOT EXISTS (SELECT 1 FROM events AS p WHERE p.session_id = e.session_id AND p.at < $1)
       ORDER BY session_id`,
      [from, to],
    );
    return rows.map((row) => String(row.session_id));
  }

  async sessionEvents(sessionIds: readonly string[], { perSession }: { perSession: number }): Promise<StoredEvent[]> {
    const pool = this.#live();
    if (sessionIds.length === 0) return [];
    // For each session its first $2 events, through the (session_id, at) index.
    const { rows } = await pool.query(
      `SELECT e.session_id, e.at, e.received_at, e.locale, e.data
       FROM (SELECT DISTINCT unnest($1::text[]) AS id) AS s
       CROSS JOIN LATERAL (
         SELECT session_id, at, received_at, locale, data, seq FROM events WHERE session_id = s.id ORDER BY at, seq LIMIT $2
       ) AS e
       ORDER BY e.session_id, e.at, e.seq`,
      [sessionIds, perSession],
    );
    return rows.map((row) => ({
      sessionId: String(row.session_id),
      at: Number(row.at),
      receivedAt: Number(row.received_at),
      locale: (row.locale ?? null) as Locale | null,
      data: row.data as StoredEventData,
    }));
  }

  async ticketsByKey(idsOrReferences: readonly string[]): Promise<TicketFact[]> {
    const pool = this.#live();
    if (idsOrReferences.length === 0) return [];
    const { rows } = await pool.query(
      `SELECT id, reference, locale, created_at, subject, description FROM tickets
       WHERE id = ANY($1) OR reference = ANY($1)
       ORDER BY created_at, seq`,
      [[...new Set(idsOrReferences)]],
    );
    return rows.map((row) => ({
      id: String(row.id),
      reference: String(row.reference),
      locale: row.locale as Locale,
      createdAt: Number(row.created_at),
      subject: String(row.subject),
      description: String(row.description),
    }));
  }

  async ticketsCreatedIn({ from, to }: TimeRange): Promise<TicketTime[]> {
    const { rows } = await this.#live().query('SELECT created_at, locale FROM tickets WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, seq', [from, to]);
    return rows.map((row) => ({ createdAt: Number(row.created_at), locale: row.locale as Locale }));
  }

  async purgeBefore(before: number): Promise<number> {
    const { rowCount } = await this.#live().query('DELETE FROM events WHERE at < $1', [Math.floor(before)]);
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#shared.release();
  }
}
