/**
 * Measured deflection end to end, in a real browser against the real server (built site + API, a temporary data
 * directory, an admin token): a customer describes a problem on /fa/contact/, sees the answer, opens it and says it
 * solved the problem; the insights page (token entered) then shows exactly one confirmed deflection, in Persian
 * digits. The same in English. A "Was this helpful?" vote on an article page reaches the insights article table; a
 * site search with no results reaches the content gaps; CSV export downloads; a wrong token is refused; axe finds
 * nothing serious on the insights page in either locale. A help desk (a local receiver) that refuses a ticket makes
 * the page warn, and its "send them now" button gets the ticket delivered once the help desk accepts it. Events leave the browser in batches on page hide
 * (sendBeacon), so each step navigates away and then waits for the report to show it. Screenshots: test-results/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, ROOT, type BuiltSite } from '../site/helpers/build-site.ts';
import { defaultRange, FA_TIME_ZONE, formatCount, formatDay } from '../../site/insights/format.ts';
import { addDays, formatSolarInput, fromSolar, shiftSolarMonth, SOLAR_MONTHS, solarMonthLength, toSolar } from '../../site/insights/solar.ts';
import { INSIGHTS_STRINGS } from '../../site/insights/strings.ts';
import { runAxe } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { adminGet, startRahnamaServer, type RahnamaServer } from './helpers/rahnama-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../api/helpers/webhook-receiver.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

const SCREENSHOTS = join(ROOT, 'test-results');
const ADMIN_TOKEN = 'insights-e2e-admin-token-0123456789';

interface Report {
  funnel: { total: Record<string, number | null> };
  gaps: Array<{ terms: string[]; noResults: number; examples: string[] }>;
  articles: {
    deflections: Array<{ id: string; count: number }>;
    helpfulness: Array<{ id: string; helpful: number; notHelpful: number; reasons: string[] }>;
  };
}

let site: BuiltSite;
let dataDir: string;
let server: RahnamaServer;
let browser: Browser;
/** A third party's help desk form with the widget, on another origin. */
let thirdParty: StaticServer;
/** The help desk the tickets are forwarded to. */
let desk: WebhookReceiver;

beforeAll(async () => {
  site = await buildSite('rahnama-insights-e2e-');
  dataDir = await mkdtemp(join(tmpdir(), 'rahnama-insights-data-'));
  thirdParty = await serveStatic(site.dir);
  // The help desk refuses every ticket (422) until a test says otherwise; one refusal sets a ticket aside.
  desk = await startWebhookReceiver();
  desk.answerFromNow(422);
  server = await startRahnamaServer(site.dir, {
    RAHNAMA_DATA_DIR: dataDir,
    RAHNAMA_ADMIN_TOKEN: ADMIN_TOKEN,
    RAHNAMA_ALLOWED_ORIGINS: thirdParty.url,
    RAHNAMA_WEBHOOK_URL: desk.url,
    RAHNAMA_WEBHOOK_SECRET: 'insights-e2e-webhook-secret-0123',
    RAHNAMA_WEBHOOK_REFUSALS: '1',
  });
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await desk?.close();
  await thirdParty?.close();
  await site?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function open(path: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return { page, context, errors };
}

/**
 * An admin route's answer, polled until `ready` holds (up to 10 s): events are written, and tickets forwarded, a
 * moment after they arrive.
 */
async function adminWhen<T>(path: string, ready: (body: T) => boolean): Promise<T> {
  let body = await adminGet<T>(server, path, ADMIN_TOKEN);
  for (let tries = 0; !ready(body) && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    body = await adminGet<T>(server, path, ADMIN_TOKEN);
  }
  return body;
}

/** The report as the API gives it, polled until `ready` holds. */
const reportWhen = (query: string, ready: (report: Report) => boolean) => adminWhen<Report>(`/insights?${query}`, ready);

/** Signs in on the insights page of this tab and waits for the report's tables. */
async function signIn(page: Page, locale: 'fa' | 'en', token = ADMIN_TOKEN): Promise<void> {
  await page.goto(`${server.url}/${locale}/insights/`, { waitUntil: 'load' });
  await page.locator('#insights-token-input').fill(token);
  await page.locator('#insights-token button[type="submit"]').click();
}

const CASES = [
  { locale: 'fa', description: 'مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه', expected: 'fa/modem-red-light', one: '۱' },
  { locale: 'en', description: 'My modem light is red and the internet does not connect', expected: 'en/modem-red-light', one: '1' },
] as const;

describe('a deflection on the contact page shows on the insights page', () => {
  test.each(CASES)('$locale: suggestion shown, opened, "this solved my problem" → one confirmed deflection', async ({ locale, description, expected, one }) => {
    const { page, context, errors } = await open(`/${locale}/contact/`);
    try {
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
      await page.locator('textarea[name="description"]').pressSequentially(description, { delay: 10 });
      const answer = page.locator(`[role="option"][data-id="${expected}"]`);
      await answer.waitFor();
      await answer.click();
      await page.locator('.contact-preview__body:not([hidden])').waitFor();
      await page.locator('.contact-preview__actions .button').first().click();
      await page.locator('.contact-done').waitFor();

      // Leaving the page sends the batch (pagehide → sendBeacon); then the insights page in the same tab.
      await signIn(page, locale);
      const report = await reportWhen(`locale=${locale}`, (r) => r.funnel.total.confirmed === 1);
      expect(report.funnel.total).toMatchObject({ confirmed: 1, probable: 0, informedButFiled: 0, ignored: 0, gap: 0, withSuggestions: 1 });
      expect(report.articles.deflections).toEqual([expect.objectContaining({ id: expected, count: 1 })]);

      await page.locator('#insights-locale').selectOption(locale);
      await page.locator('#insights-filters button[type="submit"]').click();
      const confirmed = page.locator('[data-bucket="confirmed"] td');
      await expect.poll(() => confirmed.textContent()).toBe(one);
      expect(await page.locator('[data-bucket="informedButFiled"] td').textContent()).toBe(locale === 'fa' ? '۰' : '0');
      expect(await page.locator(`#insights-report tr[data-id="${expected}"] td`).first().textContent()).toBe(one);
      // The chart is drawn, and it says where the same numbers are as text.
      await page.locator('#insights-funnel-chart').waitFor();
      expect(await page.locator('#insights-funnel-chart').getAttribute('role')).toBe('img');
      expect(await page.locator('#insights-funnel-chart').evaluate((canvas: HTMLCanvasElement) => canvas.width > 0)).toBe(true);
      if (locale === 'fa') {
        // Persian digits and Solar Hijri days, right to left.
        expect(await page.locator('#insights-report').textContent()).not.toMatch(/[0-9]/);
        expect(await page.locator('tr[data-day] time').first().textContent()).toMatch(/^[۰-۹]+ [\u0600-\u06FF]+ [۰-۹]{4}$/);
        expect(await page.evaluate(() => getComputedStyle(document.querySelector('#insights-report table')!).direction)).toBe('rtl');
      }
      await page.screenshot({ path: join(SCREENSHOTS, `insights-${locale}-deflection.png`), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the widget on another origin', () => {
  test('its events cross to the help center: opened and "this solved my problem" count as a confirmed deflection', async () => {
    const before = await adminGet<Report>(server, '/insights?locale=en', ADMIN_TOKEN);
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(`${thirdParty.url}/demo/ticket-form.html?lang=en&helpCenter=${encodeURIComponent(server.url)}`, { waitUntil: 'load' });
      expect(new URL(page.url()).origin).not.toBe(new URL(server.url).origin);
      await page.locator('#description').pressSequentially('I forgot my password and cannot sign in', { delay: 10 });
      const first = page.locator('rahnama-suggest [role="option"]').first();
      await first.waitFor();
      const [tab] = await Promise.all([context.waitForEvent('page'), first.click()]);
      await tab.close();
      await page.locator('rahnama-suggest .ask button').first().click();
      await page.locator('rahnama-suggest .done').waitFor();
      // The customer leaves the help desk's page: the batch goes out by beacon to the help center's API.
      await page.goto('about:blank');
      const report = await reportWhen('locale=en', (r) => r.funnel.total.confirmed === (before.funnel.total.confirmed as number) + 1);
      expect(report.funnel.total.confirmed).toBe((before.funnel.total.confirmed as number) + 1);
      expect(report.funnel.total.withSuggestions).toBe((before.funnel.total.withSuggestions as number) + 1);
    } finally {
      await context.close();
    }
  });
});

describe('article votes and searches', () => {
  test('a "not helpful" vote with a reason on a Persian article, and a keyboard "yes" on an English one, reach the helpfulness table', async () => {
    const { page, context, errors } = await open('/fa/articles/slow-internet/');
    try {
      const box = page.locator('[data-helpful]');
      await box.waitFor();
      expect(await box.getAttribute('data-helpful')).toBe('fa/slow-internet');
      await box.locator('[data-vote="no"]').click();
      const reason = box.locator('textarea');
      expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
      await reason.fill('مراحل با مودم من فرق دارد');
      await box.locator('button[type="submit"]').click();
      const thanks = box.locator('.helpful__thanks');
      await expect.poll(() => thanks.textContent()).toMatch(/ممنون/);
      expect(await thanks.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await box.locator('[data-vote]').first().isVisible()).toBe(false);
      await page.screenshot({ path: join(SCREENSHOTS, 'helpful-fa-thanks.png') });

      // The English guide: Tab to "Yes" and press Enter.
      await page.goto(`${server.url}/en/videos/run-a-speed-test/`, { waitUntil: 'load' });
      const yes = page.locator('[data-helpful] [data-vote="yes"]');
      await yes.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-helpful] .helpful__thanks').textContent()).toMatch(/Thank you/);

      await signIn(page, 'fa');
      const report = await reportWhen('', (r) => r.articles.helpfulness.length === 2);
      expect(report.articles.helpfulness).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'fa/slow-internet', helpful: 0, notHelpful: 1, reasons: ['مراحل با مودم من فرق دارد'] }),
          expect.objectContaining({ id: 'en/run-a-speed-test', helpful: 1, notHelpful: 0 }),
        ]),
      );
      // The page was opened before the votes were written: update it.
      await page.locator('#insights-filters button[type="submit"]').click();
      const row = page.locator('#insights-report tr[data-id="fa/slow-internet"]');
      await row.waitFor();
      expect(await row.locator('td').nth(0).textContent()).toBe('۰');
      expect(await row.locator('td').nth(1).textContent()).toBe('۱');
      expect(await row.locator('td').nth(3).textContent()).toContain('مراحل با مودم من فرق دارد');
      expect(await page.locator('#insights-report tr[data-id="en/run-a-speed-test"] td').first().textContent()).toBe('۱');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a search with no results in the header box becomes a content gap', async () => {
    const { page, context } = await open('/en/videos/');
    try {
      const input = page.locator('#site-search input[name="q"]');
      await input.click();
      await input.pressSequentially('zanzibar teleporter', { delay: 20 });
      await page.locator('#site-search .site-search__empty').waitFor();
      // Settled after a pause; then the customer leaves and the batch goes out.
      await page.waitForTimeout(1800);
      await page.goto(`${server.url}/en/`, { waitUntil: 'load' });
      const report = await reportWhen('', (r) => r.gaps.some((gap) => gap.examples.includes('zanzibar teleporter')));
      const gap = report.gaps.find((g) => g.examples.includes('zanzibar teleporter'));
      expect(gap).toMatchObject({ noResults: 1 });
    } finally {
      await context.close();
    }
  });
  test('the search results page records the search and the result opened, in one session', async () => {
    // Beacons are not visible to Playwright's request events: the report tells what arrived. A session that saw
    // results and opened one, less than the deflection window ago, is "pending".
    const before = await adminGet<Report>(server, '/insights?locale=en', ADMIN_TOKEN);
    const { page, context } = await open('/en/search/?q=modem%20red%20light');
    try {
      const first = page.locator('#search-results a.search-result__title').first();
      const href = (await first.getAttribute('href'))!;
      await first.click();
      await page.waitForURL((url) => url.pathname === new URL(href, server.url).pathname);
      const report = await reportWhen('locale=en', (r) => r.funnel.total.pending === (before.funnel.total.pending as number) + 1);
      expect(report.funnel.total).toMatchObject({
        pending: (before.funnel.total.pending as number) + 1,
        withSuggestions: (before.funnel.total.withSuggestions as number) + 1,
        sessions: (before.funnel.total.sessions as number) + 1,
      });
    } finally {
      await context.close();
    }
  });
});

describe('the insights page', () => {
  test('a wrong token is refused and the sign-in form says so; the right one is kept for the tab only', async () => {
    const { page, context } = await open('/en/insights/');
    try {
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      await signIn(page, 'en', 'not-the-token-0000000000');
      await expect.poll(() => page.locator('#insights-token-error').textContent()).toMatch(/not accepted/);
      expect(await page.locator('#insights-token-input').getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => sessionStorage.getItem('rahnama:insights-token'))).toBeNull();
      await signIn(page, 'en');
      await page.locator('[data-bucket="confirmed"]').waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('rahnama:insights-token'))).toBe(ADMIN_TOKEN);
      // Reloading the tab keeps the token; a new tab (context) asks again.
      await page.reload({ waitUntil: 'load' });
      await page.locator('[data-bucket="confirmed"]').waitFor();
      const other = await context.browser()!.newContext();
      const fresh = await other.newPage();
      await fresh.goto(`${server.url}/en/insights/`, { waitUntil: 'load' });
      await fresh.locator('#insights-token-input').waitFor({ state: 'visible' });
      await other.close();
    } finally {
      await context.close();
    }
  });

  test('CSV export downloads the report with the token', async () => {
    const { page, context } = await open('/en/insights/');
    try {
      await signIn(page, 'en');
      await page.locator('[data-bucket="confirmed"]').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#insights-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^rahnama-insights-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('section,day,id,title,terms,metric,value');
      const report = await adminGet<Report>(server, `/insights?tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`, ADMIN_TOKEN);
      expect(csv).toContain(`funnel,total,,,,confirmed,${report.funnel.total.confirmed}`);
      expect(csv).toContain(`funnel,total,,,,sessions,${report.funnel.total.sessions}`);
    } finally {
      await context.close();
    }
  });

  test('fa: days are Solar Hijri, typed in any digits or chosen from the calendar by keyboard, and reach the API as Gregorian days', async () => {
    const { page, context, errors } = await open('/fa/insights/');
    try {
      await signIn(page, 'fa');
      await page.locator('[data-bucket="confirmed"]').waitFor();
      const range = defaultRange(Date.now(), FA_TIME_ZONE);
      const from = page.locator('#insights-from');
      const to = page.locator('#insights-to');
      expect(await from.inputValue()).toBe(formatSolarInput(range.from));
      expect(await page.locator('#insights-from-shown').textContent()).toBe(formatDay(range.from, 'fa'));

      // Typed in Arabic-Indic digits without leading zeros: understood, then written back in Persian digits.
      const toDay = addDays(range.to, -3);
      const { year, month, day } = toSolar(toDay);
      await to.fill(`${year}/${month}/${day}`.replace(/[0-9]/g, (digit) => '٠١٢٣٤٥٦٧٨٩'[Number(digit)]!));
      expect(await page.locator('#insights-to-shown').textContent()).toBe(formatDay(toDay, 'fa'));
      await to.press('Tab');
      expect(await to.inputValue()).toBe(formatSolarInput(toDay));

      // The calendar: opens on the field's day; Page Up goes a month back, ← is the next day (right to left); Enter chooses.
      const opener = page.locator('#insights-from + .insights-day__open');
      await opener.click();
      const dialog = page.locator('.day-calendar[role="dialog"]:visible');
      await dialog.waitFor();
      expect(await opener.getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-day'))).toBe(range.from);
      expect(await dialog.locator('[aria-selected="true"] button').getAttribute('data-day')).toBe(range.from);
      expect(await dialog.locator('button[aria-current="date"]').count()).toBeLessThanOrEqual(1);
      const violations = await runAxe(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await page.keyboard.press('PageUp');
      await page.keyboard.press('ArrowLeft');
      const solar = toSolar(range.from);
      const previous = shiftSolarMonth(solar, -1);
      const chosen = addDays(fromSolar({ ...previous, day: Math.min(solar.day, solarMonthLength(previous.year, previous.month)) })!, 1);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-day'))).toBe(chosen);
      expect(await dialog.locator('h3').textContent()).toBe(`${SOLAR_MONTHS[toSolar(chosen).month - 1]} ${formatSolarInput(chosen).slice(0, 4)}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'insights-fa-calendar.png') });
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' }).catch(() => undefined);
      expect(await page.locator('.day-calendar:visible').count()).toBe(0);
      expect(await from.inputValue()).toBe(formatSolarInput(chosen));
      expect(await page.evaluate(() => document.activeElement?.classList.contains('insights-day__open'))).toBe(true);
      // Escape closes without choosing; focus goes back to the button.
      await opener.click();
      await dialog.waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      expect(await page.locator('.day-calendar:visible').count()).toBe(0);
      expect(await from.inputValue()).toBe(formatSolarInput(chosen));
      expect(await opener.getAttribute('aria-expanded')).toBe('false');

      await page.locator('#insights-filters button[type="submit"]').click();
      await page.waitForURL((url) => url.searchParams.get('from') === chosen && url.searchParams.get('to') === toDay);
      await expect.poll(() => page.locator('#insights-status').textContent()).toBe(`گزارش به‌روز شد: ${formatDay(chosen, 'fa')} تا ${formatDay(toDay, 'fa')}.`);

      // "This month" is the Solar Hijri month so far.
      await page.locator('[data-preset="month"]').click();
      const monthStart = fromSolar({ ...toSolar(range.to), day: 1 })!;
      await page.waitForURL((url) => url.searchParams.get('from') === monthStart && url.searchParams.get('to') === range.to);
      expect(await from.inputValue()).toBe(formatSolarInput(monthStart));
      expect(await page.locator('[data-preset="month"]').getAttribute('aria-pressed')).toBe('true');

      // Not a day (1404 has no 30 Esfand): the field says so and nothing is asked of the API.
      await to.fill('۱۴۰۴/۱۲/۳۰');
      await page.locator('#insights-filters button[type="submit"]').click();
      expect(await page.locator('#insights-to-error').textContent()).toBe(INSIGHTS_STRINGS.fa.dayInvalid);
      expect(await to.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('insights-to');
      expect(new URL(page.url()).searchParams.get('to')).toBe(range.to);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('en: a range that ends before it starts is refused at the field, before the API is asked', async () => {
    const { page, context } = await open('/en/insights/');
    try {
      await signIn(page, 'en');
      await page.locator('[data-bucket="confirmed"]').waitFor();
      // A link to the page with a range the wrong way round (the token is kept for the tab).
      await page.goto(`${server.url}/en/insights/?from=2026-11-20&to=2026-11-10`, { waitUntil: 'load' });
      await expect.poll(() => page.locator('#insights-from-error').textContent()).toBe(INSIGHTS_STRINGS.en.rangeOrder);
      expect(await page.locator('#insights-from').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#insights-report').textContent()).toBe('');
      await page.locator('#insights-from').fill('2026-11-01');
      expect(await page.locator('#insights-from-error').textContent()).toBe('');
      await page.locator('#insights-filters button[type="submit"]').click();
      await page.locator('[data-bucket="confirmed"]').waitFor();
      // A quick range fills both fields, loads, and shows itself pressed.
      const today = defaultRange(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone).to;
      await page.locator('[data-preset="days7"]').click();
      await page.waitForURL((url) => url.searchParams.get('from') === addDays(today, -6) && url.searchParams.get('to') === today);
      expect(await page.locator('#insights-from').inputValue()).toBe(addDays(today, -6));
      expect(await page.locator('[data-preset="days7"]').getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('[data-preset="days30"]').getAttribute('aria-pressed')).toBe('false');
    } finally {
      await context.close();
    }
  });

  test('warns when the help desk refuses tickets, and sends them again once it accepts them', async () => {
    const filed = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'مودم قرمز است', description: 'چراغ مودم قرمز است و اینترنت وصل نمی‌شود.', email: 'sara@example.com', locale: 'fa' }),
    });
    const { reference } = (await filed.json()) as { reference: string };
    type Delivery = { delivery: { state: string } };
    const stateWhen = async (state: string) => (await adminWhen<Delivery>(`/tickets/${reference}`, (ticket) => ticket.delivery.state === state)).delivery.state;
    expect(await stateWhen('refused')).toBe('refused');
    type Outbox = { undelivered: number; refused: number; lastFailure: { reference: string; error: string } | null };
    const outbox = await adminGet<Outbox>(server, '/outbox', ADMIN_TOKEN);
    expect(outbox.refused).toBeGreaterThanOrEqual(1);
    const { page, context } = await open('/fa/insights/');
    try {
      await signIn(page, 'fa');
      const note = page.locator('#insights-outbox');
      await note.waitFor();
      const text = (await note.textContent())!;
      expect(text).toMatch(/^[۰-۹]+ درخواست هنوز به سامانه‌ی پشتیبانی/);
      // The note names the latest failure, whichever ticket it is, and says the refused ones wait to be sent again.
      expect(text).toContain(outbox.lastFailure!.reference);
      expect(text).toContain('HTTP 422');
      // Every waiting ticket is one the help desk refused: the webhook settings are not the problem, so not named.
      expect(text).not.toContain('RAHNAMA_WEBHOOK_URL');
      expect(text).toContain(`سامانه‌ی پشتیبانی ${formatCount(outbox.refused, 'fa')} درخواست را چند بار پشت سر هم نپذیرفت`);
      expect(await note.getAttribute('role')).toBe('alert');
      await page.screenshot({ path: join(SCREENSHOTS, 'insights-fa-outbox.png'), fullPage: false });

      // The help desk accepts tickets again: "send them now" delivers the refused ticket and the note goes away.
      desk.answerFromNow(200);
      await page.locator('#insights-outbox-send').click();
      await page.getByText(/درخواست در صف ارسال قرار گرفت/).waitFor();
      expect(await stateWhen('delivered')).toBe('delivered');
      await note.waitFor({ state: 'hidden', timeout: 10_000 });
      expect(desk.requests.filter((request) => request.body.includes(reference)).map((request) => request.status)).toEqual([422, 200]);
    } finally {
      await context.close();
    }
  });

  test('the warning goes with the report when the token is forgotten', async () => {
    desk.answerFromNow(422);
    await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'Red modem light', description: 'The modem light is red and the internet is down.', email: 'sam@example.com', locale: 'en' }),
    });
    expect((await adminWhen<{ refused: number }>('/outbox', (outbox) => outbox.refused > 0)).refused).toBe(1);
    const { page, context } = await open('/en/insights/');
    try {
      await signIn(page, 'en');
      const note = page.locator('#insights-outbox');
      await note.waitFor();
      expect(await note.textContent()).toContain('Tickets your help desk refused several times in a row (HTTP 400, 410, 413 or 422): 1.');
      await page.locator('#insights-forget').click();
      expect(await note.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('is left out of the sitemap', async () => {
    const index = await (await fetch(`${server.url}/sitemap-0.xml`)).text();
    expect(index).toContain('/fa/articles/');
    expect(index).not.toContain('/insights/');
  });

  test.each(['fa', 'en'] as const)('axe finds no serious or critical problem on /%s/insights/ with data, in light and dark', async (locale) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await open(`/${locale}/insights/`, { colorScheme });
      try {
        const signInViolations = await runAxe(page);
        expect(signInViolations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
        await signIn(page, locale);
        await page.locator('#insights-funnel-chart').waitFor();
        await page.locator('#insights-rate-chart').waitFor();
        const violations = await runAxe(page);
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.screenshot({ path: join(SCREENSHOTS, `insights-${locale}-${colorScheme}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });
});
