/**
 * A child-process server for the fault test: the ticket routes on 127.0.0.1, mounted under /api/v1 as the real app
 * mounts them, over the SQLite store in RAHNAMA_DATA_DIR. Prints `{"port": n}` on one line once it listens.
 * Run with Node 24 (type stripping): `node tests/api/helpers/ticket-server.ts`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { parseTicketsConfig } from '../../../api/tickets/config.ts';
import { openTicketIntake } from '../../../api/tickets/node.ts';
import { ticketRoutes } from '../../../api/tickets/routes.ts';

// Opened as api/server.ts opens it; the log lines are not needed here.
const tickets = openTicketIntake({ config: parseTicketsConfig(process.env), logger: { write: () => {} } });
const app = new Hono().route('/api/v1', ticketRoutes(tickets.routes));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
