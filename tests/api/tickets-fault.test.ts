/**
 * Fault test: every ticket acknowledged with 201 survives a SIGKILL of the server in the middle of a burst.
 *
 * A child process serves the ticket routes; a bounded burst of concurrent POSTs runs against it; once a third of them
 * have been acknowledged the child is killed with SIGKILL (no shutdown hooks, no flushing). A restarted server must
 * then list every acknowledged ticket, and the SQLite file must pass its integrity check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { DATABASE_FILE } from '../../api/tickets/sqlite-store.ts';

const SERVER = fileURLToPath(new URL('./helpers/ticket-server.ts', import.meta.url));
const ADMIN_TOKEN = 'fault-test-admin-token-42';
/** The burst: this many tickets, this many in flight at once. */
const TOTAL = 300;
const CONCURRENCY = 32;
/** Kill once this many tickets have been acknowledged, so the kill lands mid-burst. */
const KILL_AFTER = Math.floor(TOTAL / 3);

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, RAHNAMA_DATA_DIR: dataDir, RAHNAMA_ADMIN_TOKEN: ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ticket server exited early with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return { child, base: `http://127.0.0.1:${port}/api/v1` };
}

function ticket(i: number) {
  return {
    subject: `Burst ticket ${i}`,
    description: `مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه (${i})`,
    email: `customer${i}@example.com`,
    locale: i % 2 === 0 ? 'fa' : 'en',
    idempotencyKey: `burst-${i}-key`,
  };
}

test('every ticket acknowledged with 201 is in the database after a SIGKILL mid-burst', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rahnama-fault-'));
  dirs.push(dataDir);
  const { child, base } = await startServer(dataDir);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

  const acknowledged = new Map<string, string>(); // id -> reference
  let started = 0;
  let settled = 0;
  let failed = 0;
  let inFlightAtKill = -1;
  let sentBeforeKill = 0;
  let next = 0;

  async function worker(): Promise<void> {
    while (next < TOTAL) {
      const i = next++;
      started += 1;
      try {
        const response = await fetch(`${base}/tickets`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(ticket(i)),
        });
        if (response.status === 201) {
          const body = (await response.json()) as { id: string; reference: string };
          acknowledged.set(body.id, body.reference);
          if (acknowledged.size === KILL_AFTER && inFlightAtKill < 0) {
            inFlightAtKill = started - settled - 1;
            sentBeforeKill = started;
            child.kill('SIGKILL');
          }
        } else {
          failed += 1;
        }
      } catch {
        // Connection reset or refused: the server is gone, the ticket was not acknowledged.
        failed += 1;
      } finally {
        settled += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(await exited).toBe('SIGKILL');

  // Restart: a new server process on the same data directory.
  const restarted = await startServer(dataDir);
  const stored = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const response = await fetch(`${restarted.base}/admin/tickets?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { tickets: Array<{ id: string; reference: string }>; nextCursor: string | null };
    for (const { id, reference } of page.tickets) stored.set(id, reference);
    cursor = page.nextCursor;
  } while (cursor !== null);
  restarted.child.kill('SIGTERM');

  const missing = [...acknowledged].filter(([id, reference]) => stored.get(id) !== reference);
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
  const integrity = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
  const outboxRows = (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  db.close();

  console.log(
    `fault test: ${TOTAL} tickets, ${sentBeforeKill} sent before the kill, acknowledged ${acknowledged.size}, in flight at the kill ${inFlightAtKill}, ` +
      `failed or cut off ${failed}, found after restart ${acknowledged.size - missing.length} of ${acknowledged.size} acknowledged ` +
      `(${stored.size} rows: ${stored.size - acknowledged.size} committed but unacknowledged)`,
  );

  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(acknowledged.size).toBeLessThan(TOTAL);
  expect(inFlightAtKill).toBeGreaterThan(0);
  expect(missing).toEqual([]);
  expect(integrity.integrity_check).toBe('ok');
  // Ticket and outbox row are written in one transaction: never one without the other.
  expect(outboxRows).toBe(stored.size);
}, 60_000);
