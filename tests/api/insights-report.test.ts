/**
 * `npm run report` (scripts/report.ts): reads the server's database directly (SQLite in RAHNAMA_DATA_DIR, or
 * PostgreSQL with DATABASE_URL) and prints the same numbers as GET /admin/insights, as a table, JSON or CSV.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toStoredEvents } from '../../api/events/normalise.ts';
import type { EventStore } from '../../api/events/store.ts';
import type { InsightsReport } from '../../api/insights/report.ts';
import { openStorage } from '../../api/storage/node.ts';
import type { TicketStore } from '../../api/tickets/store.ts';
import { parseArgs } from '../../scripts/report.ts';
import { postgresUnavailable, startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { sampleTicket } from './helpers/ticket-store-contract.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const HOUR = 3_600_000;

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/report.ts'), ...args], { env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Three sessions two hours ago: one confirmed, one ignored with a ticket, one gap with a ticket. */
async function seed(events: EventStore, tickets: TicketStore) {
  const now = Date.now();
  const start = now - 2 * HOUR;
  const shown = { type: 'suggestion_shown' as const, surface: 'contact' as const, locale: 'fa' as const, query: 'مودم قرمز ۰۹۱۲۳۴۵۶۷۸۹', results: [{ id: 'fa/modem-red-light', rank: 1 }] };
  const ticket1 = (await tickets.create({ ...sampleTicket, locale: 'fa' }, now)).ticket;
  const ticket2 = (await tickets.create({ ...sampleTicket, subject: 'Fiber in Qom' }, now)).ticket;
  const batches = [
    { sessionId: 'report-session-0001', events: [{ ...shown, at: start }, { type: 'answer_feedback' as const, id: 'fa/modem-red-light', verdict: 'solved' as const, at: start + 60_000 }] },
    { sessionId: 'report-session-0002', events: [{ ...shown, at: start }, { type: 'ticket_submitted' as const, ticketId: ticket1.id, shown: ['fa/modem-red-light'], opened: [], at: start + 60_000 }] },
    { sessionId: 'report-session-0003', locale: 'en' as const, events: [{ type: 'ticket_submitted' as const, reference: ticket2.reference, shown: [], opened: [], at: start }] },
  ];
  for (const batch of batches) await events.insert(toStoredEvents(batch, now));
}

function checkReport(stdoutJson: string) {
  const report = JSON.parse(stdoutJson) as InsightsReport;
  expect(report.funnel.total).toMatchObject({ sessions: 3, withSuggestions: 2, confirmed: 1, ignored: 1, gap: 1, tickets: 2, deflectionRate: 0.5, selfServiceScore: 1.5 });
  expect(report.articles.deflections.map((a) => [a.id, a.count])).toEqual([['fa/modem-red-light', 1]]);
  expect(report.gaps.find((g) => g.gapTickets === 1)!.examples).toEqual(['Fiber in Qom']);
  expect(JSON.stringify(report)).not.toContain('۰۹۱۲۳۴۵۶۷۸۹');
  // Titles and the stale list come from the demo content.
  expect(report.articles.deflections[0]!.title).not.toBe('fa/modem-red-light');
}

describe('npm run report over SQLite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rahnama-report-'));
  beforeAll(async () => {
    const storage = await openStorage({ dataDir, referencePrefix: 'TZ' });
    await seed(storage.events, storage.tickets);
    await storage.events.close();
    await storage.tickets.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('--json prints the report of the API', async () => {
    const result = await run(['--json'], { RAHNAMA_DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    checkReport(result.stdout);
  });

  test('the table shows the funnel with its rates, and --locale filters', async () => {
    const text = await run([], { RAHNAMA_DATA_DIR: dataDir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^total\s+3\s+2\s+1\s+0\s+0\s+1\s+0\s+0\s+1\s+2\s+50\.0%\s+1\.50$/m);
    expect(text.stdout).toContain('Deflections by article');
    expect(text.stdout).toMatch(/^fa\/modem-red-light\s+1\s+/m);
    const en = await run(['--locale', 'en', '--json'], { RAHNAMA_DATA_DIR: dataDir });
    expect((JSON.parse(en.stdout) as InsightsReport).funnel.total).toMatchObject({ sessions: 1, gap: 1, tickets: 1 });
  });

  test('--csv prints the CSV export', async () => {
    const csv = await run(['--csv'], { RAHNAMA_DATA_DIR: dataDir });
    expect(csv.stdout.split('\r\n')).toContain('funnel,total,,,,confirmed,1');
  });

  test('bad arguments exit 2 with the usage', async () => {
    const result = await run(['--locale', 'de'], { RAHNAMA_DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('report: --locale expected one of fa, en\nusage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--locale fa|en] [--tz Asia/Tehran] [--json | --csv]\n');
    expect(() => parseArgs(['--from', 'yesterday'])).toThrow('--from expected a date YYYY-MM-DD');
    expect(parseArgs(['--from', '2026-11-01', '--to', '2026-11-22', '--tz', 'asia/tehran', '--csv'])).toEqual({ from: '2026-11-01', to: '2026-11-22', tz: 'Asia/Tehran', format: 'csv' });
    expect(() => parseArgs(['--tz', 'Nowhere/City'])).toThrow('--tz expected an IANA time zone like Asia/Tehran');
  });
});

describe.skipIf(Boolean(postgresUnavailable))('npm run report over PostgreSQL', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  test('with DATABASE_URL it reads PostgreSQL', async () => {
    const url = await cluster.createDatabase();
    const storage = await openStorage({ databaseUrl: url, dataDir: '/nonexistent', referencePrefix: 'TZ' });
    await seed(storage.events, storage.tickets);
    await storage.events.close();
    await storage.tickets.close();
    const result = await run(['--json'], { DATABASE_URL: url, RAHNAMA_DATA_DIR: '/nonexistent' });
    expect(result.stderr).toBe('');
    checkReport(result.stdout);
  });
});
