/**
 * Two API instances (two servers on 127.0.0.1, each with its own pool, queue and ticket store) against one
 * PostgreSQL, as behind a load balancer without sticky sessions: every session's events and tickets are spread
 * over both instances, all sessions run concurrently, and both instances must then report the same funnel with
 * every session counted exactly once.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { InsightsReport } from '../../api/insights/report.ts';
import { openPostgresStorage } from '../../api/storage/node.ts';
import { serveWithEvents } from './helpers/events-server.ts';
import { postgresUnavailable, startPostgres, type PostgresCluster } from './helpers/postgres.ts';

const TOKEN = 'instances-admin-token-0123456789';
const MIN = 60_000;
const SESSIONS_PER_KIND = 12;

async function startInstance(databaseUrl: string) {
  const storage = await openPostgresStorage({ databaseUrl, referencePrefix: 'TZ' });
  return serveWithEvents(storage, { adminToken: TOKEN, queue: { batchSize: 25, flushMs: 50 } });
}

type Instance = Awaited<ReturnType<typeof startInstance>>;
const KINDS = ['confirmed', 'probable', 'informedButFiled', 'ignored', 'gap', 'noAction'] as const;

async function post(url: string, body: unknown, expected: number) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(expected);
  return res.json() as Promise<Record<string, string>>;
}

/** One session whose requests alternate between the two instances, starting with `first`. */
async function playSession(instances: [Instance, Instance], kind: (typeof KINDS)[number], index: number, start: number) {
  const sessionId = `instances-session-${String(index).padStart(5, '0')}`;
  let turn = index % 2;
  const next = () => instances[turn++ % 2]!.url;
  const send = (event: Record<string, unknown>) => post(`${next()}/api/v1/events`, { sessionId, sentAt: Date.now(), locale: 'fa', events: [event] }, 202);
  const shown = { type: 'suggestion_shown', surface: 'contact', locale: 'fa', query: `مودم قرمز ${index}`, results: [{ id: 'fa/modem-red-light', rank: 1 }] };
  const open = { type: 'suggestion_opened', id: 'fa/modem-red-light', rank: 1 };
  const ticket = async (minute: number, opened: string[]) => {
    const created = await post(`${next()}/api/v1/tickets`, { subject: 'مودم قرمز است', description: 'چراغ مودم از صبح قرمز است.', email: `c${index}@example.net`, locale: 'fa' }, 201);
    await send({ type: 'ticket_submitted', at: start + minute * MIN, ticketId: created.id, reference: created.reference, shown: kind === 'gap' ? [] : ['fa/modem-red-light'], opened });
  };
  if (kind !== 'gap') await send({ ...shown, at: start });
  switch (kind) {
    case 'confirmed':
      await send({ ...open, at: start + MIN });
      await send({ type: 'answer_feedback', id: 'fa/modem-red-light', verdict: 'solved', at: start + 2 * MIN });
      break;
    case 'probable':
      await send({ ...open, at: start + MIN });
      break;
    case 'informedButFiled':
      await send({ ...open, at: start + MIN });
      await ticket(5, ['fa/modem-red-light']);
      break;
    case 'ignored':
      await ticket(3, []);
      break;
    case 'gap':
      await send({ type: 'search_no_results', query: 'فیبر قم', locale: 'fa', at: start });
      await ticket(2, []);
      break;
    case 'noAction':
      break;
  }
}

describe.skipIf(Boolean(postgresUnavailable))('two API instances on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let instances: [Instance, Instance];
  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase();
    // Both start at once: the migrations run once, under the advisory lock.
    instances = (await Promise.all([startInstance(url), startInstance(url)])) as [Instance, Instance];
  });
  afterAll(async () => {
    for (const instance of instances ?? []) await instance.close();
    await cluster?.stop();
  });

  test('count every session exactly once, whichever instance stored its events', async () => {
    const start = Date.now() - 3 * 60 * MIN;
    const plays = Array.from({ length: SESSIONS_PER_KIND * KINDS.length }, (_, i) => playSession(instances, KINDS[i % KINDS.length]!, i, start + (i % 60) * 1000));
    await Promise.all(plays);
    await Promise.all(instances.map((instance) => instance.queue.flush()));
    const counters = instances.map((instance) => instance.queue.counters());
    expect(counters.every((c) => c.written > 0 && c.droppedStorage === 0 && c.droppedOverflow === 0)).toBe(true);

    const reports = await Promise.all(
      instances.map(async (instance) => {
        const res = await fetch(`${instance.url}/api/v1/admin/insights?from=${new Date(start - MIN).toISOString()}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(200);
        return (await res.json()) as InsightsReport;
      }),
    );
    const n = SESSIONS_PER_KIND;
    const expected = { sessions: 6 * n, withSuggestions: 5 * n, confirmed: n, probable: n, informedButFiled: n, ignored: n, pending: 0, noAction: n, gap: n, tickets: 3 * n, deflectionRate: 0.4, selfServiceScore: 2 };
    console.log(`two instances: ${JSON.stringify(reports[0]!.funnel.total)}; events written ${counters.map((c) => c.written).join(' + ')}`);
    expect(reports[0]!.funnel.total).toEqual(expected);
    expect(reports[1]!.funnel).toEqual(reports[0]!.funnel);
  });
});
