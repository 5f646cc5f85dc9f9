/**
 * The real server (node api/server.ts) on 127.0.0.1 and a random port, over a small built site in a temp folder:
 * static serving (types, ranges, index pages, 404, caching), the API behind the same port, the search page
 * rendered for ?q=, and index reload while requests are in flight.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSearchIndex, type IndexDocument, serialiseSearchIndex } from '../../search-index/core/index.ts';
import type { Locale } from '../../search-index/core/schemas.ts';
import { QUERY_INPUT_HOOK, RESULTS_MARKER } from '../../api/search-page.ts';
import { SEARCH_STRINGS } from '../../site/islands/search-strings.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const VIDEO = randomBytes(64 * 1024);

const DOCS: Record<Locale, IndexDocument[]> = {
  fa: [
    {
      kind: 'article',
      slug: 'modem-red-light',
      title: 'چراغ اینترنت مودم قرمز است',
      category: 'internet',
      sections: [{ heading: 'چراغ قرمز', anchor: 'چراغ-قرمز', text: 'اگر چراغ اینترنت مودم قرمز شد، کابل تلفن را بررسی کنید و مودم را خاموش و روشن کنید.' }],
    },
    { kind: 'article', slug: 'reset-password', title: 'بازیابی رمز عبور', category: 'account', sections: [{ text: 'رمز عبور خود را فراموش کرده‌اید؟ از صفحهٔ ورود کد پیامکی بگیرید.' }] },
  ],
  en: [
    { kind: 'article', slug: 'reset-password', title: 'Reset a forgotten password', category: 'account', sections: [{ text: 'Forgot your password? Ask for a code by SMS on the sign-in page.' }] },
    { kind: 'article', slug: 'modem-red-light', title: "Modem's internet light is red", category: 'internet', sections: [{ text: 'When the internet light on the modem is red, check the phone cable.' }] },
  ],
};

const EXTRA_EN_DOC: IndexDocument = {
  kind: 'article',
  slug: 'change-wifi-password',
  title: 'Change the Wi-Fi name and password',
  category: 'internet',
  sections: [{ text: 'Open the modem page and change the wireless network name and password.' }],
};

function writeIndex(dir: string, locale: Locale, docs: IndexDocument[], builtAt: string) {
  const file = join(dir, 'search', `${locale}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(serialiseSearchIndex(createSearchIndex(docs, locale, undefined, { builtAt }))));
}

function writeSite(dir: string) {
  const files: Record<string, string | Buffer> = {
    'fa/index.html': '<!doctype html><html lang="fa" dir="rtl"><title>خانه</title></html>',
    'en/index.html': '<!doctype html><html lang="en" dir="ltr"><title>Home</title></html>',
    'fa/search/index.html': `<!doctype html><html lang="fa" dir="rtl"><form><input name="q" ${QUERY_INPUT_HOOK}></form><div id="search-results">${RESULTS_MARKER}</div><script type="application/json" id="rahnama-search-strings">${JSON.stringify(
      SEARCH_STRINGS.fa,
    )}</script></html>`,
    '404.html': '<!doctype html><html><title>Not found</title><h1>Page not found 404</h1></html>',
    '_astro/island.Ab12Cd34.js': 'export const x = 1;',
    'media/videos/guide-fa.mp4': VIDEO,
    'fa/videos/guide.vtt': 'WEBVTT\n\n00:00.000 --> 00:02.000\nسلام\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  writeIndex(dir, 'fa', DOCS.fa, '2026-11-22T10:00:00.000Z');
  writeIndex(dir, 'en', DOCS.en, '2026-11-22T10:00:00.000Z');
}

let dir: string;
let child: ChildProcess;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rahnama-server-'));
  writeSite(dir);
  child = spawn(process.execPath, [join(ROOT, 'api/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RAHNAMA_SITE_DIR: dir, RAHNAMA_DATA_DIR: join(dir, 'data'), RAHNAMA_INDEX_POLL_MS: '50', RAHNAMA_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  base = await new Promise<string>((resolveUrl, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        logLines.push(line);
        const entry = JSON.parse(line);
        if (entry.msg === 'listening') resolveUrl(entry.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
});

afterAll(() => {
  child?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init: RequestInit = {}) => fetch(base + path, { redirect: 'manual', ...init });

type LoggedEntry = Record<string, unknown>;

/** The server's log entries so far, once one of them matches (or after 3 s, for the assertion to show what came). */
async function logEntriesWhen(found: (entry: LoggedEntry) => boolean, lines: readonly string[] = logLines): Promise<LoggedEntry[]> {
  const entries = () => lines.map((line) => JSON.parse(line) as LoggedEntry);
  for (let attempt = 0; attempt < 150 && !entries().some(found); attempt++) await new Promise((r) => setTimeout(r, 20));
  return entries();
}

/** A raw request, for paths fetch() would normalise. */
function rawGet(path: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const url = new URL(base);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes bytes to the server as they are and resolves with everything it sends back before closing. */
function rawExchange(bytes: Buffer): Promise<string> {
  return new Promise((resolveText, reject) => {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolveText(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('the static site', () => {
  test('/ redirects to /fa/', async () => {
    const res = await get('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/fa/');
  });

  test('a directory serves its index.html, revalidated; without the slash it redirects', async () => {
    const res = await get('/fa/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await res.text()).toContain('lang="fa" dir="rtl"');
    const bare = await get('/en');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('Location')).toBe('/en/');
  });

  test('hashed /_astro/ assets are cached for a year', async () => {
    const res = await get('/_astro/island.Ab12Cd34.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  test('transcripts are served as text/vtt', async () => {
    const res = await get('/fa/videos/guide.vtt');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/vtt; charset=utf-8');
    expect(await res.text()).toMatch(/^WEBVTT/);
  });

  test('video supports byte ranges, so the player can seek', async () => {
    const full = await get('/media/videos/guide-fa.mp4');
    expect(full.status).toBe(200);
    expect(full.headers.get('Content-Type')).toBe('video/mp4');
    expect(full.headers.get('Accept-Ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(VIDEO)).toBe(true);

    const part = await get('/media/videos/guide-fa.mp4', { headers: { Range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe(`bytes 1000-1999/${VIDEO.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(VIDEO.subarray(1000, 2000))).toBe(true);

    const tail = await get('/media/videos/guide-fa.mp4', { headers: { Range: 'bytes=-100' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(VIDEO.subarray(VIDEO.length - 100))).toBe(true);

    const outside = await get('/media/videos/guide-fa.mp4', { headers: { Range: `bytes=${VIDEO.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('Content-Range')).toBe(`bytes */${VIDEO.length}`);
  });

  test('If-Modified-Since gives 304 for an unchanged file', async () => {
    const first = await get('/fa/');
    const res = await get('/fa/', { headers: { 'If-Modified-Since': first.headers.get('Last-Modified') ?? '' } });
    expect(res.status).toBe(304);
  });

  test('unknown paths get the built 404 page with status 404', async () => {
    const res = await get('/fa/articles/no-such-article/');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Page not found 404');
  });

  test('paths never escape the site folder', async () => {
    expect(await rawGet('/../package.json')).toBe(404);
    expect(await rawGet('/%2e%2e/package.json')).toBe(404);
    expect(await rawGet('/fa/..%2f..%2fpackage.json')).toBe(404);
  });

  test('the search page is filled for ?q= and works without JavaScript', async () => {
    const res = await get(`/fa/search/?q=${encodeURIComponent('چراغ مودم قرمزه')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="چراغ مودم قرمزه" data-rahnama-query');
    expect(html).not.toContain(RESULTS_MARKER);
    expect(html).toMatch(/<a class="search-result__title" href="\/fa\/articles\/modem-red-light\/[^"]*">چراغ اینترنت مودم قرمز است<\/a>/);
    const plain = await (await get('/fa/search/')).text();
    expect(plain).toContain(RESULTS_MARKER);
  });
});

describe('the API on the same port', () => {
  test('health reports the built indexes', async () => {
    const body = await (await get('/api/v1/health')).json();
    expect(body.status).toBe('ok');
    expect(body.indexes.fa).toEqual({ loaded: true, articles: 2, videos: 0, builtAt: '2026-11-22T10:00:00.000Z' });
  });

  test('GET and POST suggest answer from the real core', async () => {
    const get1 = await (await get(`/api/v1/suggest?${new URLSearchParams({ q: 'مودمم چراغ قرمز میزنه', locale: 'fa' })}`)).json();
    expect(get1.suggestions[0].id).toBe('fa/modem-red-light');
    const post = await (
      await get('/api/v1/suggest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ description: 'I forgot my password', locale: 'en' }) })
    ).json();
    expect(post.suggestions[0].id).toBe('en/reset-password');
  });

  test('unknown API paths are JSON 404s, not the site 404 page', async () => {
    const res = await get('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  test('a URL with raw Persian letters, as a hand-typed curl sends it, gets a JSON 400 that says to percent-encode', async () => {
    const response = await rawExchange(Buffer.from('GET /api/v1/suggest?q=اینترنت&locale=fa HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'));
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Content-Type: application/json');
    expect(head).toContain('Connection: close');
    expect(JSON.parse(body!)).toEqual({
      error: {
        code: 'invalid_request',
        message: expect.stringContaining('must be percent-encoded: spaces and letters outside ASCII') as unknown as string,
      },
    });
    expect(await logEntriesWhen((entry) => entry.parserError === 'HPE_INVALID_URL')).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'request rejected by the HTTP parser', status: 400, parserError: 'HPE_INVALID_URL' }),
    );
  });

  test('headers beyond the HTTP parser limit get a JSON 431', async () => {
    const response = await rawExchange(Buffer.from(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(JSON.parse(body!).error.code).toBe('headers_too_large');
  });

  test('each request, API or site, writes one JSON log line', async () => {
    await (await get('/api/v1/ping', { headers: { 'X-Request-Id': 'server-test-1' } })).text();
    const page = await get('/fa/nothing-here/', { headers: { 'X-Request-Id': 'server-test-2' } });
    await page.text();
    expect(page.headers.get('X-Request-Id')).toBe('server-test-2');
    // Request lines are written in batches (RAHNAMA_LOG_FLUSH_MS); the later request's line comes with or after the first's.
    const entries = await logEntriesWhen((entry) => entry.requestId === 'server-test-2');
    const api = entries.filter((entry) => entry.requestId === 'server-test-1');
    const site = entries.filter((entry) => entry.requestId === 'server-test-2');
    expect(api).toHaveLength(1);
    expect(api[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/api/v1/ping', status: 200 });
    expect(site).toHaveLength(1);
    expect(site[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/fa/nothing-here/', status: 404 });
  });
});

describe('log lines written in batches', () => {
  /** Starts a second server over the same site with its own log; resolves once it listens. */
  function startLogged(env: Record<string, string>, script?: string) {
    const args = script ? ['--input-type=module', '-e', script] : [join(ROOT, 'api/server.ts')];
    const logged = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RAHNAMA_SITE_DIR: dir, RAHNAMA_DATA_DIR: join(dir, 'data-logged'), RAHNAMA_RATE_LIMIT: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    logged.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const complete = buffer.split('\n');
      buffer = complete.pop()!;
      lines.push(...complete);
    });
    const exited = new Promise<number | null>((resolveExit) => logged.once('exit', (code) => resolveExit(code)));
    return { logged, lines, exited };
  }

  test('a request line waits up to RAHNAMA_LOG_FLUSH_MS, and SIGTERM writes it before the server stops', async () => {
    const { logged, lines, exited } = startLogged({ RAHNAMA_LOG_FLUSH_MS: '10000' });
    const url = (await logEntriesWhen((entry) => entry.msg === 'listening', lines)).find((entry) => entry.msg === 'listening')?.url;
    expect(typeof url).toBe('string');
    await (await fetch(`${url}/api/v1/ping`, { headers: { 'X-Request-Id': 'batched-1' } })).text();
    await new Promise((r) => setTimeout(r, 300));
    expect(lines.join('\n')).not.toContain('batched-1');
    logged.kill('SIGTERM');
    expect(await exited).toBe(0);
    const messages = lines.map((line) => JSON.parse(line) as LoggedEntry).map((entry) => entry.requestId ?? entry.msg);
    expect(messages.indexOf('batched-1')).toBeGreaterThan(messages.indexOf('listening'));
    expect(messages.indexOf('stopping')).toBeGreaterThan(messages.indexOf('batched-1'));
  });

  test('a process that crashes still writes the request lines waiting to be written', async () => {
    // The server as `npm start` runs it (main()), then an uncaught error after one request.
    const script = `
      const { main } = await import(${JSON.stringify(join(ROOT, 'api/server.ts'))});
      const running = await main([]);
      await (await fetch(running.url + '/api/v1/ping', { headers: { 'X-Request-Id': 'before-crash' } })).text();
      throw new Error('crash for the test');`;
    const { lines, exited } = startLogged({ RAHNAMA_LOG_FLUSH_MS: '10000' }, script);
    expect(await exited).not.toBe(0);
    const entries = lines.map((line) => JSON.parse(line) as LoggedEntry);
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'request', requestId: 'before-crash', path: '/api/v1/ping', status: 200 }));
  });
});

describe('index reload', () => {
  test('a rebuilt index is picked up without a restart and without failing requests in flight', async () => {
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) {
        const res = await get(`/api/v1/suggest?${new URLSearchParams({ q: 'wifi password', locale: 'en' })}`);
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    })();
    // Like a build: remove the file, then write the new one in two steps (a half-written file first).
    const file = join(dir, 'search', 'en.json');
    rmSync(file);
    await new Promise((r) => setTimeout(r, 120));
    const fresh = JSON.stringify(serialiseSearchIndex(createSearchIndex([...DOCS.en, EXTRA_EN_DOC], 'en', undefined, { builtAt: '2026-11-22T11:00:00.000Z' })));
    writeFileSync(file, fresh.slice(0, fresh.length / 2));
    await new Promise((r) => setTimeout(r, 120));
    writeFileSync(file, fresh);

    let health: { indexes: { en: { articles: number; builtAt: string } } } | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      health = await (await get('/api/v1/health')).json();
      if (health?.indexes.en.builtAt === '2026-11-22T11:00:00.000Z') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    stop = true;
    await load;
    expect(health?.indexes.en).toMatchObject({ articles: 3, builtAt: '2026-11-22T11:00:00.000Z' });
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const after = await (await get(`/api/v1/suggest?${new URLSearchParams({ q: 'change wifi name', locale: 'en' })}`)).json();
    expect(after.suggestions[0].id).toBe('en/change-wifi-password');
    const messages = logLines.map((line) => JSON.parse(line).msg);
    expect(messages).toContain('index load failed');
    expect(messages).toContain('index reloaded');
  });
});
