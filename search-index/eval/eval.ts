/**
 * npm run eval -- --suite <suite folder> [--split dev|test] [--json] [--all]
 *
 * Indexes a labelled suite's corpus.jsonl (title, body) as articles, serialises and loads the index exactly as the
 * API and the browser do (loadSearchIndex), runs every query of the split through suggest() with its defaults
 * (only `limit` is raised to 10, which the @10 metrics need) and prints Hit@1, Hit@3, MRR@10, nDCG@10, Recall@5
 * and ms/query. --all runs every suite in the folder that holds the given one. With --json the last line is one
 * JSON object: {hit1, hit3, mrr10, ndcg10, recall5, msPerQuery, n} (for --all, the mean over suites, with a
 * "suites" member holding each suite's object).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSearchIndex, loadSearchIndex, serialiseSearchIndex, suggest, type IndexDocument } from '../core/index.ts';
import type { Locale } from '../core/schemas.ts';
import { runCli, UsageError } from '../cli.ts';
import { meanMetrics, queryMetrics, type Judgements, type QueryMetrics } from './metrics.ts';

/** The number of results the @10 metrics need. */
const RANKED_RESULTS = 10;

const USAGE = 'usage: npm run eval -- --suite <suite folder> [--split dev|test] [--json] [--all]';

interface CorpusLine {
  id: string;
  lang: string;
  title: string;
  body: string;
}
interface QueryLine {
  id: string;
  lang: string;
  text: string;
  relevant: Judgements;
  split: 'dev' | 'test';
}
export interface SuiteResult extends QueryMetrics {
  suite: string;
  split: string;
  msPerQuery: number;
  n: number;
}

function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, n) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as T];
      } catch (error) {
        throw new UsageError(`${file}:${n + 1}: not a JSON line (${(error as Error).message})`);
      }
    });
}

function asLocale(lang: string, file: string): Locale {
  if (lang === 'fa' || lang === 'en') return lang;
  throw new UsageError(`${file}: unsupported language "${lang}" (expected fa or en)`);
}

const SUITE_FILES = ['corpus.jsonl', 'queries.jsonl'];
const isSuite = (folder: string) => SUITE_FILES.every((file) => existsSync(join(folder, file)));

/** Runs one suite's split through the same path as the API: build, serialise, load, suggest. */
export function evaluateSuite(folder: string, split: string): SuiteResult {
  const corpusFile = join(folder, 'corpus.jsonl');
  const corpus = readJsonLines<CorpusLine>(corpusFile);
  const queries = readJsonLines<QueryLine>(join(folder, 'queries.jsonl')).filter((query) => query.split === split);
  const locale = asLocale(corpus[0]?.lang ?? 'en', corpusFile);
  const documents: IndexDocument[] = corpus.map((line) => ({
    kind: 'article',
    slug: line.id,
    title: line.title,
    category: 'eval',
    sections: [{ text: line.body }],
  }));
  const index = loadSearchIndex(JSON.parse(JSON.stringify(serialiseSearchIndex(createSearchIndex(documents, locale)))));
  const prefix = `${locale}/`;
  const perQuery: QueryMetrics[] = [];
  let elapsed = 0;
  for (const query of queries) {
    const started = performance.now();
    const suggestions = suggest(index, query.text, { limit: RANKED_RESULTS });
    elapsed += performance.now() - started;
    perQuery.push(queryMetrics(suggestions.map((suggestion) => suggestion.id.slice(prefix.length)), query.relevant));
  }
  return { suite: basename(folder), split, ...meanMetrics(perQuery), msPerQuery: queries.length ? elapsed / queries.length : 0, n: queries.length };
}

const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

function printTable(results: readonly SuiteResult[]): void {
  console.log('| suite | split | n | Hit@1 | Hit@3 | MRR@10 | nDCG@10 | Recall@5 | ms/query |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const result of results) {
    const cells = [result.hit1, result.hit3, result.mrr10, result.ndcg10, result.recall5].map((value) => value.toFixed(3));
    console.log(`| ${result.suite} | ${result.split} | ${result.n} | ${cells.join(' | ')} | ${result.msPerQuery.toFixed(2)} |`);
  }
}

function jsonOf(result: QueryMetrics & { msPerQuery: number; n: number }): Record<string, number> {
  return {
    hit1: round(result.hit1),
    hit3: round(result.hit3),
    mrr10: round(result.mrr10),
    ndcg10: round(result.ndcg10),
    recall5: round(result.recall5),
    msPerQuery: round(result.msPerQuery, 2),
    n: result.n,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      split: { type: 'string', default: 'dev' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
    },
  });
  if (!values.suite) throw new UsageError('expected --suite <path to a suite folder>');
  if (values.split !== 'dev' && values.split !== 'test') throw new UsageError(`expected --split dev or --split test, got "${values.split}"`);
  const suite = resolve(values.suite);
  if (!isSuite(suite)) throw new UsageError(`${suite} is not a suite folder (it needs ${SUITE_FILES.join(' and ')})`);
  const folders = values.all
    ? readdirSync(dirname(suite))
        .map((name) => join(dirname(suite), name))
        .filter(isSuite)
        .sort()
    : [suite];
  const results = folders.map((folder) => evaluateSuite(folder, values.split));
  printTable(results);
  if (!values.json) return;
  if (results.length === 1) {
    console.log(JSON.stringify(jsonOf(results[0]!)));
    return;
  }
  const mean = { ...meanMetrics(results), msPerQuery: results.reduce((sum, r) => sum + r.msPerQuery, 0) / results.length, n: results.reduce((sum, r) => sum + r.n, 0) };
  console.log(JSON.stringify({ ...jsonOf(mean), suites: Object.fromEntries(results.map((r) => [r.suite, jsonOf(r)])) }));
}

if (import.meta.main) await runCli('eval', USAGE, main);
