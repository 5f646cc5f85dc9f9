/**
 * `npm run bench:api`: what the HTTP layer costs next to the search itself, measured in one run so the ratios
 * compare across machines.
 *
 *   1. suggest() in process, over distinct 40-word descriptions (a realistic ticket length);
 *   2. POST /api/v1/suggest with the same descriptions, through the real server on 127.0.0.1, by autocannon;
 *   3. GET /api/v1/ping (no search) on the same server: the HTTP floor.
 *
 * Each phase runs for BENCH_SECONDS (default 8) with BENCH_CONNECTIONS concurrent clients (default 2). Every text
 * is different, so no cache can help. The server runs with the rate limit off and its log lines discarded.
 * The indexes come from RAHNAMA_INDEX_DIR (default dist/, as `npm run build` writes them).
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { loadSearchIndex, suggest, type SearchIndex } from '../search-index/core/index.ts';
import { LOCALES, type Locale } from '../search-index/core/schemas.ts';
import { searchIndexPath } from '../search-index/core/urls.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
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

/**
 * Distinct 40-word descriptions built from the help center's own words: a run of words from one passage (what a
 * customer's wording shares with the answer) followed by words from elsewhere (everything else they write).
 */
function descriptions(index: SearchIndex, count: number, seed: number): string[] {
  const next = random(seed);
  const passages = index.units.map((unit) => unit.text.split(/\s+/).filter(Boolean)).filter((words) => words.length >= 10);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const texts = new Set<string>();
  while (texts.size < count) {
    const passage = pick(passages);
    const runLength = Math.min(passage.length, 12 + Math.floor(next() * 14));
    const start = Math.floor(next() * (passage.length - runLength + 1));
    const words = passage.slice(start, start + runLength);
    while (words.length < WORDS_PER_TEXT) words.push(pick(pick(passages)));
    texts.add(words.join(' '));
  }
  return [...texts];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function inProcess(indexes: Map<Locale, SearchIndex>, texts: { locale: Locale; text: string }[]) {
  // Warm up the JIT as the server is warmed up below.
  for (let i = 0; i < 300; i++) suggest(indexes.get(texts[i % texts.length]!.locale)!, texts[i % texts.length]!.text, { limit: 5 });
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
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

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startServer(port: number, indexDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'api/server.ts'), '--api-only'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RAHNAMA_RATE_LIMIT: 'off', RAHNAMA_INDEX_DIR: indexDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function cannon(options: Record<string, unknown>): Promise<{ rps: number; p50: number; p99: number; failures: number }> {
  const result = (await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options })) as unknown as CannonResult;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors };
}

async function main() {
  const indexDir = resolve(ROOT, process.env.RAHNAMA_INDEX_DIR ?? 'dist');
  const indexes = new Map<Locale, SearchIndex>();
  for (const locale of LOCALES) {
    const file = join(indexDir, searchIndexPath(locale));
    if (!existsSync(file)) throw new Error(`bench-api: ${file} is missing; run npm run build first`);
    indexes.set(locale, loadSearchIndex(JSON.parse(readFileSync(file, 'utf8'))));
  }
  const perLocale = LOCALES.map((locale, n) => descriptions(indexes.get(locale)!, TEXTS_PER_LOCALE, 1570 + n).map((text) => ({ locale, text })));
  // Interleave the locales, as mixed traffic would.
  const texts = perLocale[0]!.flatMap((_, i) => perLocale.map((list) => list[i]!));
  const bodies = texts.map(({ locale, text }) => JSON.stringify({ description: text, locale }));
  const sizes = LOCALES.map((locale) => `${locale}: ${indexes.get(locale)!.stats.articles} articles, ${indexes.get(locale)!.stats.videos} videos`);
  console.log(`bench-api: ${SECONDS}s per phase, ${CONNECTIONS} connections, ${texts.length} distinct ${WORDS_PER_TEXT}-word descriptions (${sizes.join('; ')})`);

  const local = inProcess(indexes, texts);

  const port = await freePort();
  const server = await startServer(port, indexDir);
  try {
    const url = `http://127.0.0.1:${port}`;
    let next = 0;
    const suggestRequest = {
      method: 'POST',
      path: '/api/v1/suggest',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }),
    };
    // Warm-up, so the server's JIT is as warm as the in-process loop.
    await autocannon({ url, connections: CONNECTIONS, amount: 2000, requests: [suggestRequest] });
    const http = await cannon({ url, requests: [suggestRequest] });
    const noop = await cannon({ url: `${url}/api/v1/ping` });

    const row = (name: string, r: { rps: number; p50: number; p99: number }) =>
      `${name.padEnd(34)} ${Math.round(r.rps).toString().padStart(8)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms`;
    console.log(row('suggest() in process', local));
    console.log(row('POST /api/v1/suggest over HTTP', http));
    console.log(row('GET /api/v1/ping (no-op) over HTTP', noop));
    const ratio = http.rps / local.rps;
    console.log(`HTTP suggest / in-process suggest: ${(ratio * 100).toFixed(1)}%  (target ≥ ${TARGETS.throughputRatio * 100}%)`);
    console.log(`HTTP suggest p99: ${http.p99} ms  (target ≤ ${TARGETS.p99Ms} ms with 2 clients; autocannon reports whole milliseconds)`);
    console.log(`no-op route / in-process suggest: ${(noop.rps / local.rps).toFixed(1)}×`);
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
  }
}

await main();
