/**
 * The in-process queue between POST /events and the database. The route only appends to memory and answers 202,
 * so sending events never waits on the database; a timer (or a full batch) writes them in batches. When the
 * database fails, the batch is dropped and counted; when the queue is full, new events are dropped and counted.
 * Tickets never pass through here (they are written before their 201). Runtime-neutral (setTimeout only).
 */
import { QUEUE_DEFAULTS } from './config.ts';
import type { StoredEvent } from './schemas.ts';
import type { EventStore } from './store.ts';

export interface EventQueueOptions {
  store: Pick<EventStore, 'insert'>;
  maxQueued?: number;
  batchSize?: number;
  flushMs?: number;
  /** Told about each failed write (for a log line); never about its events' content. */
  onError?: (error: Error, dropped: number) => void;
}

/** Counters for the health route and the tests. */
export interface EventCounters {
  /** Events accepted into the queue since start. */
  accepted: number;
  /** Events written to the database. */
  written: number;
  /** Events waiting to be written. */
  queued: number;
  /** Events dropped because the queue was full. */
  droppedOverflow: number;
  /** Events dropped because the database refused a batch. */
  droppedStorage: number;
}

export class EventQueue {
  readonly #store: Pick<EventStore, 'insert'>;
  readonly #maxQueued: number;
  readonly #batchSize: number;
  readonly #flushMs: number;
  readonly #onError?: (error: Error, dropped: number) => void;
  #queue: StoredEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> | undefined;
  #stopped = false;
  readonly #counters = { accepted: 0, written: 0, droppedOverflow: 0, droppedStorage: 0 };

  constructor(options: EventQueueOptions) {
    this.#store = options.store;
    this.#maxQueued = options.maxQueued ?? QUEUE_DEFAULTS.maxQueued;
    this.#batchSize = options.batchSize ?? QUEUE_DEFAULTS.batchSize;
    this.#flushMs = options.flushMs ?? QUEUE_DEFAULTS.flushMs;
    this.#onError = options.onError;
  }

  /** Queues what fits; returns how many were accepted (the rest are dropped and counted). Never waits. */
  enqueue(events: readonly StoredEvent[]): number {
    const room = this.#stopped ? 0 : Math.max(0, this.#maxQueued - this.#queue.length);
    const accepted = events.slice(0, room);
    this.#counters.droppedOverflow += events.length - accepted.length;
    this.#counters.accepted += accepted.length;
    this.#queue.push(...accepted);
    if (this.#queue.length >= this.#batchSize) this.#startWriting();
    else if (accepted.length > 0 && this.#timer === undefined && this.#writing === undefined) {
      this.#timer = setTimeout(() => this.#startWriting(), this.#flushMs);
      (this.#timer as { unref?: () => void }).unref?.();
    }
    return accepted.length;
  }

  counters(): EventCounters {
    return { ...this.#counters, queued: this.#queue.length };
  }

  /** Writes everything queued now (and waits for a write in flight). */
  async flush(): Promise<void> {
    while (this.#writing || this.#queue.length > 0) {
      if (!this.#writing) this.#startWriting();
      await this.#writing;
    }
  }

  /** Stops accepting events and writes what is queued. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.flush();
  }

  #startWriting(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#writing) return;
    this.#writing = this.#drain().finally(() => {
      this.#writing = undefined;
      // Events that arrived during the write wait for the next timer tick (or a full batch).
      if (this.#queue.length > 0 && !this.#stopped) this.enqueue([]);
      if (this.#queue.length > 0 && this.#timer === undefined && !this.#stopped) {
        this.#timer = setTimeout(() => this.#startWriting(), this.#flushMs);
        (this.#timer as { unref?: () => void }).unref?.();
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#batchSize);
      try {
        await this.#store.insert(batch);
        this.#counters.written += batch.length;
      } catch (error) {
        this.#counters.droppedStorage += batch.length;
        this.#onError?.(error instanceof Error ? error : new Error(String(error)), batch.length);
      }
    }
  }
}
