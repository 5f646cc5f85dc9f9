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
