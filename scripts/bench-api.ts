/**
 * `npm run bench:api`: what the HTTP layer costs next to the search itself, measured in one run so the ratios
 * compare across machines.
 *
 *   1. suggest() in process, over distinct 40-word descriptions (a realistic ticket length);
 *   2. POST /api/v1/suggest with the same descriptions, through the real server on 127.0.0.1, by autocannon;
 *   3. GET /api/v1/ping (no search) on the same server: the HTTP floor;
 *   4. for diagnosis, the POSTs through app.request() in this process: the Hono layer without the network, which
 *      separates what the app costs from what sockets and scheduling cost on a busy machine.
 *
 * Each phase runs for BENCH_SECONDS in all (default 8) with BENCH_CONNECTIONS concurrent clients (default 2); phases
 * 1 and 2 alternate in BENCH_ROUNDS rounds (default 4). The load generator runs in a process of its own
 * (scripts/bench-api-client.ts). Every text is different, so no cache can help. The server runs with the rate limit
 * off and its log lines going to a file (in batches, as by default), from which the benchmark splits the time of an
 * HTTP request into the search, the rest of the app, and what lies outside the app (Node's HTTP, the adapter, the
 * request id and the log write).
 * The indexes are built from content/ into a temp folder exactly as the site build does (so they always match the
 * code), or taken from RAHNAMA_INDEX_DIR when it is set.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createApp } from '../api/app.ts';
import { SERVER_DEFAULTS } from '../api/server.ts';
import { createIndexStore } from '../api/store/index-store.ts';
import { collectContent } from '../search-index/build/collect.ts';
import { writeSearchIndexes } from '../search-index/build/index.ts';
import { loadSearchIndex, suggest, type SearchIndex } from '../search-index/core/index.ts';
import { LOCALES, type Locale } from '../search-index/core/schemas.ts';
import { searchIndexPath } from '../search-index/core/urls.ts';
import type { ClientResult } from './bench-api-client.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
/** In-process and HTTP suggest alternate in this many rounds of BENCH_SECONDS / BENCH_ROUNDS each. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const WORDS_PER_TEXT = 40;
const TEXTS_PER_LOCALE = 2000;
/** The targets: HTTP throughput ≥ 70% of in-process, p99 ≤ 15 ms with 2 clients. */
const TARGETS = { throughputRatio: 0.7, p99Ms: 15 };

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same texts. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Passages of plain words from the locale's articles and transcripts (markup, frontmatter and cue times removed). */
function passages(locale: Locale): string[][] {
  const files = [
    ...readdirSync(join(ROOT, 'content/articles', locale), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.mdx'))
      .map((file) => join(ROOT, 'content/articles', locale, file)),
    ...readdirSync(join(ROOT, 'content/videos', locale)).filter((file) => file.endsWith('.vtt')).map((file) => join(ROOT, 'content/videos', locale, file)),
  ];
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .replace(/^---[\s\S]*?\n---/, '')
      .replace(/<[^>]+>|\[|\]\([^)]*\)|[#*_`|>]|\d\d:\d\d[.:\d]* --> [\d:.]+|WEBVTT/g, ' ')
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.split(/\s+/).filter((word) => /\p{L}/u.test(word)))
      .filter((words) => words.length >= 10),
  );
}

/**
 * Distinct 40-word descriptions built from the help center's own words: a run of words from one passage (what a
 * customer's wording shares with the answer) followed by words from elsewhere (everything else they write).
 */
function descriptions(locale: Locale, count: number, seed: number): string[] {
  const next = random(seed);
  const all = passages(locale);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const texts = new Set<string>();
  while (texts.size < count) {
    const passage = pick(all);
    const runLength = Math.min(passage.length, 12 + Math.floor(next() * 14));
    const start = Math.floor(next() * (passage.length - runLength + 1));
    const words = passage.slice(start, start + runLength);
    while (words.length < WORDS_PER_TEXT) words.push(pick(pick(all)));
    texts.add(words.join(' '));
  }
  return [...texts];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
}

/** Rounds of one phase as one figure: mean throughput, median p50, and the worst round's p99. */
function combine(rounds: readonly Measured[]): Measured {
  const p50s = rounds.map((r) => r.p50).sort((a, b) => a - b);
  return {
    rps: rounds.reduce((sum, r) => sum + r.rps, 0) / rounds.length,
    p50: p50s[Math.floor(p50s.length / 2)]!,
    p99: Math.max(...rounds.map((r) => r.p99)),
  };
}

function inProcess(indexes: Map<Locale, SearchIndex>, texts: { locale: Locale; text: string }[], seconds: number): Measured {
  // Warm up the JIT as the server is warmed up below.
  for (let i = 0; i < 300; i++) suggest(indexes.get(texts[i % texts.length]!.locale)!, texts[i % texts.length]!.text, { limit: 5 });
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  const start = performance.now();
  while (performance.now() < end) {
    const { locale, text } = texts[i++ % texts.length]!;
    const t0 = performance.now();
    suggest(indexes.get(locale)!, text, { limit: 5 });
    latencies.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The same POSTs through the app in this process (no sockets). */
async function throughApp(indexDir: string, bodies: string[]): Promise<Measured> {
  const store = createIndexStore({ dir: indexDir, logger: { write: () => undefined }, pollMs: 0 });
  await store.ready;
  const app = createApp({
    indexes: store,
    logger: { write: () => undefined },
    config: { allowedOrigins: [], rateLimit: { max: 0, windowSeconds: 60 }, trustProxy: false, cacheSeconds: 60, version: 'bench' },
  });
  const post = async (body: string) => {
    const res = await app.request('/api/v1/suggest', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
  };
  for (let i = 0; i < 300; i++) await post(bodies[i % bodies.length]!);
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t0 = performance.now();
    await post(bodies[i++ % bodies.length]!);
    latencies.push(performance.now() - t0);
  }
  store.close();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((performance.now() - start) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the server with its log lines (one JSON object per request) going to logFile. */
async function startServer(port: number, indexDir: string, dataDir: string, logFile: string): Promise<ChildProcess> {
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [join(ROOT, 'api/server.ts'), '--api-only'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RAHNAMA_RATE_LIMIT: 'off', RAHNAMA_INDEX_DIR: indexDir, RAHNAMA_DATA_DIR: dataDir },
    stdio: ['ignore', log, 'inherit'],
  });
  closeSync(log);
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error('bench-api: the server did not become healthy (are the indexes built? run npm run build)');
}

/** What the server's own log lines say about the suggestion POSTs it answered: mean search and handler time. */
interface InsideServer {
  requests: number;
  /** suggest() and the cleaning of its results, as the route times it (the log's tookMs). */
  searchMs: number;
  /** The app from the access log's start to the response: middleware, validation, search, JSON (the log's ms). */
  appMs: number;
}

/** Reads the log lines written from byte `from` on. */
function readServerLog(file: string, from: number): InsideServer {
  let requests = 0;
  let searchMs = 0;
  let appMs = 0;
  for (const line of readFileSync(file).subarray(from).toString('utf8').split('\n')) {
    if (!line.includes('"tookMs"')) continue;
    const entry = JSON.parse(line) as { method?: string; status?: number; tookMs?: number; ms?: number };
    if (entry.method !== 'POST' || entry.status !== 200 || entry.tookMs === undefined || entry.ms === undefined) continue;
    requests++;
    searchMs += entry.tookMs;
    appMs += entry.ms;
  }
  return { requests, searchMs: searchMs / Math.max(1, requests), appMs: appMs / Math.max(1, requests) };
}

/** Waits until the server has written the request lines it holds back (RAHNAMA_LOG_FLUSH_MS, as configured for it). */
function logsSettled(): Promise<void> {
  const flushMs = Number(process.env.RAHNAMA_LOG_FLUSH_MS ?? SERVER_DEFAULTS.logFlushMs);
  return new Promise((resolveWait) => setTimeout(resolveWait, (Number.isFinite(flushMs) ? flushMs : SERVER_DEFAULTS.logFlushMs) + 100));
}

/** Runs autocannon in its own process (scripts/bench-api-client.ts says why) and returns what it measured. */
async function cannon(options: { url: string; path: string; bodiesFile?: string; amount?: number; duration?: number }): Promise<ClientResult> {
  const args = [join(ROOT, 'scripts/bench-api-client.ts'), JSON.stringify({ connections: CONNECTIONS, duration: SECONDS, ...options })];
  return new Promise((resolveResult, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: (SECONDS + 60) * 1000 }, (error, stdout) => {
      if (error) reject(new Error(`bench-api: the load generator failed: ${error.message}`));
      else resolveResult(JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientResult);
    });
  });
}

async function main() {
  // A scratch folder for the server's ticket database, and for the indexes unless RAHNAMA_INDEX_DIR names them.
  const work = mkdtempSync(join(tmpdir(), 'rahnama-bench-'));
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  let indexDir = process.env.RAHNAMA_INDEX_DIR ? resolve(ROOT, process.env.RAHNAMA_INDEX_DIR) : undefined;
  if (!indexDir) {
    await writeSearchIndexes(await collectContent(ROOT), { outDir: work, log: () => undefined });
    indexDir = work;
  }
  const indexes = new Map<Locale, SearchIndex>();
  for (const locale of LOCALES) {
    const file = join(indexDir, searchIndexPath(locale));
    if (!existsSync(file)) throw new Error(`bench-api: ${file} is missing`);
    indexes.set(locale, loadSearchIndex(JSON.parse(readFileSync(file, 'utf8'))));
  }
  const perLocale = LOCALES.map((locale, n) => descriptions(locale, TEXTS_PER_LOCALE, 1570 + n).map((text) => ({ locale, text })));
  // Interleave the locales, as mixed traffic would.
  const texts = perLocale[0]!.flatMap((_, i) => perLocale.map((list) => list[i]!));
  const bodies = texts.map(({ locale, text }) => JSON.stringify({ description: text, locale }));
  const sizes = LOCALES.map((locale) => `${locale}: ${indexes.get(locale)!.stats.articles} articles, ${indexes.get(locale)!.stats.videos} videos`);
  console.log(`bench-api: ${SECONDS}s per phase, ${CONNECTIONS} connections, ${texts.length} distinct ${WORDS_PER_TEXT}-word descriptions (${sizes.join('; ')})`);

  const viaApp = await throughApp(indexDir, bodies);

  const port = await freePort();
  const serverLog = join(work, 'server.log');
  const server = await startServer(port, indexDir, join(work, 'data'), serverLog);
  try {
    const url = `http://127.0.0.1:${port}`;
    const bodiesFile = join(work, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    const suggestRequest = { url, path: '/api/v1/suggest', bodiesFile };
    // Warm-up, so the server's JIT is as warm as the in-process loop.
    await cannon({ ...suggestRequest, amount: 2000 });
    // In process and over HTTP alternate in ROUNDS short rounds, so a machine whose speed drifts during the run (a
    // shared CI box, a noisy neighbour) slows both sides of the ratio alike instead of one phase more than the other.
    const localRounds: Measured[] = [];
    const httpRounds: ClientResult[] = [];
    // Only the HTTP rounds reach the server from here on, until the no-op phase below. The server writes request
    // lines in batches, so the warm-up's last ones are waited for first (and the last round's after the rounds).
    await logsSettled();
    const roundsLogStart = statSync(serverLog).size;
    for (let round = 0; round < ROUNDS; round++) {
      localRounds.push(inProcess(indexes, texts, SECONDS / ROUNDS));
      httpRounds.push(await cannon({ ...suggestRequest, duration: SECONDS / ROUNDS }));
    }
    await logsSettled();
    const inside = readServerLog(serverLog, roundsLogStart);
    const noop = await cannon({ url, path: '/api/v1/ping' });
    const local = combine(localRounds);
    const http = { ...combine(httpRounds), failures: httpRounds.reduce((sum, r) => sum + r.failures, 0) };
    const roundRatios = httpRounds.map((r, i) => `${((r.rps / localRounds[i]!.rps) * 100).toFixed(1)}%`);

    const row = (name: string, r: { rps: number; p50: number; p99: number }) =>
      `${name.padEnd(34)} ${Math.round(r.rps).toString().padStart(8)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms`;
    console.log(row('suggest() in process', local));
    console.log(row('POST /api/v1/suggest over HTTP', http));
    console.log(row('GET /api/v1/ping (no-op) over HTTP', noop));
    console.log(row('POST via app.request(), no network', viaApp));
    const ratio = http.rps / local.rps;
    console.log(`HTTP suggest / in-process suggest: ${(ratio * 100).toFixed(1)}%  (target ≥ ${TARGETS.throughputRatio * 100}%; rounds ${roundRatios.join(', ')})`);
    console.log(`HTTP suggest p99: ${http.p99} ms  (target ≤ ${TARGETS.p99Ms} ms with 2 clients; autocannon reports whole milliseconds)`);
    console.log(`no-op route / in-process suggest: ${(noop.rps / local.rps).toFixed(1)}×`);
    console.log(`app.request() suggest / in-process suggest: ${((viaApp.rps / local.rps) * 100).toFixed(1)}% (the Hono layer alone)`);
    // Where an HTTP request's time goes, from the server's own log lines over the HTTP rounds (the server is busy all
    // the time at this load, so the time per request is the inverse of the rate).
    const { requests: counted, searchMs, appMs } = inside;
    const perRequestMs = 1000 / http.rps;
    const localMs = 1000 / local.rps;
    const ms = (value: number) => `${value.toFixed(3)} ms`;
    console.log(
      `per HTTP request (${counted} log lines): ${ms(perRequestMs)} = search ${ms(searchMs)} (in process ${ms(localMs)}) + rest of the app ${ms(appMs - searchMs)} + Node HTTP, adapter, request id and log write ${ms(perRequestMs - appMs)}`,
    );
    if (http.failures > 0 || noop.failures > 0) {
      console.log(`bench-api: ${http.failures + noop.failures} failed requests`);
      process.exitCode = 1;
    }
    if (ratio < TARGETS.throughputRatio || http.p99 > TARGETS.p99Ms) {
      console.log('bench-api: below target');
      process.exitCode = 1;
    }
  } finally {
    server.kill('SIGTERM');
    cleanup();
  }
}

await main();
