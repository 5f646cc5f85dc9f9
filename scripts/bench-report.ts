/**
 * `npm run bench:report`: what an insights report over a busy range costs the server. Seeds a scratch SQLite
 * database with generated sessions (about ten events each, a ticket every tenth session) spread over the range, then
 * runs `loadReport` over the whole range in a fresh process and prints its time, the longest the event loop waited
 * meanwhile (what a suggestion request arriving during the report would wait), and the process's peak RSS.
 *
 *   npm run bench:report -- [--sessions 100000] [--days 90] [--script-events 0]
 *
 * --script-events N adds one more session: a script posting N events under one session id through the range, which a
 * report reads only the first REPORT_READS.eventsPerSession of.
 *
 * Nothing outside the scratch folder is touched; it is deleted afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { StoredEvent } from '../api/events/schemas.ts';
import { openSqliteEventStore } from '../api/events/sqlite-store.ts';
import { loadReport } from '../api/insights/routes.ts';
import { openSqliteTicketStore } from '../api/tickets/sqlite-store.ts';
import { runCli, UsageError } from '../search-index/cli.ts';

const USAGE =
  'usage: npm run bench:report -- [--sessions N (1000 to 1000000, default 100000)] [--days D (1 to 366, default 90)] [--script-events E (0 to 5000000, default 0)]';
const DAY_MS = 86_400_000;
const END = Date.parse('2026-11-22T00:00:00.000Z');
const ARTICLES = ['fa/modem-red-light', 'fa/slow-internet', 'fa/reset-password', 'en/slow-internet'];
const WORDS = ['مودم', 'چراغ', 'قرمز', 'اینترنت', 'کند', 'رمز', 'عبور', 'قبض', 'فیبر', 'router', 'wifi', 'password'];

interface Measured {
  sessions: number;
  ms: number;
  maxWaitMs: number;
  peakRssMB: number;
}

function options(argv: string[]): { sessions: number; days: number; scriptEvents: number } {
  const { values } = parseArgs({
    args: argv,
    options: { sessions: { type: 'string', default: '100000' }, days: { type: 'string', default: '90' }, 'script-events': { type: 'string', default: '0' } },
  });
  const integer = (name: 'sessions' | 'days' | 'script-events', min: number, max: number) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} expected an integer from ${min} to ${max}`);
    return value;
  };
  return { sessions: integer('sessions', 1000, 1_000_000), days: integer('days', 1, 366), scriptEvents: integer('script-events', 0, 5_000_000) };
}

/** Sessions of a customer typing a problem: suggestions shown as they type, one opened, feedback, sometimes a ticket. */
async function seed(dataDir: string, sessions: number, from: number, scriptEvents: number): Promise<number> {
  const tickets = openSqliteTicketStore({ dataDir, referencePrefix: 'TZ' });
  const events = openSqliteEventStore({ dataDir });
  let batch: StoredEvent[] = [];
  let written = 0;
  /** Events are written 5,000 at a time. */
  const add = async (event: StoredEvent) => {
    batch.push(event);
    if (batch.length < 5000) return;
    await events.insert(batch);
    written += batch.length;
    batch = [];
  };
  try {
    for (let i = 0; i < sessions; i++) {
      const sessionId = `bench-session-${String(i).padStart(8, '0')}`;
      const start = from + Math.floor(((END - from) * i) / sessions);
      const terms = [WORDS[i % 12]!, WORDS[(i * 7) % 12]!, WORDS[(i * 5) % 12]!];
      const id = ARTICLES[i % ARTICLES.length]!;
      const event = (step: number, data: StoredEvent['data']): StoredEvent => ({ sessionId, at: start + step * 30_000, receivedAt: start + step * 30_000, locale: 'fa', data });
      for (let step = 0; step < 7; step++) {
        const typed = terms.slice(0, 1 + (step % 3));
        await add(event(step, { type: 'suggestion_shown', surface: 'contact', query: typed.join(' '), terms: typed, results: [{ id, rank: 1 }] }));
      }
      if (i % 3 === 0) await add(event(7, { type: 'search_no_results', query: `نامعلوم ${i % 500}`, terms: ['نامعلوم', String(i % 500)] }));
      await add(event(8, { type: 'suggestion_opened', id, rank: 1 }));
      await add(event(9, { type: 'answer_feedback', id, verdict: i % 4 === 0 ? 'not_needed' : 'solved' }));
      if (i % 10 === 0) {
        const subject = `مشکل ${terms.join(' ')}`;
        const input = { subject, description: 'جزئیات مشکل اینجا نوشته شده است. '.repeat(10), email: 'customer@example.com', locale: 'fa' as const };
        const { ticket } = await tickets.create({ ...input, category: null, suggestionsShown: [id], suggestionOpened: id, idempotencyKey: null }, start + 300_000);
        await add(event(10, { type: 'ticket_submitted', ticketId: ticket.id, reference: ticket.reference, shown: [id], opened: [id] }));
      }
    }
    // A script's session: the same event over and over under one id, from the first minute of the range on.
    const query = WORDS.slice(0, 3).join(' ');
    for (let n = 0; n < scriptEvents; n++) {
      const at = from + 60_000 + Math.floor(((END - from - 120_000) * n) / scriptEvents);
      await add({ sessionId: 'bench-script-session', at, receivedAt: at, locale: 'fa', data: { type: 'suggestion_shown', surface: 'widget', query, terms: WORDS.slice(0, 3), results: [{ id: ARTICLES[0]!, rank: 1 }] } });
    }
    await events.insert(batch);
    return written + batch.length;
  } finally {
    await events.close();
    await tickets.close();
  }
}

/** In the child process: one report over [from, END), with a 1 ms timer watching how long the event loop is held. */
async function measure(dataDir: string, from: number): Promise<Measured> {
  const store = openSqliteEventStore({ dataDir });
  let last = performance.now();
  let maxWaitMs = 0;
  const watch = setInterval(() => {
    const now = performance.now();
    maxWaitMs = Math.max(maxWaitMs, now - last);
    last = now;
  }, 1);
  try {
    const started = performance.now();
    const report = await loadReport(
      { store, catalog: () => [], config: { adminToken: null, deflectionWindowMinutes: 30, staleAfterDays: 365 } },
      { from, to: END, now: END },
    );
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { sessions: report.funnel.total.sessions, ms, maxWaitMs, peakRssMB: process.resourceUsage().maxRSS / 1024 };
  } finally {
    clearInterval(watch);
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--measure') {
    console.log(JSON.stringify(await measure(argv[1]!, Number(argv[2]))));
    return;
  }
  const { sessions, days, scriptEvents } = options(argv);
  const from = END - days * DAY_MS;
  const dataDir = mkdtempSync(join(tmpdir(), 'rahnama-bench-report-'));
  try {
    const seeding = performance.now();
    const events = await seed(dataDir, sessions, from, scriptEvents);
    const script = scriptEvents > 0 ? ` (one of them a script's session with ${scriptEvents} events)` : '';
    const expected = sessions + (scriptEvents > 0 ? 1 : 0);
    console.log(`bench-report: ${expected} sessions${script}, ${events} events over ${days} days, seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const stdout = await new Promise<string>((resolveRun, reject) => {
      execFile(process.execPath, [import.meta.filename, '--measure', dataDir, String(from)], { maxBuffer: 1 << 20 }, (error, out) => (error ? reject(error) : resolveRun(out)));
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured;
    console.log(`report over ${result.sessions} sessions: ${(result.ms / 1000).toFixed(2)} s, longest event-loop wait ${Math.round(result.maxWaitMs)} ms, peak RSS ${Math.round(result.peakRssMB)} MB`);
    if (result.sessions !== expected) {
      console.error(`bench-report: the report counted ${result.sessions} sessions, not ${expected}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await runCli('bench-report', USAGE, () => main(process.argv.slice(2)));
