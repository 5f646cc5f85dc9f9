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
import { resolve } from 'node:path';
import { API_BASE, createApp } from './app.ts';
import { parseApiConfig, parseInteger } from './config.ts';
import { accessLog, type Logger, type LogVariables } from './middleware/access-log.ts';
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

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export const SERVER_DEFAULTS = {
  port: 4321,
  host: '0.0.0.0',
  /** The build output: the static site, and the indexes under search/. */
  siteDir: 'dist',
} as const;

export interface ServerOptions {
  port: number;
  host: string;
  siteDir: string;
  indexDir: string;
  pollMs: number;
  apiOnly: boolean;
  env: Record<string, string | undefined>;
  logger: Logger;
}

/** One JSON object per line on stdout. */
export const stdoutLogger: Logger = { write: (entry) => process.stdout.write(`${toLogLine(entry)}\n`) };

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
    logger: stdoutLogger,
  };
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
        server.close(() => void Promise.all([tickets.close(), events.close()]).then(() => resolveClose()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** Runs the server from the command line until SIGINT/SIGTERM. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<RunningServer> {
  const options = serverOptionsFromEnv(process.env, argv);
  const running = await startServer(options);
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
