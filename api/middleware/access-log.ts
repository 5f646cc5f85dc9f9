/**
 * One structured log line per request, written after the response is known (errors included). The line holds no
 * query text and no client address: what a customer typed stays out of the logs.
 */
import type { MiddlewareHandler } from 'hono';

export interface LogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

export interface Logger {
  write(entry: LogEntry): void;
}

/** Variables handlers set for the log line. */
export interface LogVariables {
  requestId: string;
  /** Extra fields for this request's log line (locale, result count, error details). */
  logFields: Record<string, unknown>;
}

export interface AccessLogOptions {
  logger: Logger;
  /** Milliseconds since the epoch, fractional allowed. */
  now: () => number;
}

/** The level of a request's log line: error for 5xx, warn for other refusals, info otherwise. */
export function levelOf(status: number): LogEntry['level'] {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

export function accessLog(options: AccessLogOptions): MiddlewareHandler<{ Variables: LogVariables }> {
  return async function accessLogMiddleware(c, next) {
    const start = options.now();
    c.set('logFields', {});
    await next();
    const status = c.res.status;
    options.logger.write({
      time: new Date(options.now()).toISOString(),
      level: levelOf(status),
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((options.now() - start) * 100) / 100,
      ...c.get('logFields'),
    });
  };
}

export interface BatchedLogger extends Logger {
  /** Writes the lines still waiting, at once. */
  flush(): void;
}

export interface BatchOptions {
  /** Writes one chunk of whole lines (for the server, stdout). */
  write: (chunk: string) => void;
  /** Serialises an entry as one line, without the newline. */
  format: (entry: LogEntry) => string;
  /** How long a request line may wait for others; 0 writes every line at once. */
  flushMs: number;
  /** A batch this long (in UTF-16 units) is written without waiting. */
  maxChars?: number;
}

/** The default size of one batch of log lines, in characters. */
export const LOG_BATCH_CHARS = 16_384;

/**
 * A logger that writes request lines in batches: on a busy server, one write (a system call, since Node writes to
 * files and pipes synchronously) per batch instead of one per request. A request line waits at most `flushMs` or
 * until `maxChars` are pending; every other line (start-up, reloads, database and webhook trouble, errors) is
 * written at once, after the lines before it, so the order of the log never changes. The server flushes on exit,
 * so only a process killed outright (SIGKILL, power loss) loses the last `flushMs` of request lines.
 */
export function batchedLogger({ write, format, flushMs, maxChars = LOG_BATCH_CHARS }: BatchOptions): BatchedLogger {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    write(chunk);
  };
  return {
    flush,
    write(entry) {
      pending += `${format(entry)}\n`;
      if (flushMs <= 0 || entry.msg !== 'request' || entry.level === 'error' || pending.length >= maxChars) {
        flush();
      } else if (timer === undefined) {
        timer = setTimeout(flush, flushMs);
        // A waiting batch does not keep the process alive; the exit handler writes it.
        (timer as { unref?: () => void }).unref?.();
      }
    },
  };
}
