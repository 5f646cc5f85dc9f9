/** `npm run eval` and `npm run bench`: their output, and one clear line (exit code 2) for bad arguments or a bad suite. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const EVAL = resolve(import.meta.dirname, '../../search-index/eval/eval.ts');
const BENCH = resolve(import.meta.dirname, '../../search-index/bench/bench.ts');
const work = mkdtempSync(join(tmpdir(), 'rahnama-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runScript(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [script, ...args], (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

const run = (...args: string[]) => runScript(EVAL, args);

function suite(name: string, corpus: object[], queries: object[] | string): string {
  const folder = join(work, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'corpus.jsonl'), corpus.map((line) => JSON.stringify(line)).join('\n'));
  writeFileSync(join(folder, 'queries.jsonl'), typeof queries === 'string' ? queries : queries.map((line) => JSON.stringify(line)).join('\n'));
  return folder;
}

const corpus = [
  { id: 'modem', lang: 'en', title: 'Modem light is red', body: 'A red light on the modem means the line is down. Restart the modem and check the cable.' },
  { id: 'bill', lang: 'en', title: 'Pay your bill online', body: 'Pay the monthly bill with a bank card from the account page.' },
];

describe('npm run eval', () => {
  it('prints the metrics of a suite, and the JSON line with --json', async () => {
    const folder = suite('tiny', corpus, [
      { id: 'q1', lang: 'en', text: 'my modem shows a red light', relevant: { modem: 1 }, split: 'dev' },
      { id: 'q2', lang: 'en', text: 'how do I pay the bill', relevant: { bill: 1 }, split: 'dev' },
      { id: 'q3', lang: 'en', text: 'red light', relevant: { bill: 1 }, split: 'test' },
    ]);
    const { code, stdout } = await run('--suite', folder, '--json');
    expect(code).toBe(0);
    expect(stdout).toContain('| tiny | dev | 2 | 1.000 | 1.000 | 1.000 |');
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ hit1: 1, mrr10: 1, n: 2 });
    const test = await run('--suite', folder, '--split', 'test', '--json');
    expect(JSON.parse(test.stdout.trim().split('\n').at(-1)!)).toMatchObject({ hit1: 0, n: 1 });
  });

  it.each([
    [[], 'expected --suite'],
    [['--suite', join(work, 'missing')], 'is not a suite folder (it needs corpus.jsonl and queries.jsonl)'],
    [['--suite', work, '--split', 'train'], 'expected --split dev or --split test, got "train"'],
    [['--suite', work, '--bogus'], "Unknown option '--bogus'"],
  ])('answers %j with one line and the usage, exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run eval -- --suite <suite folder>');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file and line of a broken JSON line, and an unsupported language', async () => {
    const broken = suite('broken', corpus, '{"id":"q1","lang":"en","text":"x","relevant":{},"split":"dev"}\n{not json');
    const brokenRun = await run('--suite', broken);
    expect(brokenRun.code).toBe(2);
    expect(brokenRun.stderr).toContain(`${join(broken, 'queries.jsonl')}:2: not a JSON line`);
    const german = suite('german', [{ id: 'a', lang: 'de', title: 'Titel', body: 'Text' }], []);
    const germanRun = await run('--suite', german);
    expect(germanRun.code).toBe(2);
    expect(germanRun.stderr).toContain(`${join(german, 'corpus.jsonl')}: unsupported language "de" (expected fa or en)`);
  });
});

describe('npm run bench', () => {
  it('prints the table for a small help center', async () => {
    const { code, stdout } = await runScript(BENCH, ['--sizes', '200', '--queries', '20']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\| 200 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \/ [\d.]+ \| [\d.]+ \/ [\d.]+ \| [\d.]+ \/ [\d.]+ \|$/m);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--sizes', '1000,ten'], 'expected --sizes as comma-separated article counts'],
    [['--queries', '0'], 'expected --sizes as comma-separated article counts and --queries as a positive integer'],
  ])('answers %j with one line and the usage, exit code 2', async (args, message) => {
    const { code, stderr } = await runScript(BENCH, args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run bench --');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
