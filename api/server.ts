/**
 * The one file that listens. `node api/server.ts` serves the built site (dist/) and the API from one process on
 * one port; with --api-only (`npm run start:api`) it serves the API alone. Configuration comes from the
 * environment (see README, "Configuration").
 */
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { API_BASE, createApp } from './app.ts';
import { parseApiConfig, parseInteger } from './config.ts';
import { accessLog, batchedLogger, type BatchedLogger, levelOf, type Logger, type LogVariables } from './middleware/access-log.ts';
import { clientKey, rateLimit } from './middleware/rate-limit.ts';
import { systemClock } from './deps.ts';
import { createSite } from './site.ts';
import { renderSearchPage } from './search-page.ts';
import { createIndexStore, DEFAULT_POLL_MS, type IndexStore } from './store/index-store.ts';
import { parseTicketsConfig } from './tickets/config.ts';
import { openTicketIntake } from './tickets/node.ts';
import { parseEventsConfig } from './events/config.ts';
import { startEvents } from './events/node.ts';
import { cachedCatalog } from './insights/catalog.ts';
import { databaseUrlFromEnv, openStorage } from './storage/node.ts';
import { toLogLine } from './text.ts';
import { ERROR_CODES, ERROR_MESSAGES, type ErrorStatus } from './errors.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export const SERVER_DEFAULTS = {
  port: 4321,
  host: '0.0.0.0',
  /** The build output: the static site, and the indexes under search/. */
  siteDir: 'dist',
  /** Milliseconds a request's log line may wait to be written with others (RAHNAMA_LOG_FLUSH_MS). */
  logFlushMs: 100,
} as const;

export interface ServerOptions {
  port: number;
  host: string;
  siteDir: string;
  indexDir: string;
  pollMs: number;
  apiOnly: boolean;
  env: Record<string, string | undefined>;
  /** A `BatchedLogger` is flushed when the server closes and when the process exits. */
  logger: Logger | BatchedLogger;
}

/** One JSON object per line on stdout; request lines are written in batches up to `flushMs` apart. */
export function stdoutLogger(flushMs: number): BatchedLogger {
  return batchedLogger({ write: (chunk) => process.stdout.write(chunk), format: toLogLine, flushMs });
}

/** Reads the server's own variables; the API's are read by parseApiConfig. Relative paths are from the project. */
export function serverOptionsFromEnv(env: Record<string, string | undefined>, argv: readonly string[]): ServerOptions {
  const siteDir = resolve(PROJECT_ROOT, env.RAHNAMA_SITE_DIR || SERVER_DEFAULTS.siteDir);
  return {
    port: parseInteger('PORT', env.PORT, SERVER_DEFAULTS.port, 0, 65535),
    host: env.HOST?.trim() || SERVER_DEFAULTS.host,
    siteDir,
    indexDir: env.RAHNAMA_INDEX_DIR ? resolve(PROJECT_ROOT, env.RAHNAMA_INDEX_DIR) : siteDir,
    pollMs: parseInteger('RAHNAMA_INDEX_POLL_MS', env.RAHNAMA_INDEX_POLL_MS, DEFAULT_POLL_MS, 0, 600_000),
    apiOnly: argv.includes('--api-only'),
    env,
    logger: stdoutLogger(parseInteger('RAHNAMA_LOG_FLUSH_MS', env.RAHNAMA_LOG_FLUSH_MS, SERVER_DEFAULTS.logFlushMs, 0, 10_000)),
  };
}

/** What a request that Node's HTTP parser rejected gets (Node's own choice of status, the API's shape). */
function parserRejection(parserError: string | undefined): { status: ErrorStatus; message: string } {
  switch (parserError) {
    case 'HPE_INVALID_URL':
      return { status: 400, message: ERROR_MESSAGES.invalidUrl };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: ERROR_MESSAGES[431] };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: ERROR_MESSAGES.chunkExtensions };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: ERROR_MESSAGES[408] };
    default:
      return { status: 400, message: ERROR_MESSAGES.invalidHttp };
  }
}

/**
 * Node's 'clientError': a request its HTTP parser rejects never reaches the app, and Node answers it with a bare
 * status line. This answers with the API's JSON error shape instead (a raw Persian or spaced URL, as a hand-typed
 * curl sends, is the common case), logs one line, and closes the connection, as Node does. Nothing is written when
 * a response on that connection has already started.
 */
export function answerClientError(error: Error & { code?: string; reason?: string }, socket: Duplex, logger: Logger): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    const { status, message } = parserRejection(error.code);
    const body = JSON.stringify({ error: { code: ERROR_CODES[status], message } });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
    logger.write({
      time: new Date().toISOString(),
      level: levelOf(status),
      msg: 'request rejected by the HTTP parser',
      status,
      parserError: error.code,
      ...(error.reason ? { reason: error.reason } : {}),
    });
  }
  socket.destroy();
}

export interface RunningServer {
  url: string;
  server: ServerType;
  store: IndexStore;
  close(): Promise<void>;
}

/** Builds the app (API, plus the site unless apiOnly) and listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const version = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const config = parseApiConfig(options.env, version);
  const peerAddress = (c: Context) => getConnInfo(c).remote.address;
  const store = createIndexStore({ dir: options.indexDir, logger: options.logger, pollMs: options.pollMs });
  const ticketsConfig = parseTicketsConfig(options.env);
  const dataDir = resolve(PROJECT_ROOT, ticketsConfig.dataDir);
  const eventsConfig = parseEventsConfig(options.env);
  // SQLite in dataDir, or PostgreSQL with DATABASE_URL (migrated here, under an advisory lock).
  const storage = await openStorage({
    databaseUrl: databaseUrlFromEnv(options.env),
    dataDir,
    referencePrefix: ticketsConfig.referencePrefix,
    onPoolError: (error) => options.logger.write({ time: new Date().toISOString(), level: 'warn', msg: 'database connection error', error: error.message }),
  });
  const tickets = openTicketIntake({ config: { ...ticketsConfig, dataDir }, logger: options.logger, store: storage.tickets });
  const events = startEvents({
    store: storage.events,
    config: eventsConfig,
    adminToken: ticketsConfig.adminToken,
    catalog: cachedCatalog(resolve(PROJECT_ROOT, 'content')),
    logger: options.logger,
  });
  const api = createApp({
    indexes: store,
    config,
    logger: options.logger,
    peerAddress,
    tickets: tickets.routes,
    events,
  });

  let fetch: (request: Request, env: unknown) => Response | Promise<Response> = api.fetch;
  if (!options.apiOnly) {
    const site = createSite({
      root: options.siteDir,
      renderPage: (path, html, url) => renderSearchPage(store, path, html, url),
      renderRateLimit: rateLimit({ ...config.rateLimit, now: () => systemClock.now(), key: clientKey(config.trustProxy, peerAddress) }),
    });
    const toApi = (c: Context) => api.fetch(c.req.raw, c.env);
    // The API logs its own requests; the site's get the same one line each from the middleware after it.
    const app = new Hono<{ Variables: LogVariables }>()
      .all(`${API_BASE}/*`, toApi)
      .all('/api', toApi)
      .use(requestId())
      .use(accessLog({ logger: options.logger, now: () => systemClock.now() }))
      .route('/', site);
    fetch = app.fetch;
  }
  await store.ready;

  const server = await new Promise<ServerType>((resolveServer, reject) => {
    const listening = serve({ fetch, port: options.port, hostname: options.host }, () => resolveServer(listening));
    listening.once('error', reject);
  });
  server.on('clientError', (error: Error & { code?: string; reason?: string }, socket: Duplex) => answerClientError(error, socket, options.logger));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  options.logger.write({
    time: new Date().toISOString(),
    level: 'info',
    msg: 'listening',
    url,
    host: options.host,
    port,
    mode: options.apiOnly ? 'api' : 'site+api',
    siteDir: options.apiOnly ? undefined : options.siteDir,
    indexDir: options.indexDir,
  });
  return {
    url,
    server,
    store,
    close: () =>
      new Promise<void>((resolveClose) => {
        store.close();
        // Stop taking requests first, then let the ticket outbox finish its delivery and close the database.
        server.close(
          () =>
            void Promise.all([tickets.close(), events.close()]).then(() => {
              if ('flush' in options.logger) options.logger.flush();
              resolveClose();
            }),
        );
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** Runs the server from the command line until SIGINT/SIGTERM. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<RunningServer> {
  const options = serverOptionsFromEnv(process.env, argv);
  const running = await startServer(options);
  // Request lines still waiting to be written go out however the process ends (a crash included).
  if ('flush' in options.logger) process.once('exit', options.logger.flush);
  const stop = (signal: string) => {
    options.logger.write({ time: new Date().toISOString(), level: 'info', msg: 'stopping', signal });
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return running;
}

if (import.meta.main) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
