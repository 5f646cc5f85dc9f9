/**
 * A throwaway PostgreSQL for the tests. With RAHNAMA_TEST_DATABASE_URL set, that server is used (each test gets its
 * own new database in it). Otherwise a cluster is created with the PostgreSQL binaries of this machine (Debian's
 * /usr/lib/postgresql/<version>/bin, or PG_BIN): initdb into a temporary directory (as the `postgres` user when
 * the tests run as root, since the server refuses to run as root), listening on 127.0.0.1 on a free port with a
 * socket in the same directory, trust authentication, stopped and removed after the file's tests.
 * When there are no binaries and no URL, `postgresUnavailable` says why and the suites skip with that message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_ROOT = '/usr/lib/postgresql';

function findBinaries(): string | null {
  const candidates = [process.env.PG_BIN, ...(existsSync(PG_ROOT) ? readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a)).map((v) => join(PG_ROOT, v, 'bin')) : [])];
  return candidates.find((dir): dir is string => Boolean(dir) && existsSync(join(dir!, 'initdb')) && existsSync(join(dir!, 'pg_ctl'))) ?? null;
}

const externalUrl = process.env.RAHNAMA_TEST_DATABASE_URL?.trim() || null;
const binaries = externalUrl ? null : findBinaries();

/** Why PostgreSQL tests cannot run here, or null when they can. */
export const postgresUnavailable: string | null =
  externalUrl || binaries
    ? null
    : `PostgreSQL tests skipped: no PostgreSQL server binaries (initdb, pg_ctl) under ${PG_ROOT}/<version>/bin or PG_BIN, and RAHNAMA_TEST_DATABASE_URL is not set`;

export interface PostgresCluster {
  /** URL of the maintenance database (for CREATE DATABASE). */
  adminUrl: string;
  /** A new, empty database; returns its URL. */
  createDatabase(): Promise<string>;
  /** Path of pg_dump of this cluster's version (null for an external server). */
  pgDump: string | null;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let databases = 0;

function clusterOver(adminUrl: string, pgDump: string | null, stop: () => Promise<void>): PostgresCluster {
  return {
    adminUrl,
    pgDump,
    stop,
    async createDatabase() {
      const name = `rahnama_test_${process.pid}_${Date.now().toString(36)}_${++databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

/** Starts (or connects to) PostgreSQL; call stop() in afterAll. Throws when postgresUnavailable is set. */
export async function startPostgres(): Promise<PostgresCluster> {
  if (externalUrl) return clusterOver(externalUrl, null, async () => {});
  if (!binaries) throw new Error(postgresUnavailable!);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'rahnama-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const run = (binary: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(binaries, binary);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', join(binaries, binary), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`tests/postgres: ${binary} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', dataDir, '--username=rahnama', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=16MB`;
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  return clusterOver(`postgres://rahnama@127.0.0.1:${port}/postgres`, join(binaries, 'pg_dump'), async () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Runs pg_dump (data and schema, plain SQL) of a database; as the postgres user when root, like the server. */
export function dumpDatabase(cluster: PostgresCluster, url: string): string {
  if (!cluster.pgDump) throw new Error('tests/postgres: no pg_dump for an external server; use selectAllText');
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : cluster.pgDump;
  const args = asRoot ? ['-u', 'postgres', '--', cluster.pgDump, '--dbname', url] : ['--dbname', url];
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tests/postgres: pg_dump failed: ${result.stderr}`);
  return result.stdout;
}

/** Every text and JSON value of every table of the public schema, one per line: a dump that needs no pg_dump. */
export async function selectAllText(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying')`,
    );
    const lines: string[] = [];
    for (const { table_name, column_name } of columns) {
      const { rows } = await client.query(`SELECT "${column_name}"::text AS value FROM "${table_name}"`);
      for (const row of rows) if (row.value !== null) lines.push(`${table_name}.${column_name}: ${row.value}`);
    }
    return lines.join('\n');
  } finally {
    await client.end();
  }
}
