/**
 * GET /admin/insights and the CSV export over the real SQLite stores: events posted through POST /events, tickets
 * through POST /tickets, and the report's funnel, gaps, rankings and stale list checked exactly. Also the admin
 * auth shared with the ticket routes, the range parameters, and the catalog read from the demo content. The
 * scripted day runs on SQLite and on PostgreSQL (a throwaway cluster, tests/api/helpers/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { EventQueue } from '../../api/events/queue.ts';
import { eventRoutes } from '../../api/events/routes.ts';
import { loadCatalog } from '../../api/insights/catalog.ts';
import { csvCell } from '../../api/insights/csv.ts';
import type { ArticleMeta, InsightsReport } from '../../api/insights/report.ts';
import { insightsRoutes, loadReport, parseRange, REPORT_READS } from '../../api/insights/routes.ts';
import { ticketRoutes } from '../../api/tickets/routes.ts';
import { openStorage, type Storage } from '../../api/storage/node.ts';
import { postJson } from './helpers.ts';
import { postgresUnavailable, startPostgres, type PostgresCluster } from './helpers/postgres.ts';

const TOKEN = 'insights-admin-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const MIN = 60_000;
const START = Date.parse('2026-11-21T08:00:00.000Z');
const NOW = Date.parse('2026-11-22T12:00:00.000Z');

const CATALOG: ArticleMeta[] = [
  { id: 'fa/modem-red-light', locale: 'fa', kind: 'article', title: 'چراغ اینترنت مودم قرمز شده', updated: '2026-10-12', reviewBy: '2027-04-12' },
  { id: 'fa/slow-internet', locale: 'fa', kind: 'article', title: 'اینترنت کند است', updated: '2025-06-01', reviewBy: '2027-01-01' },
  { id: 'en/slow-internet', locale: 'en', kind: 'article', title: 'Internet is slow', updated: '2026-09-01', reviewBy: '2026-11-01' },
  { id: 'en/run-a-speed-test', locale: 'en', kind: 'video', title: 'Run a proper speed test', updated: '2026-09-01', reviewBy: '2027-09-01' },
];

const dirs: string[] = [];
const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const store of closers.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let cluster: PostgresCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

/** Storage over a new database: a SQLite file in a temp folder, or a new PostgreSQL database. */
async function newStorage(backend: Backend): Promise<Storage> {
  if (backend === 'PostgreSQL') {
    cluster ??= await startPostgres();
    return openStorage({ databaseUrl: await cluster.createDatabase(), dataDir: '/nonexistent', referencePrefix: 'TZ' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'rahnama-insights-'));
  dirs.push(dataDir);
  return openStorage({ dataDir, referencePrefix: 'TZ' });
}

async function setup(options: { adminToken?: string | null; backend?: Backend } = {}) {
  const { tickets, events } = await newStorage(options.backend ?? 'SQLite');
  closers.push(events, tickets);
  const queue = new EventQueue({ store: events });
  let now = START;
  const clock = { now: () => now };
  const adminToken = options.adminToken === undefined ? TOKEN : options.adminToken;
  const app = new Hono()
    .route('/api/v1', eventRoutes({ queue, clock }))
    .route('/api/v1', ticketRoutes({ store: tickets, config: { adminToken }, clock }))
    .route('/api/v1', insightsRoutes({ store: events, catalog: () => CATALOG, config: { adminToken, deflectionWindowMinutes: 30, staleAfterDays: 365 }, clock }));
  return { app, queue, events, setNow: (time: number) => void (now = time) };
}

type Backend = 'SQLite' | 'PostgreSQL';
type App = Awaited<ReturnType<typeof setup>>;
let sessions = 0;

/** Plays one session: `steps` are [minute, event] from `start`; a "ticket" step files a real ticket first. */
async function play(t: App, start: number, steps: Array<[number, Record<string, unknown>]>, locale: 'fa' | 'en' = 'fa') {
  const sessionId = `scripted-session-${String(++sessions).padStart(4, '0')}`;
  for (const [minute, event] of steps) {
    t.setNow(start + minute * MIN);
    let body = event;
    if (event.type === 'ticket') {
      const res = await t.app.request(
        '/api/v1/tickets',
        postJson({ subject: event.subject, description: 'The details of the problem are here.', email: 'customer@example.com', locale }),
      );
      expect(res.status).toBe(201);
      const { id, reference } = (await res.json()) as { id: string; reference: string };
      body = { type: 'ticket_submitted', ticketId: id, reference, shown: event.shown ?? [], opened: event.opened ?? [] };
    }
    expect((await t.app.request('/api/v1/events', postJson({ sessionId, locale, events: [body] }))).status).toBe(202);
  }
}

const shown = (query: string, ids: string[], surface = 'contact') => ({ type: 'suggestion_shown', surface, locale: 'fa', query, results: ids.map((id, i) => ({ id, rank: i + 1 })) });
const opened = (id: string) => ({ type: 'suggestion_opened', id, rank: 1 });
const solved = (id: string) => ({ type: 'answer_feedback', id, verdict: 'solved' });
const notNeeded = (id: string) => ({ type: 'answer_feedback', id, verdict: 'not_needed' });

async function report(t: App, query = 'from=2026-11-21&to=2026-11-22'): Promise<InsightsReport> {
  t.setNow(NOW);
  await t.queue.flush();
  const res = await t.app.request(`/api/v1/admin/insights?${query}`, { headers: AUTH });
  expect(res.status).toBe(200);
  return (await res.json()) as InsightsReport;
}

async function scriptedDay(t: App) {
  await play(t, START, [[0, shown('مودمم چراغ قرمز میزنه', ['fa/modem-red-light'])], [1, opened('fa/modem-red-light')], [3, solved('fa/modem-red-light')]]);
  await play(t, START + 60 * MIN, [[0, shown('اینترنت خیلی کنده', ['fa/slow-internet'])], [2, opened('fa/slow-internet')]]);
  await play(t, START + 120 * MIN, [
    [0, shown('اینترنت کند شماره من ۰۹۱۲۳۴۵۶۷۸۹', ['fa/slow-internet'])],
    [1, opened('fa/slow-internet')],
    [2, notNeeded('fa/slow-internet')],
    [6, { type: 'ticket', subject: 'اینترنت کند است', shown: ['fa/slow-internet'], opened: ['fa/slow-internet'] }],
  ]);
  await play(t, START + 180 * MIN, [[0, shown('مودم قرمز', ['fa/modem-red-light'])], [4, { type: 'ticket', subject: 'مودم قرمز', shown: ['fa/modem-red-light'] }]]);
  await play(t, START + 240 * MIN, [[0, { type: 'search_no_results', query: 'فیبر در قم ali@example.com', locale: 'fa' }], [3, { type: 'ticket', subject: 'فیبر نوری در قم' }]]);
  await play(t, START + 300 * MIN, [[0, { type: 'search_no_results', query: 'فیبر قم', locale: 'fa' }]]);
  await play(t, START + 360 * MIN, [
    [0, { type: 'article_vote', id: 'en/slow-internet', helpful: false, reason: 'No steps for the V2 modem, call 0912 345 6789' }],
    [1, { type: 'article_vote', id: 'en/slow-internet', helpful: true }],
    [2, { type: 'article_vote', id: 'en/slow-internet', helpful: false }],
  ], 'en');
}

const BACKENDS: Backend[] = postgresUnavailable ? ['SQLite'] : ['SQLite', 'PostgreSQL'];
if (postgresUnavailable) console.warn(postgresUnavailable);

describe.each(BACKENDS)('GET /admin/insights over a scripted day (%s)', (backend) => {
  test('the funnel counts every session in its bucket, per day', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    const { funnel } = await report(t);
    expect(funnel.total).toEqual({
      sessions: 7,
      withSuggestions: 4,
      confirmed: 1,
      probable: 1,
      informedButFiled: 1,
      ignored: 1,
      pending: 0,
      noAction: 0,
      gap: 1,
      tickets: 3,
      deflectionRate: 0.5,
      selfServiceScore: 7 / 3,
    });
    expect(funnel.days.map((d) => d.day)).toEqual(['2026-11-21']);
  });

  test('content gaps group queries and gap tickets by their terms, with redacted examples', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    const { gaps } = await report(t);
    const json = JSON.stringify(gaps);
    expect(json).not.toContain('ali@example.com');
    expect(json).not.toContain('۰۹۱۲۳۴۵۶۷۸۹');
    const qom = gaps.find((gap) => gap.noResults === 2);
    expect(qom).toMatchObject({ count: 2, noResults: 2, weak: 0, gapTickets: 0 });
    expect(qom!.examples).toEqual(['فیبر در قم [email]', 'فیبر قم']);
    expect(gaps.filter((gap) => gap.weak > 0).map((gap) => gap.examples[0]).sort()).toEqual(['اینترنت کند شماره من [phone]', 'مودم قرمز']);
    expect(gaps.filter((gap) => gap.gapTickets > 0).map((gap) => gap.examples)).toEqual([['فیبر نوری در قم']]);
  });

  test('articles ranked by deflections, by "not what I need" and by helpfulness; stale articles', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    const result = await report(t);
    expect(result.articles.deflections).toEqual([
      { id: 'fa/modem-red-light', title: 'چراغ اینترنت مودم قرمز شده', count: 1 },
      { id: 'fa/slow-internet', title: 'اینترنت کند است', count: 1 },
    ]);
    expect(result.articles.notNeeded).toEqual([{ id: 'fa/slow-internet', title: 'اینترنت کند است', count: 1 }]);
    expect(result.articles.helpfulness).toEqual([
      { id: 'en/slow-internet', title: 'Internet is slow', helpful: 1, notHelpful: 2, share: 1 / 3, reasons: ['No steps for the V2 modem, call [phone]'] },
    ]);
    expect(result.stale.map((row) => [row.id, row.reasons])).toEqual([
      ['en/slow-internet', ['review_due']],
      ['fa/slow-internet', ['not_updated']],
    ]);
  });

  test('locale=en keeps English sessions and articles only', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    const result = await report(t, 'from=2026-11-21&to=2026-11-22&locale=en');
    expect(result.locale).toBe('en');
    expect(result.funnel.total).toMatchObject({ sessions: 1, withSuggestions: 0, tickets: 0, deflectionRate: null, selfServiceScore: null });
    expect(result.articles.deflections).toEqual([]);
    expect(result.stale.map((row) => row.id)).toEqual(['en/slow-internet']);
  });

  test('a range that ends before the day has no sessions', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    expect((await report(t, 'from=2026-11-19&to=2026-11-20')).funnel.total.sessions).toBe(0);
  });

  test('reads the range a slice and a batch at a time: the same report whatever the sizes, with turns for other work', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    await t.queue.flush();
    const slices: number[] = [];
    const batches: number[] = [];
    const caps = new Set<number>();
    const store = {
      sessionsStartingIn: (range: { from: number; to: number }) => (slices.push(range.to - range.from), t.events.sessionsStartingIn(range)),
      sessionEvents: (ids: readonly string[], options: { perSession: number }) => (batches.push(ids.length), caps.add(options.perSession), t.events.sessionEvents(ids, options)),
      ticketsByKey: t.events.ticketsByKey.bind(t.events),
      ticketsCreatedIn: t.events.ticketsCreatedIn.bind(t.events),
    };
    const deps = { store, catalog: () => CATALOG, config: { adminToken: TOKEN, deflectionWindowMinutes: 30, staleAfterDays: 365 } };
    const options = { ...parseRange({ from: '2026-11-21', to: '2026-11-22' }, NOW), now: NOW };
    const whole = await loadReport(deps, options, { sliceMs: options.to - options.from, sessionsPerBatch: 100, eventsPerSession: 1000, turnAfterMs: 10 });
    expect([slices, batches]).toEqual([[2 * 24 * 60 * MIN], [7]]);
    expect(whole.funnel.total.sessions).toBe(7);
    slices.length = 0;
    batches.length = 0;
    let turns = 0;
    const other = setInterval(() => turns++, 0);
    try {
      expect(await loadReport(deps, options, { sliceMs: 3 * 60 * MIN, sessionsPerBatch: 2, eventsPerSession: 1000, turnAfterMs: 0 })).toEqual(whole);
    } finally {
      clearInterval(other);
    }
    // 16 slices of 3 hours. The 7 sessions start hourly from 08:00 UTC: one in the slice from 06:00, three in each of
    // the slices from 09:00 and 12:00, read two at a time.
    expect(slices).toEqual(Array(16).fill(3 * 60 * MIN));
    expect(batches).toEqual([1, 2, 1, 2, 1]);
    // On SQLite every read is synchronous: without a turn between batches the timer could not run at all.
    expect(turns).toBeGreaterThanOrEqual(1);
    expect(await loadReport(deps, options)).toEqual(whole);
    expect(REPORT_READS.sessionsPerBatch).toBeGreaterThan(1);
    // Every read asked for at most the cap of events a session; the scripted sessions are far below it.
    expect([...caps]).toEqual([1000]);
    expect(REPORT_READS.eventsPerSession).toBe(1000);
  });

  test('the CSV export has the same numbers, as an attachment', async () => {
    const t = await setup({ backend });
    await scriptedDay(t);
    await t.queue.flush();
    t.setNow(NOW);
    for (const url of ['/api/v1/admin/insights.csv?from=2026-11-21&to=2026-11-22', '/api/v1/admin/insights?from=2026-11-21&to=2026-11-22&format=csv']) {
      const res = await t.app.request(url, { headers: AUTH });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="rahnama-insights-2026-11-21-2026-11-22.csv"');
      const lines = (await res.text()).split('\r\n');
      expect(lines[0]).toBe('section,day,id,title,terms,metric,value');
      expect(lines).toContain('funnel,total,,,,sessions,7');
      expect(lines).toContain('funnel,2026-11-21,,,,confirmed,1');
      expect(lines).toContain('funnel,total,,,,deflectionRate,0.5');
      expect(lines).toContain('deflections,,fa/modem-red-light,چراغ اینترنت مودم قرمز شده,,count,1');
      expect(lines).toContain('stale,,fa/slow-internet,اینترنت کند است,,not_updated,2027-01-01');
    }
  });

  test('CSV cells are quoted and cannot start a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});

describe('admin auth and parameters', () => {
  test('401 without the token or with a wrong one, as the ticket admin routes', async () => {
    const t = await setup();
    for (const headers of [{}, { Authorization: 'Bearer wrong-token-0123456789' }] as Array<Record<string, string>>) {
      for (const path of ['/api/v1/admin/insights', '/api/v1/admin/insights.csv']) {
        const res = await t.app.request(path, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="rahnama-admin"');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      }
    }
  });

  test('404 when no admin token is configured', async () => {
    const t = await setup({ adminToken: null });
    expect((await t.app.request('/api/v1/admin/insights', { headers: AUTH })).status).toBe(404);
  });

  const bad: Array<[string, string]> = [
    ['from=yesterday', 'from'],
    ['to=2026-13-45', 'to'],
    ['locale=de', 'locale'],
    ['format=xml', 'format'],
    ['tz=Mars/Olympus_Mons', 'tz'],
    ['tz=;DROP', 'tz'],
    ['from=2026-11-22&to=2026-11-21', 'from'],
    ['from=2024-01-01&to=2026-11-21', 'from'],
  ];
  for (const [query, field] of bad) {
    test(`400 naming "${field}" for ${query}`, async () => {
      const t = await setup();
      const res = await t.app.request(`/api/v1/admin/insights?${query}`, { headers: AUTH });
      expect(res.status).toBe(400);
      expect(Object.keys(((await res.json()) as { error: { fields: object } }).error.fields)).toEqual([field]);
    });
  }

  test('tz counts days and date-only ranges in that zone', async () => {
    const t = await setup();
    // 21:00 UTC on the 21st is 00:30 on the 22nd in Tehran.
    await play(t, Date.parse('2026-11-21T21:00:00.000Z'), [[0, shown('مودم قرمز', ['fa/modem-red-light'])], [1, solved('fa/modem-red-light')]]);
    const utc = await report(t, 'from=2026-11-21&to=2026-11-22');
    expect(utc.funnel.days.map((d) => [d.day, d.confirmed])).toEqual([['2026-11-21', 1]]);
    const tehran = await report(t, 'from=2026-11-22&to=2026-11-22&tz=Asia/Tehran');
    expect([tehran.from, tehran.to, tehran.timeZone]).toEqual(['2026-11-21T20:30:00.000Z', '2026-11-22T20:30:00.000Z', 'Asia/Tehran']);
    expect(tehran.funnel.days.map((d) => [d.day, d.confirmed])).toEqual([['2026-11-22', 1]]);
    const csv = await t.app.request('/api/v1/admin/insights.csv?from=2026-11-22&to=2026-11-22&tz=Asia/Tehran', { headers: AUTH });
    expect(csv.headers.get('Content-Disposition')).toBe('attachment; filename="rahnama-insights-2026-11-22-2026-11-22.csv"');
  });

  test('defaults to the 30 days before now', async () => {
    const t = await setup();
    const result = await report(t, '');
    expect([result.from, result.to]).toEqual(['2026-10-23T12:00:00.000Z', '2026-11-22T12:00:00.000Z']);
  });
});

describe('the catalog from the demo content', () => {
  test('lists every published article and video guide in both locales with its dates', async () => {
    const catalog = await loadCatalog(resolve(import.meta.dirname, '../../content'));
    const fa = catalog.filter((a) => a.locale === 'fa');
    expect(fa.filter((a) => a.kind === 'article').length).toBeGreaterThanOrEqual(42);
    expect(fa.filter((a) => a.kind === 'video').length).toBeGreaterThanOrEqual(6);
    expect(catalog.filter((a) => a.locale === 'en').length).toBe(fa.length);
    const modem = catalog.find((a) => a.id === 'fa/modem-red-light');
    expect(modem).toMatchObject({ kind: 'article', locale: 'fa', updated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reviewBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(await loadCatalog('/nonexistent')).toEqual([]);
  });
});
