/** Builds the API app with test doubles: a fake index, a controllable clock and a logger that keeps its lines. */
import { createApp } from '../../api/app.ts';
import { type ApiConfig, CONFIG_DEFAULTS } from '../../api/config.ts';
import type { IndexProvider } from '../../api/index-provider.ts';
import type { LogEntry } from '../../api/middleware/access-log.ts';
import { toLogLine } from '../../api/text.ts';
import { fakeProvider } from './fake-index.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** Each log line exactly as the JSON logger would write it. */
  lines: string[];
  entries: LogEntry[];
  clock: { now: () => number; advance: (ms: number) => void };
}

export function testApp(options: { config?: Partial<ApiConfig>; indexes?: IndexProvider; peer?: string } = {}): TestApp {
  let time = Date.parse('2026-11-22T12:00:00Z');
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const lines: string[] = [];
  const entries: LogEntry[] = [];
  const app = createApp({
    indexes: options.indexes ?? fakeProvider(),
    config: {
      allowedOrigins: [],
      rateLimit: { ...CONFIG_DEFAULTS.rateLimit },
      trustProxy: false,
      cacheSeconds: 60,
      version: '9.9.9-test',
      ...options.config,
    },
    logger: {
      write: (entry) => {
        entries.push(entry);
        lines.push(toLogLine(entry));
      },
    },
    clock,
    peerAddress: () => options.peer ?? '192.0.2.1',
  });
  return { app, lines, entries, clock };
}

export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

export const suggestUrl = (params: Record<string, string>) => `/api/v1/suggest?${new URLSearchParams(params)}`;
