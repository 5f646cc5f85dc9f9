/**
 * The event sender: events wait in memory and leave in batches, on a timer and when the page is hidden or left
 * (`visibilitychange` to hidden, `pagehide`), by `navigator.sendBeacon` (a text/plain body: no CORS preflight, and
 * the browser delivers it after the page is gone), else `fetch` with `keepalive`. Sending never waits on anything
 * and never throws: suggestions must not slow down because of it, and a lost batch is only a lost measurement.
 * The environment (clock, timers, transports, page events) is injected, so the batching is unit-tested.
 */
import { API_LIMITS, type ApiBatch, type ApiEvent, type Locale } from './schema.ts';

/** Named defaults of the sender. */
export const SENDER_DEFAULTS = {
  /** A batch leaves this long after its first event, unless the page is hidden first. */
  flushMs: 5000,
  /** Events per request: well under the API's 100 and its 64 KB body limit with 500-character queries. */
  batchSize: 20,
  /** Events kept at most while nothing can be sent; the oldest go first. */
  maxQueued: 200,
} as const;

export interface SenderEnv {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** navigator.sendBeacon; false when the browser would not queue it. */
  beacon?: (url: string, body: string) => boolean;
  /** fetch with keepalive, text/plain, credentials omitted; must not throw synchronously. */
  post?: (url: string, body: string) => Promise<unknown>;
  /** Subscribes to "the page is being hidden" (leaving: false) "or left" (pagehide, leaving: true). */
  onHide?: (run: (leaving: boolean) => void) => void;
}

export interface SenderOptions {
  /** Full URL of POST /api/v1/events (another origin for the widget). */
  endpoint: string;
  sessionId: () => string;
  locale?: Locale;
  flushMs?: number;
  batchSize?: number;
  maxQueued?: number;
}

export interface Sender {
  /** Queues an event; returns at once. */
  send(event: ApiEvent | null): void;
  /** Sends everything queued now (called on page hide; tests call it). */
  flush(): void;
  /** Runs `hook` just before the flush on page hide, so last-moment events (a pending vote) still leave. */
  beforeHide(hook: (leaving: boolean) => void): void;
  /** Events waiting. */
  readonly queued: number;
}

export function createSender(options: SenderOptions, env: SenderEnv): Sender {
  const flushMs = options.flushMs ?? SENDER_DEFAULTS.flushMs;
  const batchSize = Math.min(options.batchSize ?? SENDER_DEFAULTS.batchSize, API_LIMITS.maxEvents);
  const maxQueued = options.maxQueued ?? SENDER_DEFAULTS.maxQueued;
  const hooks: Array<(leaving: boolean) => void> = [];
  let queue: ApiEvent[] = [];
  let timer: unknown;

  const deliver = (events: ApiEvent[]) => {
    const batch: ApiBatch = { sessionId: options.sessionId(), sentAt: env.now(), ...(options.locale ? { locale: options.locale } : {}), events };
    const body = JSON.stringify(batch);
    try {
      if (env.beacon?.(options.endpoint, body)) return;
    } catch {
      /* a beacon that throws (bad URL, policy): try fetch */
    }
    try {
      void env.post?.(options.endpoint, body).catch(() => undefined);
    } catch {
      /* nothing more to try: the measurement is lost, the page is not */
    }
  };

  const flush = () => {
    if (timer !== undefined) env.clearTimer(timer);
    timer = undefined;
    while (queue.length) deliver(queue.splice(0, batchSize));
  };

  env.onHide?.((leaving) => {
    for (const hook of hooks) {
      try {
        hook(leaving);
      } catch {
        /* a hook's failure must not keep the rest from leaving */
      }
    }
    flush();
  });

  return {
    send(event) {
      if (!event) return;
      queue.push(event);
      if (queue.length > maxQueued) queue = queue.slice(-maxQueued);
      if (queue.length >= batchSize) flush();
      else if (timer === undefined) timer = env.setTimer(flush, flushMs);
    },
    flush,
    beforeHide(hook) {
      hooks.push(hook);
    },
    get queued() {
      return queue.length;
    },
  };
}
