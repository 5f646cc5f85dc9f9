/**
 * npm run bench [-- --sizes 1000,10000,50000 --queries 300]
 *
 * Generates help centers of 1k, 10k and 50k articles of about 400 words (a fixed seed, so every run indexes the
 * same text), then measures through the same path as the site and the API: index build time, the index file's size
 * raw and gzipped, load time (JSON.parse + loadSearchIndex) and suggest() p50/p99 for 8-word and 40-word problem
 * descriptions. Prints one table.
 */
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { createSearchIndex, loadSearchIndex, serialiseSearchIndex, suggest, type SearchIndex } from '../core/index.ts';
import { runCli, UsageError } from '../cli.ts';
import { generateArticles, generateQuery, type GeneratedArticle } from './corpus.ts';

const USAGE = 'usage: npm run bench -- [--sizes 1000,10000,50000] [--queries 300]';

/** Default article counts and queries per length. */
const DEFAULT_SIZES = [1_000, 10_000, 50_000];
const DEFAULT_QUERIES = 300;
const QUERY_WORDS = [8, 40] as const;
const SEED = 20_261_122;
/** Unmeasured queries of each length run first, so the JIT has compiled the hot paths. */
const WARM_UP_QUERIES = 100;

interface Row {
  articles: number;
  buildSeconds: number;
  rawBytes: number;
  gzipBytes: number;
  loadSeconds: number;
  latency: Record<number, { p50: number; p99: number; found: number }>;
}

const seconds = (started: number): number => (performance.now() - started) / 1000;

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

function measureQueries(index: SearchIndex, articles: readonly GeneratedArticle[], words: number, count: number, seed: number) {
  const timings: number[] = [];
  let found = 0;
  for (let n = 0; n < count; n++) {
    const { text, target } = generateQuery(articles, words, seed + n);
    const started = performance.now();
    const suggestions = suggest(index, text);
    timings.push(performance.now() - started);
    if (suggestions.slice(0, 3).some((suggestion) => suggestion.id === `en/${articles[target]!.slug}`)) found += 1;
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 0.5), p99: percentile(timings, 0.99), found: found / count };
}

function benchSize(size: number, queries: number): Row {
  const articles = generateArticles(size, SEED);
  let started = performance.now();
  const built = createSearchIndex(
    articles.map((article) => ({ kind: 'article' as const, ...article })),
    'en',
  );
  const buildSeconds = seconds(started);
  const json = JSON.stringify(serialiseSearchIndex(built));
  const rawBytes = Buffer.byteLength(json);
  const gzipBytes = gzipSync(json).length;

  started = performance.now();
  const index = loadSearchIndex(JSON.parse(json));
  const loadSeconds = seconds(started);

  // Warm up the JIT on queries that are not measured, of both lengths.
  for (let n = 0; n < WARM_UP_QUERIES; n++) {
    for (const words of QUERY_WORDS) suggest(index, generateQuery(articles, words, SEED * 3 + n).text);
  }
  const latency: Row['latency'] = {};
  for (const words of QUERY_WORDS) latency[words] = measureQueries(index, articles, words, queries, SEED * 7 + words * 1000);
  return { articles: size, buildSeconds, rawBytes, gzipBytes, loadSeconds, latency };
}

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, queries: { type: 'string' } } });
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : DEFAULT_SIZES;
  const queries = values.queries ? Number(values.queries) : DEFAULT_QUERIES;
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(queries) || queries < 1) {
    throw new UsageError('expected --sizes as comma-separated article counts and --queries as a positive integer');
  }
  const header =
    '| articles | build s | index MB | gzipped MB | load s | 8 words p50 / p99 ms | 40 words p50 / p99 ms | target in top 3 (8 / 40 words) |';
  const rows: string[] = [];
  for (const size of sizes) {
    const row = benchSize(size, queries);
    const short = row.latency[8]!;
    const long = row.latency[40]!;
    rows.push(
      `| ${row.articles} | ${row.buildSeconds.toFixed(1)} | ${megabytes(row.rawBytes)} | ${megabytes(row.gzipBytes)} | ${row.loadSeconds.toFixed(2)} | ` +
        `${short.p50.toFixed(2)} / ${short.p99.toFixed(2)} | ${long.p50.toFixed(2)} / ${long.p99.toFixed(2)} | ` +
        `${short.found.toFixed(2)} / ${long.found.toFixed(2)} |`,
    );
    console.error(`bench: ${size} articles done`);
  }
  console.log(`Node ${process.version}, ${queries} queries per length, seed ${SEED}`);
  console.log(header);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

if (import.meta.main) await runCli('bench', USAGE, main);
