/**
 * Node-only: the ticket store and outbox in PostgreSQL (DATABASE_URL), with the behaviour of the SQLite store that
 * the contract suite (tests/api/helpers/ticket-store-contract.ts) pins down, made safe for several instances:
 *
 * - create: one transaction for the ticket and its outbox row. A reference collision inserts nothing
 *   (ON CONFLICT DO NOTHING) and another is drawn. Two instances racing on one idempotency key: the loser's insert
 *   waits for the winner's commit, inserts nothing, and then reads the winner's ticket (READ COMMITTED takes a
 *   new snapshot per statement).
 * - claimDue: `FOR UPDATE SKIP LOCKED` picks due rows no other transaction is claiming, and the lease columns keep
 *   them claimed until the lease ends, exactly as in SQLite.
 *
 * Times are BIGINT milliseconds (pg returns them as strings; they are converted with Number, exact below 2^53).
 */
import type pg from 'pg';
import type { Locale } from '../../search-index/core/schemas.ts';
import { inTransaction, type SharedPool } from '../storage/postgres.ts';
import { newReference, newTicketId } from './reference.ts';
import { nullableString, TICKET_COLUMNS, toDelivery } from './rows.ts';
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

const REFERENCE_ATTEMPTS = 5;

const FROM = 'FROM tickets t LEFT JOIN outbox o ON o.ticket_id = t.id';

type Row = Record<string, unknown>;

export interface PostgresTicketStoreOptions {
  /** The shared pool of this process (api/storage/postgres.ts); migrations have already run. */
  shared: SharedPool;
  referencePrefix: string;
  references?: () => string;
}

export class PostgresTicketStore implements TicketStore, OutboxStore {
  readonly #shared: SharedPool;
  readonly #pool: pg.Pool;
  readonly #references: () => string;
  #closed = false;

  constructor(options: PostgresTicketStoreOptions) {
    this.#shared = options.shared;
    this.#pool = options.shared.acquire();
    this.#references = options.references ?? (() => newReference(options.referencePrefix));
  }

  #live(): pg.Pool {
    if (this.#closed) throw new Error('api/tickets: the ticket store is closed');
    return this.#pool;
  }

  async create(input: NewTicket, now: number): Promise<CreateResult> {
    const pool = this.#live();
    return inTransaction(pool, async (client) => {
      const byKey = async () => {
        if (input.idempotencyKey === null) return null;
        const { rows } = await client.query(`SELECT ${TICKET_COLUMNS} ${FROM} WHERE t.idempotency_key = $1`, [input.idempotencyKey]);
        return rows[0] ? { ticket: toTicket(rows[0]), created: false } : null;
      };
      const existing = await byKey();
      if (existing) return existing;
      for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
        const ticket: Ticket = { ...input, id: newTicketId(), reference: this.#references(), createdAt: Math.floor(now) };
        const { rowCount } = await client.query(
          `INSERT INTO tickets (id, reference, subject, description, email, locale, category, suggestions_shown, suggestion_opened, idempotency_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11) ON CONFLICT DO NOTHING`,
          [
            ticket.id,
            ticket.reference,
            ticket.subject,
            ticket.description,
            ticket.email,
            ticket.locale,
            ticket.category,
            JSON.stringify(ticket.suggestionsShown),
            ticket.suggestionOpened,
            ticket.idempotencyKey,
            ticket.createdAt,
          ],
        );
        if (rowCount === 0) {
          // Either the reference was taken, or another instance just filed this idempotency key.
          const raced = await byKey();
          if (raced) return raced;
          continue;
        }
        await client.query('INSERT INTO outbox (ticket_id, attempts, next_attempt_at) VALUES ($1, 0, $2)', [ticket.id, ticket.createdAt]);
        return { ticket, created: true };
      }
      throw new Error(`api/tickets: no free reference after ${REFERENCE_ATTEMPTS} attempts`);
    });
  }

  async get(idOrReference: string): Promise<TicketRecord | null> {
    const { rows } = await this.#live().query(`SELECT ${TICKET_COLUMNS} ${FROM} WHERE t.id = $1 OR t.reference = $1`, [idOrReference]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByIdempotencyKey(key: string): Promise<Ticket | null> {
    const { rows } = await this.#live().query(`SELECT ${TICKET_COLUMNS} ${FROM} WHERE t.idempotency_key = $1`, [key]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async list({ limit, cursor }: ListOptions): Promise<TicketPage> {
    const pool = this.#live();
    let before: number | null = null;
    if (cursor !== undefined) {
      if (!/^[1-9]\d{0,15}$/.test(cursor)) throw new InvalidCursorError(cursor);
      before = Number(cursor);
    }
    const { rows } = await pool.query(`SELECT ${TICKET_COLUMNS} ${FROM} WHERE $1::bigint IS NULL OR t.seq < $1::bigint ORDER BY t.seq DESC LIMIT $2`, [before, limit + 1]);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { tickets: rows.slice(0, limit).map(toRecord), nextCursor: last ? String(last.seq) : null };
  }

  async claimDue({ now, limit, owner, leaseMs }: ClaimOptions): Promise<OutboxItem[]> {
    const pool = this.#live();
    now = Math.floor(now);
    return inTransaction(pool, async (client) => {
      const claimed = await client.query<{ ticket_id: string }>(
        `UPDATE outbox SET lease_owner = $1, lease_until = $2
         WHERE ticket_id IN (
           SELECT o.ticket_id FROM outbox o JOIN tickets t ON t.id = o.ticket_id
           WHERE o.delivered_at IS NULL AND o.refused_at IS NULL AND o.next_attempt_at <= $3 AND (o.lease_until IS NULL OR o.lease_until <= $3)
           ORDER BY o.next_attempt_at, t.seq LIMIT $4
           FOR UPDATE OF o SKIP LOCKED)
         RETURNING ticket_id`,
        [owner, now + leaseMs, now, limit],
      );
      if (claimed.rows.length === 0) return [];
      const { rows } = await client.query(`SELECT ${TICKET_COLUMNS}, o.refusals ${FROM} WHERE t.id = ANY($1) ORDER BY o.next_attempt_at, t.seq`, [
        claimed.rows.map((row) => row.ticket_id),
      ]);
      return rows.map((row) => ({ ticket: toTicket(row), attempts: Number(row.attempts), refusals: Number(row.refusals) }));
    });
  }

  async markDelivered(ticketId: string, now: number): Promise<boolean> {
    const { rowCount } = await this.#live().query(
      `UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
       WHERE ticket_id = $2 AND delivered_at IS NULL`,
      [Math.floor(now), ticketId],
    );
    return rowCount === 1;
  }

  async markFailed(ticketId: string, owner: string, failure: Failure): Promise<boolean> {
    const { rowCount } = await this.#live().query(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, refusals = $3, refused_at = $4,
         lease_owner = NULL, lease_until = NULL
       WHERE ticket_id = $5 AND delivered_at IS NULL AND lease_owner = $6`,
      [
        Math.floor(failure.nextAttemptAt),
        failure.error,
        failure.refusals ?? 0,
        failure.refusedAt === undefined ? null : Math.floor(failure.refusedAt),
        ticketId,
        owner,
      ],
    );
    return rowCount === 1;
  }

  async requeue(now: number, ticketId?: string): Promise<number> {
    // Due by now at the latest: one waiting to be tried keeps its place in the queue.
    const { rowCount } = await this.#live().query(
      `UPDATE outbox SET next_attempt_at = LEAST(next_attempt_at, $1), refusals = 0, refused_at = NULL
       WHERE delivered_at IS NULL AND ($2::text IS NULL OR ticket_id = $2::text)`,
      [Math.floor(now), ticketId ?? null],
    );
    return rowCount ?? 0;
  }

  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.#live().query<{ due: string | null }>(
      'SELECT MIN(GREATEST(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM outbox WHERE delivered_at IS NULL AND refused_at IS NULL',
    );
    return rows[0]?.due === null || rows[0]?.due === undefined ? null : Number(rows[0].due);
  }

  async outboxSummary(): Promise<OutboxSummary> {
    const pool = this.#live();
    const [{ rows: backlog }, { rows: failures }] = await Promise.all([
      pool.query<{ undelivered: string; failing: string; refused: string; oldest: string | null }>(
        `SELECT COUNT(*) AS undelivered, COUNT(*) FILTER (WHERE o.attempts > 0 AND o.refused_at IS NULL) AS failing,
           COUNT(*) FILTER (WHERE o.refused_at IS NOT NULL) AS refused, MIN(t.created_at) AS oldest
         FROM outbox AS o JOIN tickets AS t ON t.id = o.ticket_id WHERE o.delivered_at IS NULL`,
      ),
      pool.query<{ reference: string; attempts: number; last_error: string }>(
        `SELECT t.reference, o.attempts, o.last_error FROM outbox AS o JOIN tickets AS t ON t.id = o.ticket_id
         WHERE o.delivered_at IS NULL AND o.last_error IS NOT NULL ORDER BY o.next_attempt_at DESC LIMIT 1`,
      ),
    ]);
    const row = backlog[0]!;
    const failure = failures[0];
    return {
      undelivered: Number(row.undelivered),
      failing: Number(row.failing),
      refused: Number(row.refused),
      oldestCreatedAt: row.oldest === null ? null : Number(row.oldest),
      lastFailure: failure ? { reference: failure.reference, attempts: Number(failure.attempts), error: failure.last_error } : null,
    };
  }

  /** Releases this store's hold on the shared pool; later calls do nothing. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#shared.release();
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
    category: nullableString(row.category),
    suggestionsShown: row.suggestions_shown as string[],
    suggestionOpened: nullableString(row.suggestion_opened),
    idempotencyKey: nullableString(row.idempotency_key),
    createdAt: Number(row.created_at),
  };
}

function toRecord(row: Row): TicketRecord {
  return { ...toTicket(row), delivery: toDelivery(row) };
}
