/**
 * The embeddable widget on the demo third-party form (/demo/ticket-form.html), served from ANOTHER origin than
 * the help center, in a real browser: the real server (api/server.ts) is the help center and the API, with the
 * demo's origin allowed by RAHNAMA_ALLOWED_ORIGINS. A customer types a real problem in Persian and in English,
 * sees the answer, moves to it with the keyboard, opens it (a new tab on the help center at the section), and
 * files the ticket; the ticket is read back through the admin API with what was shown and opened. Then the API is
 * stopped and the widget, loaded from a static copy of the help center, answers from the static index.
 * Screenshots go to test-results/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, ROOT, type BuiltSite } from '../site/helpers/build-site.ts';
import { publishedArticles } from '../site/helpers/content-files.ts';
import { runAxe } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { adminGet, startRahnamaServer, type RahnamaServer } from './helpers/rahnama-server.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

const SCREENSHOTS = join(ROOT, 'test-results');
const ADMIN_TOKEN = 'widget-e2e-admin-token-0123456789';

let site: BuiltSite;
let dataDir: string;
let server: RahnamaServer;
/** The third party: serves the demo page from its own origin. */
let thirdParty: StaticServer;
/** A static copy of the help center (a CDN, say) for the test with the API stopped. */
let staticHelpCenter: StaticServer;
let browser: Browser;
const titles = new Map<string, string>();

beforeAll(async () => {
  const [built, articles] = await Promise.all([buildSite('rahnama-widget-e2e-'), publishedArticles()]);
  site = built;
  for (const article of articles) titles.set(`${article.locale}/${article.slug}`, String(article.data.title));
  thirdParty = await serveStatic(site.dir);
  staticHelpCenter = await serveStatic(site.dir);
  dataDir = await mkdtemp(join(tmpdir(), 'rahnama-widget-data-'));
  server = await startRahnamaServer(site.dir, {
    RAHNAMA_DATA_DIR: dataDir,
    RAHNAMA_ADMIN_TOKEN: ADMIN_TOKEN,
    RAHNAMA_ALLOWED_ORIGINS: thirdParty.url,
  });
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await thirdParty?.close();
  await staticHelpCenter?.close();
  await site?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  context: BrowserContext;
  requests: string[];
  errors: string[];
}

async function openDemo(query: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${thirdParty.url}/demo/ticket-form.html?${query}`, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('rahnama-suggest') !== undefined);
  return { page, context, requests, errors };
}

const CASES = [
  { locale: 'fa', lang: '', subject: 'قطعی اینترنت', description: 'مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه', expected: 'fa/modem-red-light', dir: 'rtl' },
  { locale: 'en', lang: 'lang=en&', subject: 'Internet down', description: 'My modem light is red and the internet does not connect', expected: 'en/modem-red-light', dir: 'ltr' },
] as const;

describe.each(CASES)('widget on a third-party form ($locale)', ({ locale, lang, subject, description, expected, dir }) => {
  test('suggests the answer cross-origin, opens it on the help center with the keyboard, and the ticket carries it', async () => {
    const { page, context, requests, errors } = await openDemo(`${lang}helpCenter=${encodeURIComponent(server.url)}`);
    try {
      expect(new URL(page.url()).origin).not.toBe(new URL(server.url).origin);
      await page.locator('#email').fill(`widget-${locale}@example.com`);
      await page.locator('#subject').fill(subject);
      await page.locator('#description').pressSequentially(description, { delay: 10 });
      const title = titles.get(expected)!;
      const options = page.locator('rahnama-suggest [role="option"]');
      await options.filter({ hasText: title }).first().waitFor();
      expect(await options.count()).toBeLessThanOrEqual(4);
      expect(requests.some((url) => url === `${server.url}/api/v1/suggest`)).toBe(true);
      expect(requests.some((url) => url.includes('widget-fallback.js'))).toBe(false);
      expect(await page.locator('rahnama-suggest .panel').getAttribute('dir')).toBe(dir);
      expect(await page.locator('rahnama-suggest mark').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('rahnama-suggest [role="status"]').first().textContent()).toMatch(locale === 'fa' ? /[۱-۴] پاسخ/ : /[1-4] suggested answers found/);
      await page.screenshot({ path: join(SCREENSHOTS, `widget-demo-${locale}.png`), fullPage: true });
      const violations = await runAxe(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

      // Tab from the description reaches the listbox; move to the expected answer and open it with Enter.
      await page.keyboard.press('Tab');
      const listbox = page.locator('rahnama-suggest [role="listbox"]');
      expect(await listbox.evaluate((element) => element.getRootNode() instanceof ShadowRoot && (element.getRootNode() as ShadowRoot).activeElement === element)).toBe(true);
      const titlesShown = await options.locator('.t').allTextContents();
      const rank = titlesShown.indexOf(title);
      expect(rank).toBeGreaterThanOrEqual(0);
      expect(await listbox.getAttribute('aria-activedescendant')).toBe('o0');
      await page.keyboard.press('Escape');
      expect(await page.locator('#description').evaluate((element) => element === document.activeElement)).toBe(true);
      await page.keyboard.press('Tab');
      for (let n = 0; n < rank; n++) await page.keyboard.press('ArrowDown');
      expect(await listbox.getAttribute('aria-activedescendant')).toBe(`o${rank}`);
      const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
      await tab.waitForLoadState('load');
      const opened = new URL(tab.url());
      expect(opened.origin).toBe(new URL(server.url).origin);
      expect(opened.pathname).toBe(`/${locale}/articles/modem-red-light/`);
      await tab.close();
      await page.locator('rahnama-suggest .ask button').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `widget-demo-${locale}-opened.png`), fullPage: true });

      await page.locator('#t-send').click();
      const result = page.locator('#result[data-reference]');
      await result.waitFor();
      const ticket = await adminGet<{ suggestionsShown: string[]; suggestionOpened: string | null; locale: string; description: string }>(
        server,
        `/tickets/${await result.getAttribute('data-reference')}`,
        ADMIN_TOKEN,
      );
      expect(ticket).toMatchObject({ locale, description, suggestionOpened: expected });
      expect(ticket.suggestionsShown).toContain(expected);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('widget details', () => {
  test('"this solved my problem" says the form need not be sent', async () => {
    const { page, context } = await openDemo(`lang=en&helpCenter=${encodeURIComponent(server.url)}`);
    try {
      await page.locator('#description').fill('I forgot my password and cannot sign in');
      const first = page.locator('rahnama-suggest [role="option"]').first();
      await first.waitFor();
      const [tab] = await Promise.all([context.waitForEvent('page'), first.click()]);
      await tab.close();
      await page.locator('rahnama-suggest .ask button').first().click();
      await page.locator('rahnama-suggest .done').waitFor();
      expect(await page.locator('rahnama-suggest .done').textContent()).toMatch(/do not need to send/);
    } finally {
      await context.close();
    }
  });

  test('without a locale attribute or page language, the language and direction follow the typed text', async () => {
    const { page, context } = await openDemo(`helpCenter=${encodeURIComponent(server.url)}`);
    try {
      await page.evaluate(() => {
        document.querySelector('rahnama-suggest')!.removeAttribute('locale');
        document.documentElement.removeAttribute('lang');
      });
      const description = page.locator('#description');
      const panel = page.locator('rahnama-suggest .panel');
      await description.fill('The SIM card is locked and asks for a PUK code');
      await page.locator('rahnama-suggest [role="option"]').first().waitFor();
      expect(await panel.getAttribute('dir')).toBe('ltr');
      expect(await panel.getAttribute('lang')).toBe('en');
      await description.fill('سیم‌کارتم قفل شده و کد پاک می‌خواد');
      await expect.poll(() => panel.getAttribute('lang')).toBe('fa');
      expect(await panel.getAttribute('dir')).toBe('rtl');
    } finally {
      await context.close();
    }
  });

  test('with the API stopped, the widget answers from the static index of the help center it came from', async () => {
    // The API's origin is the real server, now stopped; widget.js, the fallback and the index come from the
    // static copy of the help center.
    const apiUrl = server.url;
    await server.stop();
    const { page, context, requests, errors } = await openDemo(`helpCenter=${encodeURIComponent(staticHelpCenter.url)}&api=${encodeURIComponent(apiUrl)}`);
    try {
      await page.locator('#description').pressSequentially(CASES[0].description, { delay: 10 });
      await page.locator('rahnama-suggest [role="option"]').filter({ hasText: titles.get('fa/modem-red-light')! }).first().waitFor();
      expect(requests).toContain(`${apiUrl}/api/v1/suggest`);
      expect(requests).toContain(`${staticHelpCenter.url}/widget-fallback.js`);
      expect(requests).toContain(`${staticHelpCenter.url}/widget-index/fa.js`);
      expect(errors).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'widget-demo-fallback.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
