import { afterEach, describe, expect, test, vi } from 'vitest';
import { batchedLogger, type LogEntry } from '../../api/middleware/access-log.ts';
import { fakeLocaleIndex, fakeProvider, FAKE_DOCS } from './fake-index.ts';
import { postJson, suggestUrl, testApp } from './helpers.ts';

describe('CORS allowlist', () => {
  const config = { allowedOrigins: ['https://shop.tiznet.example'] };

  test('an allowed origin is echoed, with Vary: Origin', async () => {
    const { app } = testApp({ config });
    const res = await app.request(suggestUrl({ q: 'x' }), { headers: { Origin: 'https://shop.tiznet.example' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.tiznet.example');
    expect(res.headers.get('Vary')).toMatch(/Origin/);
    expect(res.headers.get('Access-Control-Expose-Headers')).toMatch(/X-Request-Id/);
  });

  test('with an allowlist every response varies by Origin, a GET suggestion by Accept-Language too', async () => {
    const { app } = testApp({ config });
    const withoutOrigin = await app.request(suggestUrl({ q: 'x' }));
    expect(withoutOrigin.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(withoutOrigin.headers.get('Vary')).toMatch(/Origin/);
    expect(withoutOrigin.headers.get('Vary')).toMatch(/Accept-Language/);
    const error = await app.request('/api/v1/nope', { headers: { Origin: 'https://shop.tiznet.example' } });
    expect(error.status).toBe(404);
    expect(error.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.tiznet.example');
    expect(error.headers.get('Vary')).toBe('Origin');
  });

  test('without an allowlist, or with "*", responses do not vary by Origin', async () => {
    for (const allowedOrigins of [[], ['*']]) {
      const { app } = testApp({ config: { allowedOrigins } });
      const res = await app.request(suggestUrl({ q: 'x' }), { headers: { Origin: 'https://shop.tiznet.example' } });
      expect(res.headers.get('Vary')).toBe('Accept-Language');
    }
  });

  test('another origin gets no CORS header', async () => {
    const { app } = testApp({ config });
    const res = await app.request(suggestUrl({ q: 'x' }), { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  test('no origin is allowed by default', async () => {
    const { app } = testApp();
    const res = await app.request(suggestUrl({ q: 'x' }), { headers: { Origin: 'https://shop.tiznet.example' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  test('a preflight from an allowed origin lists the methods and headers', async () => {
    const { app } = testApp({ config });
    const res = await app.request('/api/v1/suggest', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.tiznet.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.tiznet.example');
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,POST');
    expect(res.headers.get('Access-Control-Allow-Headers')).toMatch(/Content-Type/);
  });

  test('"*" allows any origin', async () => {
    const { app } = testApp({ config: { allowedOrigins: ['*'] } });
    const res = await app.request(suggestUrl({ q: 'x' }), { headers: { Origin: 'https://anyone.example' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});

describe('security headers', () => {
  test.each(['/api/v1/suggest?q=x', '/api/v1/health', '/api/v1/nope'])('%s carries them', async (path) => {
    const { app } = testApp();
    const res = await app.request(path);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  test('errors carry them too', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', postJson('{'));
    expect(res.status).toBe(400);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('caching of GET responses', () => {
  test('suggest is cacheable for a short time and has a weak ETag', async () => {
    const { app } = testApp({ config: { cacheSeconds: 30 } });
    const res = await app.request(suggestUrl({ q: 'modem', locale: 'en' }));
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=30');
    expect(res.headers.get('ETag')).toMatch(/^W\/"[0-9a-z]+"$/);
  });

  test('If-None-Match with the ETag gives 304 without searching', async () => {
    const calls: string[] = [];
    const { app } = testApp({ indexes: fakeProvider(calls) });
    const first = await app.request(suggestUrl({ q: 'modem red', locale: 'en' }));
    const tag = first.headers.get('ETag') ?? '';
    const again = await app.request(suggestUrl({ q: 'modem  red', locale: 'en' }), { headers: { 'If-None-Match': tag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(tag);
    expect(await again.text()).toBe('');
    expect(calls).toEqual(['modem red']);
  });

  test('the ETag changes with the query, the limit, the locale and the index build', async () => {
    const indexes = fakeProvider();
    const { app } = testApp({ indexes });
    const tagOf = async (params: Record<string, string>) => (await app.request(suggestUrl(params))).headers.get('ETag');
    const base = await tagOf({ q: 'modem', locale: 'en' });
    expect(await tagOf({ q: 'modem', locale: 'en' })).toBe(base);
    expect(await tagOf({ q: 'router', locale: 'en' })).not.toBe(base);
    expect(await tagOf({ q: 'modem', locale: 'en', limit: '2' })).not.toBe(base);
    expect(await tagOf({ q: 'modem', locale: 'fa' })).not.toBe(base);
    indexes.set('en', fakeLocaleIndex('en', FAKE_DOCS.en, 'v2'));
    expect(await tagOf({ q: 'modem', locale: 'en' })).not.toBe(base);
  });

  test('health and the OpenAPI document revalidate with a strong ETag', async () => {
    const { app } = testApp();
    for (const path of ['/api/v1/health', '/api/v1/openapi.json']) {
      const first = await app.request(path);
      const tag = first.headers.get('ETag');
      expect(tag).toMatch(/^"/);
      expect((await app.request(path, { headers: { 'If-None-Match': tag ?? '' } })).status).toBe(304);
    }
  });
});

describe('request id and the log line', () => {
  test('every response has an X-Request-Id; a valid incoming one is kept', async () => {
    const { app, entries } = testApp();
    const generated = await app.request('/api/v1/health');
    expect(generated.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request('/api/v1/health', { headers: { 'X-Request-Id': 'ticket-form-42' } });
    expect(kept.headers.get('X-Request-Id')).toBe('ticket-form-42');
    const replaced = await app.request('/api/v1/health', { headers: { 'X-Request-Id': 'bad id; x' } });
    expect(replaced.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries.map((entry) => entry.requestId)).toEqual([
      generated.headers.get('X-Request-Id'),
      'ticket-form-42',
      replaced.headers.get('X-Request-Id'),
    ]);
  });

  test('one structured line per request, errors included, without the query text', async () => {
    const { app, lines } = testApp();
    await app.request(suggestUrl({ q: 'my secret modem problem', locale: 'en' }));
    await app.request('/api/v1/suggest', postJson({ description: 'x', limit: 99 }));
    await app.request('/api/v1/nope');
    expect(lines).toHaveLength(3);
    const [ok, invalid, missing] = lines.map((line) => JSON.parse(line));
    expect(ok).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/api/v1/suggest', status: 200, locale: 'en', results: 1 });
    expect(ok.time).toBe('2026-11-22T12:00:00.000Z');
    expect(typeof ok.ms).toBe('number');
    expect(lines[0]).not.toMatch(/secret/);
    expect(invalid).toMatchObject({ level: 'warn', method: 'POST', status: 400, error: 'invalid_request' });
    expect(missing).toMatchObject({ status: 404, error: 'not_found', path: '/api/v1/nope' });
  });

  test('control and bidi characters in a request never reach the log unescaped', async () => {
    const { app, lines } = testApp();
    await app.request('/api/v1/\u202eevil\u0085\u2066/path');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(lines[0]).status).toBe(404);
  });
});

describe('batched log writes', () => {
  const entry = (msg: string, level: LogEntry['level'] = 'info', extra: Record<string, unknown> = {}): LogEntry => ({ time: 't', level, msg, ...extra });
  const setup = (flushMs: number, maxChars?: number) => {
    const chunks: string[] = [];
    const logger = batchedLogger({ write: (chunk) => chunks.push(chunk), format: (e) => `${e.msg}:${e.n ?? ''}`, flushMs, maxChars });
    return { chunks, logger };
  };
  afterEach(() => vi.useRealTimers());

  test('request lines wait up to flushMs and go out together, in order, in one write', () => {
    vi.useFakeTimers();
    const { chunks, logger } = setup(100);
    logger.write(entry('request', 'info', { n: 1 }));
    vi.advanceTimersByTime(60);
    logger.write(entry('request', 'warn', { n: 2 }));
    expect(chunks).toEqual([]);
    // The wait runs from the first line of the batch, not the last.
    vi.advanceTimersByTime(40);
    expect(chunks).toEqual(['request:1\nrequest:2\n']);
    vi.advanceTimersByTime(1000);
    expect(chunks).toHaveLength(1);
  });

  test('any other line, or a request line at level error, is written at once after the waiting ones', () => {
    vi.useFakeTimers();
    const { chunks, logger } = setup(100);
    logger.write(entry('request', 'info', { n: 1 }));
    logger.write(entry('index reloaded'));
    expect(chunks).toEqual(['request:1\nindex reloaded:\n']);
    logger.write(entry('request', 'info', { n: 2 }));
    logger.write(entry('request', 'error', { n: 3 }));
    expect(chunks).toEqual(['request:1\nindex reloaded:\n', 'request:2\nrequest:3\n']);
    // Nothing is left for the timer to write.
    vi.advanceTimersByTime(1000);
    expect(chunks).toHaveLength(2);
  });

  test('a batch reaching maxChars is written without waiting; flushMs 0 writes every line', () => {
    vi.useFakeTimers();
    const big = setup(100, 20);
    big.logger.write(entry('request', 'info', { n: 'aaaa' }));
    expect(big.chunks).toEqual([]);
    big.logger.write(entry('request', 'info', { n: 'bbbb' }));
    expect(big.chunks).toEqual(['request:aaaa\nrequest:bbbb\n']);
    const each = setup(0);
    each.logger.write(entry('request', 'info', { n: 1 }));
    each.logger.write(entry('request', 'info', { n: 2 }));
    expect(each.chunks).toEqual(['request:1\n', 'request:2\n']);
  });

  test('flush() writes what waits, once; with nothing waiting it writes nothing', () => {
    vi.useFakeTimers();
    const { chunks, logger } = setup(100);
    logger.flush();
    expect(chunks).toEqual([]);
    logger.write(entry('request', 'info', { n: 1 }));
    logger.flush();
    logger.flush();
    vi.advanceTimersByTime(1000);
    expect(chunks).toEqual(['request:1\n']);
  });
});
