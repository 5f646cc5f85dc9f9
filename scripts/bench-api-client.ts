/**
 * The load generator of `npm run bench:api`, in a process of its own: autocannon against one route, with the
 * request bodies (if any) taken in turn from a JSON file. scripts/bench-api.ts spawns it for every HTTP phase.
 *
 * It runs apart from the benchmark's own process because that one holds both search indexes, thousands of texts and
 * the in-process latencies: its garbage collections would pause the client, the server would sit idle waiting for
 * the next request, and the benchmark would charge that idle time to the server's HTTP layer.
 *
 *   node scripts/bench-api-client.ts '<json options>'
 *   options: { url, path, method?, bodiesFile?, connections, duration? (s) | amount? (requests) }
 *
 * Prints one line of JSON: { rps, p50, p99, failures }.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

interface ClientOptions {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  bodiesFile?: string;
  connections: number;
  duration?: number;
  amount?: number;
}

export interface ClientResult {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ClientOptions;
if (!options.url || !options.path || !(options.connections > 0)) {
  process.stderr.write('bench-api-client: expected a JSON argument with url, path and connections\n');
  process.exit(2);
}
const bodies = options.bodiesFile ? (JSON.parse(readFileSync(options.bodiesFile, 'utf8')) as string[]) : [];
let next = 0;
const request =
  bodies.length > 0
    ? {
        method: options.method ?? 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }),
      }
    : { method: options.method ?? 'GET', path: options.path };

const result = await autocannon({
  url: options.url,
  connections: options.connections,
  ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration ?? 8 }),
  requests: [request],
});
const summary: ClientResult = {
  // Completed requests over the run's measured duration (autocannon's requests.average is a mean of whole-second
  // samples, too coarse for the benchmark's short rounds).
  rps: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  failures: result.non2xx + result.errors,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
