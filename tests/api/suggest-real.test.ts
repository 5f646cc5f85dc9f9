/**
 * The API over the real demo content: indexes built from content/ exactly as `npm run build` builds them
 * (collectContent + writeSearchIndexes into a temp folder), loaded by the server's index store, queried through
 * app.request(). Each description is worded the way a customer would type it, not the article's title; the
 * expected answer is the article a support agent would send.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createIndexStore, type IndexStore } from '../../api/store/index-store.ts';
import { collectContent } from '../../search-index/build/collect.ts';
import { writeSearchIndexes } from '../../search-index/build/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let store: IndexStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rahnama-real-'));
  await writeSearchIndexes(await collectContent(ROOT), { outDir: dir, log: () => undefined, builtAt: '2026-11-22T00:00:00.000Z' });
  store = createIndexStore({ dir, logger: { write: () => undefined }, pollMs: 0 });
  await store.ready;
  app = createApp({
    indexes: store,
    logger: { write: () => undefined },
    config: { allowedOrigins: [], rateLimit: { max: 0, windowSeconds: 60 }, trustProxy: false, cacheSeconds: 60, version: 'test' },
  });
});

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  id: string;
  kind: string;
  url: string;
  snippet: string;
  start?: number;
}

async function post(locale: 'fa' | 'en', description: string, subject?: string): Promise<Result[]> {
  const res = await app.request('/api/v1/suggest', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ description, locale, ...(subject ? { subject } : {}) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).suggestions;
}

describe('Persian descriptions find the right answer first', () => {
  test.each([
    ['مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه', 'fa/modem-red-light'],
    ['کد تایید پیامکی برام نمیاد', 'fa/sign-in-code-not-received'],
    ['پول از کارتم کم شد ولی قبض پرداخت نشد', 'fa/payment-failed-money-deducted'],
    ['گوشیم آنتن نمیده فقط تماس اضطراری', 'fa/no-mobile-signal'],
    ['سیم کارتم قفل شده کد پاک میخواد', 'fa/sim-puk-locked'],
    ['یه پیامک اومده که لینک داره میگه برنده شدی', 'fa/fake-sms-phishing'],
    ['حجم اینترنتم تموم شده', 'fa/traffic-finished'],
    ['میخوام خونمو عوض کنم اینترنت رو ببرم آدرس جدید', 'fa/move-to-new-address'],
    ['برای شرکت فاکتور رسمی میخوام', 'fa/official-invoice'],
    ['وقت نصب فیبر رو میخوام عوض کنم', 'fa/installation-appointment'],
    ['سفر خارج میرم سیمکارتم کار میکنه؟', 'fa/roaming-abroad'],
  ])('«%s» → %s', async (description, expected) => {
    expect((await post('fa', description))[0]?.id).toBe(expected);
  });

  // Tasks with a video guide of their own have two right answers, the article and the guide: both come first.
  test.each([
    ['رمزمو یادم رفته نمیتونم وارد حسابم بشم', ['fa/reset-password', 'fa/reset-password-walkthrough']],
    ['میخوام اسم و رمز وای فای رو عوض کنم', ['fa/change-wifi-password', 'fa/change-wifi-password-video']],
  ])('«%s» → %j, in either order', async (description, pair) => {
    expect((await post('fa', description)).slice(0, 2).map((s) => s.id).sort()).toEqual(pair);
  });
});

describe('English descriptions find the right answer first', () => {
  test.each([
    ['my modem light is red and the internet keeps dropping', 'en/modem-red-light'],
    ['the login code text message never arrives', 'en/sign-in-code-not-received'],
    ['payment failed but the money was taken from my card', 'en/payment-failed-money-deducted'],
    ['internet is really slow in the evenings', 'en/slow-internet'],
    ['phone says emergency calls only no signal', 'en/no-mobile-signal'],
    ['sim asks for PUK code locked', 'en/sim-puk-locked'],
    ['got a suspicious text with a link asking for my card number', 'en/fake-sms-phishing'],
    ['my monthly data ran out', 'en/traffic-finished'],
    ['moving house, want to take my internet to the new address', 'en/move-to-new-address'],
    ['need an official invoice for my company', 'en/official-invoice'],
    ['want to switch to tiznet but keep my number', 'en/keep-your-number'],
    ['wifi is weak in the bedroom', 'en/weak-wifi-signal'],
  ])('"%s" → %s', async (description, expected) => {
    expect((await post('en', description))[0]?.id).toBe(expected);
  });

  test.each([
    ['I forgot my password and cannot log in', ['en/reset-password', 'en/reset-password-walkthrough']],
    ['how do I change my wifi name and password', ['en/change-wifi-password', 'en/change-wifi-password-video']],
  ])('"%s" → %j, in either order', async (description, pair) => {
    expect((await post('en', description)).slice(0, 2).map((s) => s.id).sort()).toEqual(pair);
  });
});

describe('the answer points at the right place', () => {
  test('the curl of the README: GET in Persian returns internet articles', async () => {
    const res = await app.request(`/api/v1/suggest?${new URLSearchParams({ q: 'اینترنت قطع میشه', locale: 'fa' })}`);
    const body = await res.json();
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.every((s: Result) => s.id.startsWith('fa/'))).toBe(true);
  });

  test('a video suggestion links the second where the answer starts', async () => {
    const video = (await post('en', 'my modem light is red and the internet keeps dropping')).find((s) => s.kind === 'video');
    expect(video?.id).toBe('en/modem-lights-explained');
    expect(video?.url).toBe(`/en/videos/modem-lights-explained/?t=${video?.start}`);
  });

  test('snippets mark the matched words and contain no other markup', async () => {
    const [top] = await post('en', 'sim asks for PUK code locked');
    expect(top?.snippet).toMatch(/<mark>[^<]+<\/mark>/);
    expect(top?.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  test('the subject counts with the description', async () => {
    expect((await post('en', 'it started this morning', 'Official invoice for my company'))[0]?.id).toBe('en/official-invoice');
  });

  test('health reports the demo content (at least 40 articles and 6 video guides per locale)', async () => {
    const body = await (await app.request('/api/v1/health')).json();
    expect(body.status).toBe('ok');
    for (const locale of ['fa', 'en']) {
      expect(body.indexes[locale]).toMatchObject({ loaded: true, builtAt: '2026-11-22T00:00:00.000Z' });
      expect(body.indexes[locale].articles).toBeGreaterThanOrEqual(40);
      expect(body.indexes[locale].videos).toBeGreaterThanOrEqual(6);
    }
  });

  test('stopword-only text is an empty list', async () => {
    expect(await post('en', 'the and of to is')).toEqual([]);
    expect(await post('fa', 'و از به که این')).toEqual([]);
  });
});
