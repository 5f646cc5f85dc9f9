/**
 * The site search in a real browser: the header combobox in fa and en (lazy index, keyboard, ARIA, grouped
 * results), the results page without JavaScript through the Node server (`npm start`), and the same page on a
 * plain static host, where the browser renders the results. Screenshots go to test-results/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, ROOT, type BuiltSite } from '../site/helpers/build-site.ts';
import { runAxe } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

const SCREENSHOTS = join(ROOT, 'test-results');

let site: BuiltSite;
let node: ChildProcess;
let nodeUrl: string;
let staticServer: StaticServer;
let browser: Browser;

async function startNodeServer(dir: string): Promise<string> {
  node = spawn(process.execPath, [join(ROOT, 'api/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RAHNAMA_SITE_DIR: dir, RAHNAMA_DATA_DIR: join(dir, 'data'), RAHNAMA_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    let buffer = '';
    node.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) resolveUrl(JSON.parse(line).url);
    });
    node.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

beforeAll(async () => {
  site = await buildSite('rahnama-search-e2e-');
  nodeUrl = await startNodeServer(site.dir);
  staticServer = await serveStatic(site.dir);
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  node?.kill('SIGTERM');
  await staticServer?.close();
  await site?.remove();
});

async function open(url: string, options: { javaScript?: boolean; width?: number } = {}) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
  const page: Page = await context.newPage();
  const indexRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/search\/(fa|en)\.json$/.test(new URL(request.url()).pathname)) indexRequests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, indexRequests };
}

const CASES = [
  { locale: 'fa', query: 'مودمم چراغ قرمز میزنه', expected: '/fa/articles/modem-red-light/', articles: 'مقاله‌ها', videos: 'لحظه‌های ویدیو' },
  { locale: 'en', query: 'my modem light is red', expected: '/en/articles/modem-red-light/', articles: 'Articles', videos: 'Video moments' },
] as const;

describe.each(CASES)('header search ($locale)', ({ locale, query, expected, articles, videos }) => {
  test('loads the index on first focus, suggests as you type, grouped, and opens a result with the keyboard', async () => {
    const { page, context, indexRequests } = await open(`${staticServer.url}/${locale}/articles/reset-password/`);
    try {
      const input = page.locator('#site-search-q');
      expect(await input.getAttribute('role')).toBe('combobox');
      expect(await input.getAttribute('aria-expanded')).toBe('false');
      expect(indexRequests).toEqual([]);

      await input.focus();
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/search\/(fa|en)\.json$/.test(e.name)));
      expect(indexRequests.length).toBe(1);

      await input.pressSequentially(query, { delay: 15 });
      const listbox = page.locator('#site-search-listbox');
      // Typing may pause long enough for a search of the first words; wait for the answer to the whole text.
      await listbox.locator(`[role="option"][data-url^="${expected}"]`).first().waitFor({ state: 'visible' });
      expect(await input.getAttribute('aria-expanded')).toBe('true');
      const groups = await listbox.locator('[role="group"] > [role="presentation"]').allTextContents();
      expect(groups[0]).toBe(articles);
      expect(groups).toContain(videos);
      const first = listbox.locator('[role="option"]').first();
      // Results of an earlier, shorter prefix may still be listed for a moment; the answer to the whole text must
      // put the expected article first.
      await expect.poll(() => first.getAttribute('data-url'), { timeout: 5_000 }).toMatch(new RegExp(`^${expected}`));
      expect(await listbox.locator('mark').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, `search-${locale}-header.png`) });

      await page.keyboard.press('ArrowDown');
      const activeId = await input.getAttribute('aria-activedescendant');
      expect(activeId).toBe(await first.getAttribute('id'));
      expect(await first.getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Escape');
      expect(await input.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL((url) => url.pathname === expected), page.keyboard.press('Enter')]);
    } finally {
      await context.close();
    }
  });

  test('Enter without choosing a suggestion submits to the results page, which the browser fills on a static host', async () => {
    const { page, context } = await open(`${staticServer.url}/${locale}/categories/internet/`);
    try {
      await page.locator('#site-search-q').fill(query);
      await Promise.all([page.waitForURL((url) => url.pathname === `/${locale}/search/`), page.keyboard.press('Enter')]);
      await page.locator('.search-result__title').first().waitFor();
      expect(await page.locator('.search-result__title').first().getAttribute('href')).toMatch(new RegExp(`^${expected}`));
      expect(await page.inputValue('#search-page-q')).toBe(query);
    } finally {
      await context.close();
    }
  });
});

describe.each(CASES)('results page without JavaScript, served by npm start ($locale)', ({ locale, query, expected, articles }) => {
  test('the header form submits and the server renders the results', async () => {
    const { page, context } = await open(`${nodeUrl}/${locale}/articles/reset-password/`, { javaScript: false });
    try {
      await page.locator('#site-search-q').fill(query);
      await Promise.all([page.waitForURL((url) => url.pathname === `/${locale}/search/`), page.locator('#site-search-q').press('Enter')]);
      expect(await page.inputValue('#search-page-q')).toBe(query);
      expect(await page.locator('.search-results__group h2').first().textContent()).toBe(articles);
      expect(await page.locator('.search-result__title').first().getAttribute('href')).toMatch(new RegExp(`^${expected}`));
      await page.screenshot({ path: join(SCREENSHOTS, `search-${locale}-page-nojs.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

test('the results page and the open combobox have no serious or critical axe violations', async () => {
  for (const { locale, query } of CASES) {
    // axe runs as page script, so this page has JavaScript; its results are the server-rendered ones.
    const { page, context } = await open(`${nodeUrl}/${locale}/search/?q=${encodeURIComponent(query)}`);
    try {
      await page.locator('.search-result__title').first().waitFor();
      const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(violations.map((v) => `${locale} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    } finally {
      await context.close();
    }
  }
  for (const { locale, query } of CASES) {
    const { page, context } = await open(`${nodeUrl}/${locale}/articles/reset-password/`);
    try {
      await page.locator('#site-search-q').focus();
      await page.locator('#site-search-q').pressSequentially(query, { delay: 10 });
      await page.locator('#site-search-listbox').waitFor({ state: 'visible' });
      await page.keyboard.press('ArrowDown');
      const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(violations.map((v) => `${locale} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    } finally {
      await context.close();
    }
  }
});
