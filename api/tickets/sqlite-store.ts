/**
 * The embedded ticket store: one SQLite file under the data directory, through Node's built-in `node:sqlite`.
 *
 * Durability: WAL journal with `synchronous=FULL`, so a committed transaction has been fsynced to the WAL before
 * `create` resolves; a 201 therefore survives a crash of the process and a power cut (https://sqlite.org/wal.html,
 * https://sqlite.org/pragma.html#pragma_synchronous). DatabaseSync is synchronous, so the transactions of one
 * process never interleave; `BEGIN IMMEDIATE` takes the write lock at once, so two processes sharing the file wait
 * for each other (busy_timeout) instead of failing half-way.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Locale } from '../../search-index/core/schemas.ts';
import { checkMigrations, MIGRATIONS, SCHEMA_MIGRATIONS_TABLE, type Migration } from './migrations.ts';
import { newReference, newTicketId } from './reference.ts';
import { TICKET_COLUMNS, toDelivery } from './rows.ts';
import {
  InvalidCursorError,
  type ClaimOptions,
  type CreateResult,
  type Failure,
  type ListOptions,
  type NewTicket,
  type OutboxItem,
  type OutboxStore,
  type OutboxSummary,
  type Ticket,
  type TicketPage,
  type TicketRecord,
  type TicketStore,
} from './store.ts';

/** The database file inside the data directory. */
export const DATABASE_FILE = 'rahnama.sqlite';
/** How long a writer waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5000;
/** Attempts to draw a reference that is not taken yet; with 2^30 references, more than one is already rare. */
const REFERENCE_ATTEMPTS = 5;

export interface SqliteStoreOptions {
  /** Directory of the database file; created when missing. */
  dataDir: string;
  referencePrefix: string;
  /** The migrations to apply; tests pass longer lists to exercise upgrades. */
  migrations?: readonly Migration[];
  /** Draws a reference; tests pass a predictable one to exercise collisions. Default: newReference(prefix). */
  references?: () => string;
}

type Row = Record<string, SQLInputValue>;

/** Opens (and on first start creates and migrates) the store. */
export function openSqliteTicketStore(options: SqliteStoreOptions): SqliteTicketStore {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new DatabaseSync(join(options.dataDir, DATABASE_FILE), { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  try {
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
    if (mode.journal_mode !== 'wal') throw new Error(`api/tickets: could not switch ${DATABASE_FILE} to WAL (got ${mode.journal_mode})`);
    db.exec('PRAGMA synchronous = FULL');
    migrate(db, options.migrations ?? MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteTicketStore(db, options.references ?? (() => newReference(options.referencePrefix)));
}

/** Applies pending migrations, each in its own transaction; refuses a database written by a newer version. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): void {
  checkMigrations(migrations);
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const newest = (db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0;
  if (newest > migrations.length) {
    throw new Error(`api/tickets: the database is at schema version ${newest}, newer than this program's ${migrations.length}; upgrade Rahnama`);
  }
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    const sql = migration.sql.sqlite;
    if (sql === undefined) throw new Error(`api/tickets: migration ${migration.version} "${migration.name}" has no SQLite version`);
    transaction(db, () => {
      // Checked inside the write lock: another process may have applied it since we looked.
      if (applied.get(migration.version)) return;
      db.exec(sql);
      record.run(migration.version, migration.name, Date.now());
    });
  }
}

/** Runs fn inside BEGIN IMMEDIATE ... COMMIT, rolling back if it throws. */
function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export class SqliteTicketStore implements TicketStore, OutboxStore {
  readonly #db: DatabaseSync;
  readonly #references: () => string;
  readonly #statements;
  #closed = false;

  constructor(db: DatabaseSync, references: () => string) {
    this.#db = db;
    this.#references = references;
    this.#statements = {
      byKey: db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets t LEFT JOIN outbox o ON o.ticket_id = t.id WHERE t.idempotency_key = ?`),
      byIdOrReference: db.prepare(
        `SELECT ${TICKET_COLUMNS} FROM tickets t LEFT JOIN outbox o ON o.ticket_id = t.id WHERE t.id = $key OR t.reference = $key`,
      ),
      insertTicket: db.prepare(`INSERT INTO tickets (id, reference, subject, description, email, locale, category,
          suggestions_shown, suggestion_opened, idempotency_key, created_at)
        VALUES ($id, $reference, $subject, $description, $email, $locale, $category,
          $suggestionsShown, $suggestionOpened, $idempotencyKey, $createdAt)
        ON CONFLICT DO NOTHING`),
      insertOutbox: db.prepare('INSERT INTO outbox (ticket_id, attempts, next_attempt_at) VALUES (?, 0, ?)'),
      page: db.prepare(
        `SELECT ${TICKET_COLUMNS} FROM tickets t LEFT JOIN outbox o ON o.ticket_id = t.id
         WHERE $before IS NULL OR t.seq < $before ORDER BY t.seq DESC LIMIT $limit`,
      ),
      due: db.prepare(`SELECT ticket_id FROM outbox
        WHERE delivered_at IS NULL AND refused_at IS NULL AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
        ORDER BY next_attempt_at, rowid LIMIT $limit`),
      lease: db.prepare('UPDATE outbox SET lease_owner = $owner, lease_until = $until WHERE ticket_id = $id'),
      ticketById: db.prepare(`SELECT ${TICKET_COLUMNS}, o.refusals FROM tickets t JOIN outbox o ON o.ticket_id = t.id WHERE t.id = ?`),
      delivered: db.prepare(`UPDATE outbox SET delivered_at = $now, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
        WHERE ticket_id = $id AND delivered_at IS NULL`),
      failed: db.prepare(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error,
          refusals = $refusals, refused_at = $refusedAt, lease_owner = NULL, lease_until = NULL
        WHERE ticket_id = $id AND delivered_at IS NULL AND lease_owner = $owner`),
      nextDue: db.prepare(`SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM outbox
        WHERE delivered_at IS NULL AND refused_at IS NULL`),
      // Due by now at the latest: one waiting to be tried keeps its place in the queue.
      requeue: db.prepare(`UPDATE outbox SET next_attempt_at = MIN(next_attempt_at, $now), refusals = 0, refused_at = NULL
        WHERE delivered_at IS NULL AND ($id IS NULL OR ticket_id = $id)`),
      backlog: db.prepare(`SELECT COUNT(*) AS undelivered, COALESCE(SUM(o.attempts > 0 AND o.refused_at IS NULL), 0) AS failing,
          COALESCE(SUM(o.refused_at IS NOT NULL), 0) AS refused, MIN(t.created_at) AS oldest
        FROM outbox AS o JOIN tickets AS t ON t.id = o.ticket_id WHERE o.delivered_at IS NULL`),
      lastFailure: db.prepare(`SELECT t.reference, o.attempts, o.last_error FROM outbox AS o JOIN tickets AS t ON t.id = o.ticket_id
        WHERE o.delivered_at IS NULL AND o.last_error IS NOT NULL ORDER BY o.next_attempt_at DESC LIMIT 1`),
    };
  }

  /** Statements of an open store; a closed one fails with a message that says so. */
  #live() {
    if (this.#closed) throw new Error('api/tickets: the ticket store is closed');
    return this.#statements;
  }

  async create(input: NewTicket, now: number): Promise<CreateResult> {
    const s = this.#live();
    return transaction(this.#db, () => {
      if (input.idempotencyKey !== null) {
        const existing = s.byKey.get(input.idempotencyKey) as Row | undefined;
        if (existing) return { ticket: toTicket(existing), created: false };
      }
      for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
        const ticket: Ticket = { ...input, id: newTicketId(), reference: this.#references(), createdAt: Math.floor(now) };
        const { changes } = s.insertTicket.run({
          id: ticket.id,
          reference: ticket.reference,
          subject: ticket.subject,
          description: ticket.description,
          email: ticket.email,
          locale: ticket.locale,
          category: ticket.category,
          suggestionsShown: JSON.stringify(ticket.suggestionsShown),
          suggestionOpened: ticket.suggestionOpened,
          idempotencyKey: ticket.idempotencyKey,
          createdAt: ticket.createdAt,
        });
        // No change: the drawn reference (or id) is taken; the idempotency key cannot be, we hold the write lock.
        if (changes === 0) continue;
        s.insertOutbox.run(ticket.id, ticket.createdAt);
        return { ticket, created: true };
      }
      throw new Error(`api/tickets: no free reference after ${REFERENCE_ATTEMPTS} attempts`);
    });
  }

  async get(idOrReference: string): Promise<TicketRecord | null> {
    const row = this.#live().byIdOrReference.get({ key: idOrReference }) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async findByIdempotencyKey(key: string): Promise<Ticket | null> {
    const row = this.#live().byKey.get(key) as Row | undefined;
    return row ? toTicket(row) : null;
  }

  async list({ limit, cursor }: ListOptions): Promise<TicketPage> {
    const s = this.#live();
    let before: number | null = null;
    if (cursor !== undefined) {
      if (!/^[1-9]\d{0,15}$/.test(cursor)) throw new InvalidCursorError(cursor);
      before = Number(cursor);
    }
    const rows = s.page.all({ before, limit: limit + 1 }) as Row[];
    const tickets = rows.slice(0, limit).map(toRecord);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { tickets, nextCursor: last ? String(last.seq) : null };
  }

  async claimDue({ now, limit, owner, leaseMs }: ClaimOptions): Promise<OutboxItem[]> {
    const s = this.#live();
    return transaction(this.#db, () => {
      now = Math.floor(now);
      const ids = (s.due.all({ now, limit }) as Array<{ ticket_id: string }>).map((row) => row.ticket_id);
      return ids.map((id) => {
        s.lease.run({ owner, until: now + leaseMs, id });
        const row = s.ticketById.get(id) as Row;
        return { ticket: toTicket(row), attempts: Number(row.attempts), refusals: Number(row.refusals) };
      });
    });
  }

  async markDelivered(ticketId: string, now: number): Promise<boolean> {
    return this.#live().delivered.run({ now: Math.floor(now), id: ticketId }).changes === 1;
  }

  async markFailed(ticketId: string, owner: string, failure: Failure): Promise<boolean> {
    const { changes } = this.#live().failed.run({
      next: Math.floor(failure.nextAttemptAt),
      error: failure.error,
      refusals: failure.refusals ?? 0,
      refusedAt: failure.refusedAt === undefined ? null : Math.floor(failure.refusedAt),
      id: ticketId,
      owner,
    });
    return changes === 1;
  }

  async requeue(now: number, ticketId?: string): Promise<number> {
    const { changes } = this.#live().requeue.run({ now: Math.floor(now), id: ticketId ?? null });
    return Number(changes);
  }

  async nextDueAt(): Promise<number | null> {
    const row = this.#live().nextDue.get() as { due: number | null };
    return row.due;
  }

  async outboxSummary(): Promise<OutboxSummary> {
    const statements = this.#live();
    const backlog = statements.backlog.get() as { undelivered: number; failing: number; refused: number; oldest: number | null };
    const failure = statements.lastFailure.get() as { reference: string; attempts: number; last_error: string } | undefined;
    return {
      undelivered: Number(backlog.undelivered),
      failing: Number(backlog.failing),
      refused: Number(backlog.refused),
      oldestCreatedAt: backlog.oldest === null ? null : Number(backlog.oldest),
      lastFailure: failure ? { reference: String(failure.reference), attempts: Number(failure.attempts), error: String(failure.last_error) } : null,
    };
  }

  /** Closes the database; later calls do nothing. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

function toTicket(row: Row): Ticket {
  return {
    id: String(row.id),
    reference: String(row.reference),
    subject: String(row.subject),
    description: String(row.description),
    email: String(row.email),
    locale: row.locale as Locale,
    category: row.category === null ? null : String(row.category),
    suggestionsShown: JSON.parse(String(row.suggestions_shown)) as string[],
    suggestionOpened: row.suggestion_opened === null ? null : String(row.suggestion_opened),
    idempotencyKey: row.idempotency_key === null ? null : String(row.idempotency_key),
    createdAt: Number(row.created_at),
  };
}

function toRecord(row: Row): TicketRecord {
  return { ...toTicket(row), delivery: toDelivery(row) };
}
