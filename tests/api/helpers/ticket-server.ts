/**
 * A child-process server for the fault test: the ticket routes on 127.0.0.1, mounted under /api/v1 as the real app
 * mounts them, over the SQLite store in RAHNAMA_DATA_DIR. Prints `{"port": n}` on one line once it listens.
 * Run with Node 24 (type stripping): `node tests/api/helpers/ticket-server.ts`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { parseTicketsConfig } from '../../../api/tickets/config.ts';
import { ticketRoutes } from '../../../api/tickets/routes.ts';
import { openSqliteTicketStore } from '../../../api/tickets/sqlite-store.ts';

const config = parseTicketsConfig(process.env);
const store = openSqliteTicketStore({ dataDir: config.dataDir, referencePrefix: config.referencePrefix });
const app = new Hono().route('/api/v1', ticketRoutes({ store, config }));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
