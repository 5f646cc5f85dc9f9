/**
 * The built site in a real browser (Debian chromium through playwright-core): home, a category, an article and a
 * video guide in fa and en, axe-core on each in light and dark, chapter seeking, ?t=, click-to-load embeds,
 * the locale switcher and the theme toggle. Screenshots go to test-results/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, ROOT, type BuiltSite } from '../site/helpers/build-site.ts';
import { publishedVideos } from '../site/helpers/content-files.ts';
import { launchBrowser } from './helpers/browser.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';
import { runAxe, type AxeViolation } from './helpers/axe.ts';

const SCREENSHOTS = join(ROOT, 'test-results');
/** The guide that plays from a self-hosted file (content/videos/<locale>/reset-password-walkthrough.mdx). */
const FILE_VIDEO = 'reset-password-walkthrough';
const PAGES = [
  { name: 'home', path: '' },
  { name: 'category', path: 'categories/account/' },
  { name: 'article', path: 'articles/reset-password/' },
  { name: 'video', path: `videos/${FILE_VIDEO}/` },
] as const;
const LOCALES = [
  { locale: 'fa', lang: 'fa', dir: 'rtl' },
  { locale: 'en', lang: 'en', dir: 'ltr' },
] as const;
/** Hosts a click-to-load embed may contact, and only after the click. */
const PROVIDER_HOSTS = /youtube|ytimg|googlevideo|aparat|vimeo/;

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite('rahnama-e2e-');
  server = await serveStatic(site.dir);
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

async function open(path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page: Page = await context.newPage();
  const providerRequests: string[] = [];
  page.on('request', (r) => {
    if (PROVIDER_HOSTS.test(new URL(r.url()).hostname)) providerRequests.push(r.url());
  });
  // The test machine is offline: answer provider requests with an empty page instead of waiting on DNS.
  await context.route(/youtube|aparat|vimeo/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '' }));
  const response = await page.goto(server.url + path, { waitUntil: 'load' });
  return { page, context, response, providerRequests };
}

const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

describe.each(LOCALES)('$locale pages', ({ locale, lang, dir }) => {
  test.each(PAGES)('$name renders with lang/dir and has no serious or critical axe violations', async ({ name, path }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context, response } = await open(`/${locale}/${path}`, { colorScheme });
      try {
        expect(response?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.getAttribute('html', 'dir')).toBe(dir);
        await expect(page.locator('main h1').count()).resolves.toBe(1);
        await page.screenshot({ path: join(SCREENSHOTS, `site-${locale}-${name}-${colorScheme}.png`), fullPage: true });
        const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(describeViolations(violations), `${locale}/${path} (${colorScheme})`).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  test('is usable at 360 px: nothing scrolls sideways', async () => {
    for (const { name, path } of PAGES) {
      const { page, context } = await open(`/${locale}/${path}`, { width: 360 });
      try {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${locale}/${path}`).toBeLessThanOrEqual(0);
        if (name === 'article') await page.screenshot({ path: join(SCREENSHOTS, `site-${locale}-${name}-360.png`) });
      } finally {
        await context.close();
      }
    }
  });

  test('a chapter link seeks the self-hosted video, by mouse and by keyboard', async () => {
    const { page, context } = await open(`/${locale}/videos/${FILE_VIDEO}/`);
    try {
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
      const chapters = page.locator('.player__chapters a');
      expect(await chapters.count()).toBeGreaterThanOrEqual(2);
      const third = chapters.nth(Math.min(2, (await chapters.count()) - 1));
      const target = Number(new URL((await third.getAttribute('href'))!, server.url).searchParams.get('t'));
      expect(target).toBeGreaterThan(0);
      await third.click();
      await page.waitForFunction((t) => document.querySelector('video')!.currentTime >= t - 0.5, target);
      expect(new URL(page.url()).searchParams.get('t')).toBe(String(target));
      await expect(third.getAttribute('aria-current')).resolves.toBe('true');

      // Keyboard: focus the first chapter and press Enter.
      await page.evaluate(() => document.querySelector('video')!.pause());
      const first = chapters.first();
      await first.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('video')!.currentTime < 1);
      expect(new URL(page.url()).searchParams.get('t')).toBe('0');
    } finally {
      await context.close();
    }
  });

  test('a transcript timestamp seeks the video', async () => {
    const { page, context } = await open(`/${locale}/videos/${FILE_VIDEO}/`);
    try {
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
      const stamps = page.locator('.transcript a');
      expect(await stamps.count()).toBeGreaterThanOrEqual(20);
      const stamp = stamps.nth(10);
      const target = Number(new URL((await stamp.getAttribute('href'))!, server.url).searchParams.get('t'));
      await stamp.click();
      await page.waitForFunction((t) => document.querySelector('video')!.currentTime >= t - 0.5, target);
    } finally {
      await context.close();
    }
  });

  test('?t= starts the self-hosted video at that second', async () => {
    const { page, context } = await open(`/${locale}/videos/${FILE_VIDEO}/?t=30`);
    try {
      await page.waitForFunction(() => Math.abs(document.querySelector('video')!.currentTime - 30) < 1);
    } finally {
      await context.close();
    }
  });

  test('the captions track is the guide\'s transcript', async () => {
    const { page, context } = await open(`/${locale}/videos/${FILE_VIDEO}/`);
    try {
      const src = await page.getAttribute('video track[kind="captions"]', 'src');
      expect(src).toBe(`/${locale}/videos/${FILE_VIDEO}.vtt`);
      const vtt = await page.evaluate((url) => fetch(url).then((r) => r.text()), src!);
      expect(vtt.startsWith('WEBVTT')).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('the locale switcher lands on the translated article', async () => {
    const { page, context } = await open(`/${locale}/articles/reset-password/`);
    try {
      const other = locale === 'fa' ? 'en' : 'fa';
      await page.click(`.locale-switcher a[hreflang="${other}"]`);
      await page.waitForURL(`**/${other}/articles/reset-password/`);
      expect(await page.getAttribute('html', 'lang')).toBe(other);
    } finally {
      await context.close();
    }
  });
});

describe('click-to-load embeds', () => {
  test('nothing loads from the provider until the customer clicks; chapters then restart the embed there', async () => {
    const external = (await publishedVideos()).find((v) => (v.data.video as { provider: string }).provider !== 'file');
    expect(external, 'a video guide hosted on a provider').toBeDefined();
    const { page, context, providerRequests } = await open(`/${external!.locale}/videos/${external!.slug}/`);
    try {
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.player iframe').count()).toBe(0);
      expect(providerRequests).toEqual([]);

      // A chapter before loading only sets the start and moves focus to the load button.
      const chapter = page.locator('.player__chapters a').nth(1);
      const target = new URL((await chapter.getAttribute('href'))!, server.url).searchParams.get('t');
      await chapter.click();
      expect(await page.locator('.player iframe').count()).toBe(0);
      await expect(page.evaluate(() => document.activeElement?.classList.contains('player__load'))).resolves.toBe(true);

      await page.keyboard.press('Enter');
      const iframe = page.locator('.player iframe');
      await iframe.waitFor();
      const src = (await iframe.getAttribute('src'))!;
      expect(src).toContain(target!);
      expect(await iframe.getAttribute('title')).toBeTruthy();

      // Once loaded, another chapter reloads the embed at its start.
      const later = page.locator('.player__chapters a').nth(2);
      const laterStart = new URL((await later.getAttribute('href'))!, server.url).searchParams.get('t')!;
      await later.click();
      await page.waitForFunction(
        (t) => (document.querySelector('.player iframe') as HTMLIFrameElement | null)?.src.includes(t) ?? false,
        laterStart,
      );
    } finally {
      await context.close();
    }
  });
});

describe('theme toggle', () => {
  test('switches to dark, and the choice survives a reload', async () => {
    const { page, context } = await open('/en/');
    try {
      const toggle = page.locator('#theme-toggle');
      await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
      await toggle.click();
      await expect(page.getAttribute('html', 'data-theme')).resolves.toBe('dark');
      await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const dark = await background();
      await page.reload();
      await expect(page.getAttribute('html', 'data-theme')).resolves.toBe('dark');
      expect(await background()).toBe(dark);
      await page.screenshot({ path: join(SCREENSHOTS, 'site-en-home-toggled-dark.png') });
    } finally {
      await context.close();
    }
  });
});

describe('JavaScript budget', () => {
  test('an article page loads at most 30 KB of gzipped JavaScript before the customer interacts', async () => {
    const { page, context } = await open('/fa/articles/reset-password/');
    try {
      await page.waitForLoadState('networkidle');
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')].map((s) => s.textContent ?? ''),
      );
      const external = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('.js'))
          .map((e) => e.name),
      );
      const bodies = [...inline, ...(await Promise.all(external.map((url) => fetch(url).then((r) => r.text()))))];
      const gzipped = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0);
      console.info(`article page on load: ${external.length} script file(s) + ${inline.length} inline, ${gzipped} bytes gzipped`);
      expect(gzipped).toBeLessThanOrEqual(30 * 1024);
    } finally {
      await context.close();
    }
  });
});

describe('keyboard', () => {
  test('the first Tab reaches the skip link, which moves focus to main', async () => {
    const { page, context } = await open('/fa/articles/reset-password/');
    try {
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('skip-link');
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    } finally {
      await context.close();
    }
  });
});
