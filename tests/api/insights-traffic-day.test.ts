/**
 * The scripted day (scripts/traffic-day.ts) against a real server on 127.0.0.1, once over SQLite and once over
 * PostgreSQL: the script plays its sessions through HTTP and must find exactly its funnel in GET /admin/insights.
 * Then a dump of the database (the SQLite files' bytes and every text value; pg_dump and every text value) must
 * contain none of the personal data the scripted queries carried.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStorage, type Storage } from '../../api/storage/node.ts';
import { DATABASE_FILE } from '../../api/tickets/sqlite-store.ts';
import { PERSONAL_DATA, type DayResult } from '../../scripts/traffic-day.ts';
import { serveWithEvents } from './helpers/events-server.ts';
import { dumpDatabase, postgresUnavailable, selectAllText, startPostgres, type PostgresCluster } from './helpers/postgres.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TOKEN = 'traffic-day-admin-token-0123456789';

/** The API as api/server.ts serves it (events and insights mounted), on 127.0.0.1. */
const startServer = (storage: Storage, options: { eventsDown?: boolean } = {}) =>
  serveWithEvents(storage, { adminToken: TOKEN, eventsDown: options.eventsDown });

/** Runs the script as `npm run traffic:day` would, in a child process. */
function runScript(url: string, args: string[] = ['--json']): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/traffic-day.ts'), url, ...args], { env: { ...process.env, RAHNAMA_ADMIN_TOKEN: TOKEN } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const EXPECTED_TOTAL = { sessions: 22, withSuggestions: 17, confirmed: 5, probable: 4, informedButFiled: 3, ignored: 3, noAction: 2, gap: 3, tickets: 10 };
const EXPECTED_FA = { sessions: 14, withSuggestions: 11, confirmed: 3, probable: 3, informedButFiled: 2, ignored: 2, noAction: 1, gap: 2, tickets: 7 };

function checkResult(run: { code: number | null; stdout: string; stderr: string }, label: string): DayResult {
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as DayResult;
  console.log(`${label}: scripted day ${JSON.stringify(result.reported.total)}; fa ${JSON.stringify(result.reported.fa)}; days ${Object.keys(result.reported.days).join(', ')}`);
  expect(result.ok).toBe(true);
  expect(run.code).toBe(0);
  expect(result.expected.total).toEqual(EXPECTED_TOTAL);
  expect(result.reported.total).toEqual(EXPECTED_TOTAL);
  expect(result.reported.fa).toEqual(EXPECTED_FA);
  expect(result.reported.days).toEqual(result.expected.days);
  return result;
}

/** The personal data, and the same digits in ASCII and without spaces, as they could have been stored. */
function forbidden(): string[] {
  const ascii = (text: string) => text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return [...new Set(PERSONAL_DATA.flatMap((secret) => [secret, ascii(secret), ascii(secret).replace(/[\s+]/g, '')]))];
}

describe('the scripted day over SQLite', () => {
  let dataDir: string;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the report shows exactly the scripted funnel, and no personal data reaches the database', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rahnama-day-'));
    const server = await startServer(await openStorage({ dataDir, referencePrefix: 'TZ' }));
    let run;
    try {
      run = await runScript(server.url);
    } finally {
      await server.close();
    }
    checkResult(run, 'SQLite');

    // A dump: every row of every table as text, and the raw bytes of the database file and its WAL.
    const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
    let dump = '';
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['tickets', 'outbox', 'events']));
      for (const { name } of tables) dump += `${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())}\n`;
      expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBeGreaterThan(50);
    } finally {
      db.close();
    }
    const raw = readdirSync(dataDir).map((file) => readFileSync(join(dataDir, file)).toString('utf8')).join('\n');
    for (const secret of forbidden()) {
      expect(dump, secret).not.toContain(secret);
      expect(raw, secret).not.toContain(secret);
    }
    expect(dump).toContain('[phone]');
    expect(dump).toContain('[email]');
    expect(dump).toContain('[card]');
  });
});

describe('the scripted day when the report does not match', () => {
  test('exits 1 and prints the mismatch (events dropped while the database is down)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rahnama-day-'));
    const server = await startServer(await openStorage({ dataDir, referencePrefix: 'TZ' }), { eventsDown: true });
    let run;
    try {
      run = await runScript(server.url, ['--settle', '1000']);
      expect(server.queue.counters().droppedStorage).toBeGreaterThan(50);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^all\s+confirmed\s+5\s+0\s+MISMATCH$/m);
    expect(run.stdout).toMatch(/^all\s+tickets\s+10\s+10\s+ok$/m);
    expect(run.stdout).toContain('traffic-day: MISMATCH between the scripted day and the report');
  });

  test('exits 2 with usage when no server URL is given', async () => {
    const run = await runScript('', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run traffic:day -- <server url>');
  });
});

describe.skipIf(Boolean(postgresUnavailable))('the scripted day over PostgreSQL', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  test('the report shows exactly the scripted funnel, and no personal data reaches the database', async () => {
    const url = await cluster.createDatabase();
    const server = await startServer(await openStorage({ databaseUrl: url, dataDir: '/nonexistent', referencePrefix: 'TZ' }));
    let run;
    try {
      run = await runScript(server.url);
    } finally {
      await server.close();
    }
    checkResult(run, 'PostgreSQL');
    const dump = (cluster.pgDump ? dumpDatabase(cluster, url) : '') + (await selectAllText(url));
    expect(dump).toContain('events');
    for (const secret of forbidden()) expect(dump, secret).not.toContain(secret);
    expect(dump).toContain('[phone]');
  });
});
