/** The static site app in process (api/site.ts): the search page's rate limit. Serving itself is tested over HTTP in server.test.ts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rateLimit } from '../../api/middleware/rate-limit.ts';
import { createSite } from '../../api/site.ts';

let dir: string;
const searched: string[] = [];
let now = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rahnama-site-'));
  mkdirSync(join(dir, 'en/search'), { recursive: true });
  writeFileSync(join(dir, 'en/search/index.html'), '<!doctype html><p>results</p>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const site = () =>
  createSite({
    root: dir,
    renderPage: (_path, html, url) => {
      const q = url.searchParams.get('q');
      if (!q) return undefined;
      searched.push(q);
      return html.replace('results', `results for ${q}`);
    },
    renderRateLimit: rateLimit({ max: 2, windowSeconds: 30, now: () => now, key: () => '192.0.2.9' }),
  });

describe('the results page rate limit', () => {
  test('searches beyond the budget get 429 with Retry-After and cost no search; plain page views are not counted', async () => {
    const app = site();
    expect((await app.request('/en/search/')).status).toBe(200);
    expect(await (await app.request('/en/search/?q=modem')).text()).toContain('results for modem');
    expect((await app.request('/en/search/?q=router')).status).toBe(200);
    now += 10_000;
    const limited = await app.request('/en/search/?q=wifi');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('20');
    expect(searched).toEqual(['modem', 'router']);
    expect((await app.request('/en/search/')).status).toBe(200);
    now += 20_000;
    expect((await app.request('/en/search/?q=wifi')).status).toBe(200);
  });
});
