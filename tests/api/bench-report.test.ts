/**
 * `npm run bench:report` end to end on a small database: it seeds, reports over the whole range in a child process,
 * and prints figures for exactly the sessions it seeded; bad arguments get the usage and exit code 2.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/bench-report.ts'), ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run bench:report', () => {
  test('seeds the sessions and reports over all of them with time, event-loop wait and peak RSS', async () => {
    const { code, stdout, stderr } = await run(['--sessions', '1000', '--days', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^bench-report: 1000 sessions, \d+ events over 3 days, seeded in [\d.]+ s$/m);
    expect(stdout).toMatch(/^report over 1000 sessions: [\d.]+ s, longest event-loop wait \d+ ms, peak RSS \d+ MB$/m);
  });

  test('--script-events adds one session holding that many events, counted as one session', async () => {
    const { code, stdout, stderr } = await run(['--sessions', '1000', '--days', '3', '--script-events', '3000']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^bench-report: 1001 sessions \(one of them a script's session with 3000 events\), \d+ events over 3 days, seeded in [\d.]+ s$/m);
    expect(stdout).toMatch(/^report over 1001 sessions: /m);
  });

  test('bad arguments get one line, the usage and exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--sessions', '12'], /^bench-report: --sessions expected an integer from 1000 to 1000000\n/],
      [['--days', 'x'], /^bench-report: --days expected an integer from 1 to 366\n/],
      [['--script-events', '9000000'], /^bench-report: --script-events expected an integer from 0 to 5000000\n/],
      [['--weeks', '2'], /^bench-report: Unknown option '--weeks'.*\n/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/\nusage: npm run bench:report -- \[--sessions N/);
    }
  });
});
