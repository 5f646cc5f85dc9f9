/**
 * The outbox forwarder: delivers stored tickets to the help desk webhook, one at a time, until each is acknowledged.
 *
 * - A delivery is a JSON POST signed with HMAC-SHA256 of the raw body (X-Rahnama-Signature: sha256=<hex>) and
 *   carrying X-Rahnama-Delivery: <ticket id>. Only a 2xx answer marks the ticket delivered; redirects are not
 *   followed (a signed ticket must not travel to another host), so a 3xx is a failure like a 5xx or a timeout.
 * - A failure schedules the next attempt with capped exponential backoff and jitter (backoffDelay). All of this state
 *   is in the database, so a restarted server carries on where the old one stopped.
 * - Failures are retried forever, so a help desk that is down or misconfigured gets every ticket once it is fixed,
 *   with one exception: a ticket the help desk refuses itself (REFUSAL_STATUSES) `refuseAfter` times in a row is set
 *   aside as refused, and waits for someone to send it again (OutboxStore.requeue, the admin redeliver routes).
 * - A delivered ticket is never claimed again. The one window left is a crash after the help desk answered 2xx and
 *   before the answer was recorded: that ticket is sent once more with the same X-Rahnama-Delivery, which the
 *   receiver uses to drop the duplicate (at-least-once delivery plus an idempotency key = exactly-once effect).
 * - One delivery at a time per forwarder (passes are serialised), and across processes sharing a database each item
 *   is leased to one forwarder for longer than a delivery can take.
 *
 * Runtime-neutral: fetch, Web Crypto and timers only.
 */
import type { Clock } from '../deps.ts';
import { systemClock } from '../deps.ts';
import type { WebhookConfig } from './config.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signBody } from './signature.ts';
import type { OutboxItem, OutboxStore, Ticket } from './store.ts';

export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** Growth per further failure. */
  factor: number;
  /** No delay exceeds this, however many failures. */
  maxMs: number;
  /** Fraction of the delay that is randomised (0: none, 0.2: the delay is 80% to 100% of the exponential step). */
  jitter: number;
}

export const OUTBOX_DEFAULTS = {
  /** 1 s, 2 s, 4 s, ... up to 10 minutes: a help desk down for a day costs about 150 attempts per ticket. */
  backoff: { baseMs: 1000, factor: 2, maxMs: 10 * 60_000, jitter: 0.2 } satisfies BackoffPolicy,
  /** When idle, look for work at least this often (another process may have stored tickets). */
  pollMs: 2000,
  /** A lease outlives the webhook timeout by this much, so it cannot lapse while its delivery is in flight. */
  leaseMarginMs: 5000,
  /** Longest last_error kept. */
  maxErrorChars: 200,
} as const;

/**
 * Answers by which the help desk refuses the ticket itself (what it says), not the connection, the address or the
 * credentials: sending the same ticket again cannot change them. A 401, 403, 404 or 429 is a setting or a limit on
 * the help desk's side that affects every ticket alike, and is retried like a 5xx until it is fixed.
 */
export const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 410, 413, 422]);

/** Milliseconds to wait after `failures` failed attempts (1 or more) before the next one. */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, failures - 1));
  // Jitter spreads the retries of many tickets, so a help desk coming back is not hit by all of them at once.
  return Math.round(step * (1 - policy.jitter * random()));
}

/** The JSON body of a delivery. */
export function webhookPayload(ticket: Ticket) {
  return {
    type: 'ticket.created' as const,
    ticket: {
      id: ticket.id,
      reference: ticket.reference,
      subject: ticket.subject,
      description: ticket.description,
      email: ticket.email,
      locale: ticket.locale,
      category: ticket.category,
      suggestionsShown: ticket.suggestionsShown,
      suggestionOpened: ticket.suggestionOpened,
      createdAt: new Date(ticket.createdAt).toISOString(),
    },
  };
}

export type ForwarderEvent =
  | { type: 'delivered'; ticketId: string; attempts: number; status: number }
  | { type: 'failed'; ticketId: string; attempts: number; error: string; nextAttemptAt: number }
  /** The help desk refused the ticket refuseAfter times in a row: it is set aside until someone sends it again. */
  | { type: 'refused'; ticketId: string; attempts: number; error: string }
  | { type: 'error'; error: string };

export interface ForwarderOptions {
  store: OutboxStore;
  webhook: WebhookConfig;
  clock?: Clock;
  /** Uniform in [0, 1); tests pass a fixed one to check the schedule exactly. */
  random?: () => number;
  fetch?: typeof fetch;
  backoff?: Partial<BackoffPolicy>;
  pollMs?: number;
  /** For the server's log. */
  onEvent?: (event: ForwarderEvent) => void;
}

export interface PassResult {
  delivered: number;
  failed: number;
}

export class OutboxForwarder {
  readonly #store: OutboxStore;
  readonly #webhook: WebhookConfig;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #fetch: typeof fetch;
  readonly #backoff: BackoffPolicy;
  readonly #pollMs: number;
  readonly #onEvent: (event: ForwarderEvent) => void;
  /** Identifies this forwarder's leases. */
  readonly #owner = crypto.randomUUID();
  /** The pass in progress (or the last one); passes chain on it, so only one runs at a time. */
  #pass: Promise<PassResult> = Promise.resolve({ delivered: 0, failed: 0 });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #stopping = false;

  constructor(options: ForwarderOptions) {
    this.#store = options.store;
    this.#webhook = options.webhook;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#backoff = { ...OUTBOX_DEFAULTS.backoff, ...options.backoff };
    this.#pollMs = options.pollMs ?? OUTBOX_DEFAULTS.pollMs;
    this.#onEvent = options.onEvent ?? (() => {});
  }

  /** Starts delivering in the background: at once, then whenever an item falls due, a ticket arrives or pollMs pass. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = false;
    this.#schedule(0);
  }

  /** Asks for a pass now (after a new ticket was stored). Does nothing unless started. */
  wake(): void {
    if (this.#running && !this.#stopping) this.#schedule(0);
  }

  /**
   * Delivers every item that is due now, one after another, and resolves with the counts. Waits for a pass already
   * in progress first. The background loop uses it; tests call it directly with an injected clock.
   */
  runOnce(): Promise<PassResult> {
    const pass = this.#pass.then(
      () => this.#deliverDue(),
      () => this.#deliverDue(),
    );
    this.#pass = pass;
    return pass;
  }

  /** Stops the loop; resolves once the delivery in flight (bounded by the webhook timeout) has been recorded. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass.catch(() => {});
    // Stopped: runOnce works again when called by hand, start() resumes the loop.
    this.#stopping = false;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), Math.max(0, delayMs));
    // The forwarder alone must not keep a process alive (a CLI, a test run); the HTTP server does that.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    let delay = this.#pollMs;
    try {
      await this.runOnce();
      const due = await this.#store.nextDueAt();
      if (due !== null) delay = Math.min(this.#pollMs, due - this.#clock.now());
    } catch (error) {
      this.#onEvent({ type: 'error', error: describe(error) });
    }
    // A wake() during the pass may have scheduled a sooner tick already; keep that one.
    if (this.#running && !this.#stopping && this.#timer === undefined) this.#schedule(delay);
  }

  async #deliverDue(): Promise<PassResult> {
    const result: PassResult = { delivered: 0, failed: 0 };
    while (!this.#stopping) {
      const now = Math.floor(this.#clock.now());
      const [item] = await this.#store.claimDue({
        now,
        limit: 1,
        owner: this.#owner,
        leaseMs: this.#webhook.timeoutMs + OUTBOX_DEFAULTS.leaseMarginMs,
      });
      if (!item) break;
      if (await this.#deliver(item)) result.delivered += 1;
      else result.failed += 1;
      if (this.#stopping) break;
    }
    return result;
  }

  /** One attempt; records its outcome. True when the help desk acknowledged the ticket. */
  async #deliver(item: OutboxItem): Promise<boolean> {
    const body = JSON.stringify(webhookPayload(item.ticket));
    const attempts = item.attempts + 1;
    let error: string;
    let refusal = false;
    try {
      const response = await this.#fetch(this.#webhook.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#webhook.timeoutMs),
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Rahnama-Webhook/1',
          [SIGNATURE_HEADER]: await signBody(body, this.#webhook.secret),
          [DELIVERY_HEADER]: item.ticket.id,
        },
      });
      // Free the connection; the help desk's answer carries nothing we need.
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) {
        await this.#store.markDelivered(item.ticket.id, Math.floor(this.#clock.now()));
        this.#onEvent({ type: 'delivered', ticketId: item.ticket.id, attempts, status: response.status });
        return true;
      }
      error = `HTTP ${response.status}`;
      refusal = REFUSAL_STATUSES.has(response.status);
    } catch (failure) {
      error = failure instanceof Error && failure.name === 'TimeoutError' ? `timeout after ${this.#webhook.timeoutMs} ms` : describe(failure);
    }
    const now = Math.floor(this.#clock.now());
    const nextAttemptAt = now + backoffDelay(attempts, this.#backoff, this.#random);
    const refusals = refusal ? item.refusals + 1 : 0;
    const setAside = refusals >= this.#webhook.refuseAfter;
    await this.#store.markFailed(item.ticket.id, this.#owner, { nextAttemptAt, error, refusals, ...(setAside ? { refusedAt: now } : {}) });
    const ticketId = item.ticket.id;
    this.#onEvent(setAside ? { type: 'refused', ticketId, attempts, error } : { type: 'failed', ticketId, attempts, error, nextAttemptAt });
    return false;
  }
}

/** A short, single-line reason: "fetch failed: ECONNREFUSED" rather than a stack. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, OUTBOX_DEFAULTS.maxErrorChars);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return (detail ? `${error.message}: ${detail}` : error.message).replace(/\s+/g, ' ').slice(0, OUTBOX_DEFAULTS.maxErrorChars);
}

/** Starts a forwarder for the configured webhook; with none configured returns null and tickets stay in the database. */
export function startOutbox(options: Omit<ForwarderOptions, 'webhook'> & { webhook: WebhookConfig | null }): OutboxForwarder | null {
  if (!options.webhook) return null;
  const forwarder = new OutboxForwarder({ ...options, webhook: options.webhook });
  forwarder.start();
  return forwarder;
}
