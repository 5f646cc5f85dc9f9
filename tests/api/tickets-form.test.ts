/**
 * POST /api/v1/tickets/form, over real HTTP through the whole app: the contact page's form without its script files a
 * ticket and gets a page with the reference; a resent form gets the same ticket; bad fields and a database that
 * cannot take the write get pages saying what to do; the form's values pass the same checks as the JSON route's.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { LogEntry } from '../../api/middleware/access-log.ts';
import { openSqliteTicketStore, type SqliteTicketStore } from '../../api/tickets/sqlite-store.ts';
import type { TicketStore } from '../../api/tickets/store.ts';
import { fakeProvider } from './fake-index.ts';

const TOKEN = 'form-test-admin-token-0123456789';
let dir: string;
let store: SqliteTicketStore;
let failing = false;
/** The app's clock: the real time unless a test sets one. */
let fixedNow: number | null = null;
const created: string[] = [];
const entries: LogEntry[] = [];
let server: ServerType;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rahnama-tickets-form-'));
  store = openSqliteTicketStore({ dataDir: dir, referencePrefix: 'TZ' });
  // The store, except that create() fails while `failing` is set (a database that cannot take the write).
  const flaky: TicketStore = {
    create: (...args) => (failing ? Promise.reject(new Error('database is locked')) : store.create(...args)),
    get: (idOrReference) => store.get(idOrReference),
    findByIdempotencyKey: (key) => store.findByIdempotencyKey(key),
    list: (options) => store.list(options),
    close: () => store.close(),
  };
  const app = createApp({
    indexes: fakeProvider(),
    logger: { write: (entry) => entries.push(entry) },
    config: { allowedOrigins: ['https://desk.example.com', '*'], rateLimit: { max: 0, windowSeconds: 60 }, trustProxy: false, cacheSeconds: 60, version: 't' },
    tickets: { store: flaky, config: { adminToken: TOKEN }, onTicketCreated: (ticket) => created.push(ticket.id) },
    clock: { now: () => fixedNow ?? Date.now() },
  });
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const FA_FORM = {
  subject: 'چراغ اینترنت مودم قرمز است',
  description: 'مودمم چراغ قرمز میزنه و اینترنت از صبح وصل نمیشه.\r\nدوباره روشنش کردم.',
  email: 'sara@example.com',
  category: '',
  locale: 'fa',
};

/** What a browser sends for a form: application/x-www-form-urlencoded. */
function postForm(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1/tickets/form`, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });
}

async function adminTicket(reference: string) {
  const res = await fetch(`${base}/api/v1/admin/tickets/${reference}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; subject: string; description: string; email: string; locale: string; category: string | null };
}

describe('POST /api/v1/tickets/form under the rate limit', () => {
  test('the 429 is a page that says how long to wait, with Retry-After', async () => {
    const limited = createApp({
      indexes: fakeProvider(),
      logger: { write: () => undefined },
      config: { allowedOrigins: [], rateLimit: { max: 1, windowSeconds: 60 }, trustProxy: false, cacheSeconds: 60, version: 't' },
      peerAddress: () => '192.0.2.9',
      tickets: { store, config: { adminToken: null } },
    });
    const other = serve({ fetch: limited.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      await new Promise((resolve) => other.once('listening', resolve));
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/api/v1/tickets/form`;
      const send = () => fetch(url, { method: 'POST', body: new URLSearchParams({ ...FA_FORM, subject: 'محدودیت' }), headers: { 'Accept-Language': 'en-US' } });
      expect((await send()).status).toBe(201);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      const html = await refused.text();
      // The form says fa, but a refusal before the form is read goes by the Referer, then Accept-Language.
      expect(html).toContain('<html lang="en" dir="ltr">');
      expect(html).toContain(`Wait ${refused.headers.get('Retry-After')} seconds`);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe('POST /api/v1/tickets/form', () => {
  test('files the ticket and answers with a page in the form\'s language that shows the reference', async () => {
    const res = await postForm(FA_FORM);
    expect(res.status).toBe(201);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain('<h1>درخواست‌تان ثبت شد</h1>');
    const reference = /<strong dir="ltr">(TZ-[A-Z0-9]+)<\/strong>/.exec(html)?.[1];
    expect(reference).toBeDefined();
    expect(html).toContain('<bdi dir="ltr">sara@example.com</bdi>');
    expect(html).toContain('<a href="/fa/">');
    // Stored as the JSON route stores it: line breaks normalised, no topic chosen = no category.
    const ticket = await adminTicket(reference!);
    expect(ticket).toMatchObject({ subject: FA_FORM.subject, description: 'مودمم چراغ قرمز میزنه و اینترنت از صبح وصل نمیشه.\nدوباره روشنش کردم.', email: 'sara@example.com', locale: 'fa', category: null });
    expect(created).toContain(ticket.id);
    expect(entries.at(-2)).toMatchObject({ method: 'POST', path: '/api/v1/tickets/form', status: 201, form: true, replayed: false });
  });

  test('the same form sent again (a reload, a double click) answers with the same ticket and files nothing new', async () => {
    const form = { ...FA_FORM, subject: 'اینترنت کند است', category: 'internet' };
    const first = await (await postForm(form)).text();
    const count = created.length;
    const again = await postForm(form);
    expect(again.status).toBe(201);
    const reference = (html: string) => /<strong dir="ltr">(TZ-[A-Z0-9]+)<\/strong>/.exec(html)?.[1];
    expect(reference(await again.text())).toBe(reference(first));
    expect(created).toHaveLength(count);
    expect((await adminTicket(reference(first)!)).category).toBe('internet');
    // Another description is another ticket.
    const other = await (await postForm({ ...form, description: `${form.description} و تلفن هم بوق ندارد.` })).text();
    expect(reference(other)).not.toBe(reference(first));
  });

  test('a form sent again just after the hour turns still answers with the first ticket, for an hour after it', async () => {
    const form = { ...FA_FORM, subject: 'تلفن بوق ندارد', description: 'از دیشب تلفن ثابت بوق ندارد و اینترنت هم قطع است.' };
    const reference = async (at: string) => {
      fixedNow = Date.parse(at);
      try {
        const res = await postForm(form);
        expect(res.status).toBe(201);
        return /<strong dir="ltr">(TZ-[A-Z0-9]+)<\/strong>/.exec(await res.text())?.[1];
      } finally {
        fixedNow = null;
      }
    };
    const count = created.length;
    const first = await reference('2026-11-22T10:59:59.500Z');
    expect(await reference('2026-11-22T11:00:00.200Z')).toBe(first);
    expect(await reference('2026-11-22T11:59:59.000Z')).toBe(first);
    expect(created).toHaveLength(count + 1);
    // An hour after the first, the same words are a new ticket (the problem came back).
    const later = await reference('2026-11-22T12:00:00.000Z');
    expect(later).not.toBe(first);
    expect(created).toHaveLength(count + 2);
  });

  test('bad fields get a page naming each one, in the form\'s language; nothing is filed', async () => {
    const count = created.length;
    const res = await postForm({ ...FA_FORM, subject: 'ab', email: 'not-an-address', category: 'Not A Slug' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<h1>درخواست فرستاده نشد</h1>');
    expect(html).toContain('<li>موضوع: بین ۳ تا ۲۰۰ نویسه بنویسید.</li>');
    expect(html).toContain('<li>ایمیل: یک نشانی درست بنویسید، مثل sara@example.com.</li>');
    expect(html).toContain('<li>دسته: یکی از دسته‌های فهرست را انتخاب کنید.</li>');
    expect(html).not.toContain('شرح مشکل');
    expect(created).toHaveLength(count);

    const en = await (await postForm({ subject: 'Modem', description: 'short', email: 'sam@example.com', locale: 'en' })).text();
    expect(en).toContain('<html lang="en" dir="ltr">');
    expect(en).toContain('<li>Description: write 10 to 5,000 characters.</li>');
  });

  test('a form missing its fields, or with an unknown language, answers in the browser\'s language', async () => {
    const missing = await postForm({ description: 'The internet light on my modem is red.' }, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<li>Subject: write 3 to 200 characters.</li>');
    expect(html).toContain('<li>Email: write a valid address, like sara@example.com.</li>');
    const unknown = await (await postForm({ ...FA_FORM, locale: 'de' })).text();
    expect(unknown).toContain('<html lang="fa" dir="rtl">');
    expect(unknown).toContain('<li>زبان فرم شناخته نشد. صفحه‌ی تماس را دوباره باز کنید.</li>');
  });

  test('markup in the fields never reaches the page unescaped', async () => {
    const res = await postForm({ ...FA_FORM, subject: '<script>alert(1)</script> مودم', email: 'x"onmouseover="alert(1)@example.com' });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('onmouseover="');
  });

  test('a database that cannot take the write gets a page saying nothing was filed, with Retry-After', async () => {
    failing = true;
    try {
      const res = await postForm({ ...FA_FORM, subject: 'اینترنت قطع است' });
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('5');
      const html = await res.text();
      expect(html).toContain('<h1>درخواست الان ذخیره نشد</h1>');
      expect(html).toContain('۱۵۷۰');
    } finally {
      failing = false;
    }
  });

  test('a post from another site\'s page is refused with a page, and nothing is filed; the help center\'s own and allowed origins pass', async () => {
    const form = { ...FA_FORM, subject: 'فرم از سایت دیگر', description: 'این فرم را سایت دیگری بی‌خبر از من فرستاده است.' };
    const count = created.length;
    // The page answers in the form's language, whatever the browser's.
    const crossSite = { 'Sec-Fetch-Site': 'cross-site', 'Accept-Language': 'en' };
    for (const origin of ['https://spam.example', 'null']) {
      const refused = await postForm(form, { ...crossSite, Origin: origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get('Content-Type')).toMatch(/^text\/html/);
      const html = await refused.text();
      expect(html).toContain('<h1>این فرم از وب‌سایت دیگری فرستاده شد</h1>');
      expect(html).toContain('<a href="/fa/contact/">');
      expect(entries.at(-1)).toMatchObject({ path: '/api/v1/tickets/form', status: 403, error: 'cross_site' });
    }
    // Not a form (a script's JSON would need CORS first): the API's JSON error.
    const json = await fetch(`${base}/api/v1/tickets/form`, { method: 'POST', headers: { ...crossSite, 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(403);
    expect((await json.json()).error.code).toBe('cross_site');
    expect(created).toHaveLength(count);

    // The help center's own pages, a sibling host, a typed URL, an allowed origin and clients without the header.
    const passing: Array<Record<string, string>> = [
      { 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://desk.example.com' },
      {},
    ];
    for (const [n, headers] of passing.entries()) {
      const res = await postForm({ ...form, description: `${form.description} (${n})` }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(201);
    }
    expect(created).toHaveLength(count + passing.length);
  });

  test('only form bodies: JSON gets the API\'s 415 as JSON', async () => {
    const json = await fetch(`${base}/api/v1/tickets/form`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(FA_FORM) });
    expect(json.status).toBe(415);
    expect((await json.json()).error.code).toBe('unsupported_media_type');
  });

  test('a body over the API\'s limit gets a page too, in the language of the page it came from', async () => {
    const huge = await postForm({ ...FA_FORM, description: 'x'.repeat(20_000) }, { Referer: `${base}/fa/contact/`, 'Accept-Language': 'en' });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await huge.text();
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain('<h1>درخواست بیش از اندازه بلند است</h1>');
    expect(entries.at(-1)).toMatchObject({ path: '/api/v1/tickets/form', status: 413, error: 'payload_too_large' });
  });

  test('the OpenAPI document describes it as a form route with HTML answers', async () => {
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    const operation = doc.paths['/api/v1/tickets/form'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(operation.responses['201'].content)).toEqual(['text/html']);
  });
});
