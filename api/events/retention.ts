/**
 * Retention: events older than RAHNAMA_EVENTS_RETENTION_DAYS are deleted, once at start and then every hour.
 * Runtime-neutral (setInterval and an injected clock), so tests drive it with a fake clock.
 */
import { type Clock, systemClock } from '../deps.ts';
import { EVENT_DEFAULTS } from './config.ts';
import type { EventStore } from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  store: Pick<EventStore, 'purgeBefore'>;
  retentionDays: number;
  clock?: Clock;
  everyMs?: number;
  /** Told after each purge (how many were deleted) or failure; for a log line. */
  onPurge?: (result: { deleted: number; before: number } | { error: Error }) => void;
}

export interface Retention {
  /** Purges now; resolves to the number of events deleted (0 after a failure, which onPurge reports). */
  run(): Promise<number>;
  /** Settles when the purge at start has finished. */
  readonly started: Promise<number>;
  stop(): void;
}

/** The cut-off: events strictly older than this are deleted. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return Math.floor(now) - retentionDays * DAY_MS;
}

export function startRetention(options: RetentionOptions): Retention {
  const clock = options.clock ?? systemClock;
  let running: Promise<number> | undefined;
  const run = () =>
    (running ??= (async () => {
      const before = retentionCutoff(clock.now(), options.retentionDays);
      try {
        const deleted = await options.store.purgeBefore(before);
        options.onPurge?.({ deleted, before });
        return deleted;
      } catch (error) {
        options.onPurge?.({ error: error instanceof Error ? error : new Error(String(error)) });
        return 0;
      } finally {
        running = undefined;
      }
    })());
  const started = run();
  const timer = setInterval(() => void run(), options.everyMs ?? EVENT_DEFAULTS.purgeEveryMs);
  (timer as { unref?: () => void }).unref?.();
  return { run, started, stop: () => clearInterval(timer) };
}
