/**
 * What the SQL stores (sqlite-store.ts, postgres-store.ts) read back alike: the columns of a ticket joined with its
 * outbox row, and the outbox columns as a Delivery. Runtime-neutral.
 */
import type { Delivery } from './store.ts';

/** The columns of `tickets t LEFT JOIN outbox o`, in the order both stores select them. */
export const TICKET_COLUMNS = `t.seq, t.id, t.reference, t.subject, t.description, t.email, t.locale, t.category,
  t.suggestions_shown, t.suggestion_opened, t.idempotency_key, t.created_at,
  o.attempts, o.next_attempt_at, o.delivered_at, o.last_error, o.refused_at`;

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
export const nullableString = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The delivery state of a row (a driver may return BIGINT columns as strings or bigints). */
export function toDelivery(row: Record<string, unknown>): Delivery {
  const deliveredAt = nullableNumber(row.delivered_at);
  const refusedAt = deliveredAt === null ? nullableNumber(row.refused_at) : null;
  const waiting = deliveredAt === null && refusedAt === null;
  return {
    state: deliveredAt !== null ? 'delivered' : refusedAt !== null ? 'refused' : 'pending',
    attempts: Number(row.attempts ?? 0),
    nextAttemptAt: waiting ? nullableNumber(row.next_attempt_at) : null,
    deliveredAt,
    refusedAt,
    lastError: nullableString(row.last_error),
  };
}
