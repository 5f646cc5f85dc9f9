import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../api/config.ts';
import { ERROR_MESSAGES } from '../../api/errors.ts';
import type { IndexProvider } from '../../api/index-provider.ts';
import { fakeProvider } from './fake-index.ts';
import { postJson, suggestUrl, testApp } from './helpers.ts';

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  const body = await res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error as { code: string; message: string; fields?: Record<string, string> };
}

describe('400 names the invalid field', () => {
  test.each([
    [{ q: 'x', limit: '0' }, 'limit', 'expected an integer from 1 to 10'],
    [{ q: 'x', limit: '11' }, 'limit', 'expected an integer from 1 to 10'],
    [{ q: 'x', limit: 'ten' }, 'limit', 'expected an integer from 1 to 10'],
    [{ q: 'x', limit: '2.5' }, 'limit', 'expected an integer from 1 to 10'],
    [{ q: 'x', locale: 'de' }, 'locale', 'expected one of fa, en'],
  ])('GET %j → field "%s"', async (params, field, message) => {
    const { app } = testApp();
    const error = await expectError(await app.request(suggestUrl(params)), 400, 'invalid_request');
    expect(error.fields).toEqual({ [field]: message });
    expect(error.message).toBe(`Invalid "${field}": ${message}.`);
  });

  test('GET with q given twice is a 400 on q', async () => {
    const { app } = testApp();
    const error = await expectError(await app.request('/api/v1/suggest?q=a&q=b'), 400, 'invalid_request');
    expect(error.fields).toEqual({ q: 'expected a string' });
  });

  test.each([
    [{}, { description: 'expected a string' }],
    [{ description: 42 }, { description: 'expected a string' }],
    [{ description: 'x', limit: 0 }, { limit: 'expected an integer from 1 to 10' }],
    [{ description: 'x', limit: '3' }, { limit: 'expected an integer from 1 to 10' }],
    [{ description: 'x', locale: 'ar' }, { locale: 'expected one of fa, en' }],
    [{ description: 'x', subject: 'y'.repeat(LIMITS.maxSubjectChars + 1) }, { subject: 'expected at most 300 characters' }],
    [[], { body: 'expected a JSON object' }],
    ['"text"', { body: 'expected a JSON object' }],
  ])('POST %j → %j', async (body, fields) => {
    const { app } = testApp();
    const error = await expectError(await app.request('/api/v1/suggest', postJson(body)), 400, 'invalid_request');
    expect(error.fields).toEqual(fields);
  });

  test('POST with malformed JSON is a 400 on the body', async () => {
    const { app } = testApp();
    const error = await expectError(await app.request('/api/v1/suggest', postJson('{"description": "x"')), 400, 'invalid_request');
    expect(error).toEqual({ code: 'invalid_request', message: ERROR_MESSAGES.invalidJson, fields: { body: 'expected a JSON object' } });
  });
});

describe('404 and 405', () => {
  test('an unknown API path is a 404 in the error shape', async () => {
    const { app } = testApp();
    const error = await expectError(await app.request('/api/v1/nope'), 404, 'not_found');
    expect(error.message).toBe(ERROR_MESSAGES[404]);
  });

  test.each([
    ['PUT', '/api/v1/suggest', 'GET, HEAD, POST'],
    ['DELETE', '/api/v1/suggest', 'GET, HEAD, POST'],
    ['POST', '/api/v1/health', 'GET, HEAD'],
    ['PATCH', '/api/v1/openapi.json', 'GET, HEAD'],
  ])('%s %s is a 405 with Allow: %s', async (method, path, allow) => {
    const { app } = testApp();
    const res = await app.request(path, { method });
    await expectError(res, 405, 'method_not_allowed');
    expect(res.headers.get('Allow')).toBe(allow);
  });
});

describe('413 for large bodies and texts', () => {
  test('a body over 16 KB', async () => {
    const { app } = testApp();
    const body = JSON.stringify({ description: 'a', padding: 'x'.repeat(LIMITS.maxBodyBytes) });
    const error = await expectError(await app.request('/api/v1/suggest', postJson(body)), 413, 'payload_too_large');
    expect(error.message).toBe(ERROR_MESSAGES[413]);
  });

  test('a body over 16 KB sent without Content-Length (chunked)', async () => {
    const { app } = testApp();
    const chunk = new TextEncoder().encode(`{"description":"${'x'.repeat(4096)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await app.request(
      new Request('http://localhost/api/v1/suggest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    await expectError(res, 413, 'payload_too_large');
  });

  test('a description over 5,000 characters (but a body under 16 KB)', async () => {
    const { app } = testApp();
    const error = await expectError(
      await app.request('/api/v1/suggest', postJson({ description: 'x'.repeat(LIMITS.maxTextChars + 1) })),
      413,
      'payload_too_large',
    );
    expect(error.fields).toEqual({ description: 'expected at most 5000 characters' });
  });

  test('exactly 5,000 characters is accepted', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', postJson({ description: 'modem '.repeat(1000).slice(0, LIMITS.maxTextChars) }));
    expect(res.status).toBe(200);
  });

  test('a q over 5,000 characters', async () => {
    const { app } = testApp();
    await expectError(await app.request(suggestUrl({ q: 'y'.repeat(LIMITS.maxTextChars + 1) })), 413, 'payload_too_large');
  });
});

describe('415 for a non-JSON POST', () => {
  test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('Content-Type: %s', async (type) => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', { method: 'POST', headers: { 'Content-Type': type }, body: 'description=x' });
    const error = await expectError(res, 415, 'unsupported_media_type');
    expect(error.message).toBe(ERROR_MESSAGES[415]);
  });

  test('a body without a Content-Type', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', { method: 'POST', body: new Blob(['{"description":"x"}']) });
    await expectError(res, 415, 'unsupported_media_type');
  });
});

describe('429 rate limit', () => {
  test('the request over the budget gets 429 with Retry-After, and the budget returns after the window', async () => {
    const { app, clock } = testApp({ config: { rateLimit: { max: 3, windowSeconds: 10 } } });
    for (let i = 0; i < 3; i++) {
      const res = await app.request(suggestUrl({ q: 'x' }));
      expect(res.status).toBe(200);
      expect(res.headers.get('RateLimit-Remaining')).toBe(String(2 - i));
    }
    clock.advance(4000);
    const limited = await app.request(suggestUrl({ q: 'x' }));
    const error = await expectError(limited, 429, 'rate_limited');
    expect(error.message).toBe(ERROR_MESSAGES[429]);
    expect(limited.headers.get('Retry-After')).toBe('6');
    clock.advance(6000);
    expect((await app.request(suggestUrl({ q: 'x' }))).status).toBe(200);
  });

  test('addresses have separate budgets', async () => {
    const first = testApp({ config: { rateLimit: { max: 1, windowSeconds: 60 } }, peer: '192.0.2.1' });
    expect((await first.app.request('/api/v1/health')).status).toBe(200);
    expect((await first.app.request('/api/v1/health')).status).toBe(429);
    const { app } = testApp({ config: { rateLimit: { max: 1, windowSeconds: 60 }, trustProxy: true } });
    const from = (ip: string) => app.request('/api/v1/health', { headers: { 'X-Forwarded-For': `203.0.113.9, ${ip}` } });
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.2')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(429);
  });

  test('X-Forwarded-For is ignored unless the proxy is trusted', async () => {
    const { app } = testApp({ config: { rateLimit: { max: 1, windowSeconds: 60 } } });
    expect((await app.request('/api/v1/health', { headers: { 'X-Forwarded-For': '198.51.100.1' } })).status).toBe(200);
    expect((await app.request('/api/v1/health', { headers: { 'X-Forwarded-For': '198.51.100.2' } })).status).toBe(429);
  });

  test('a limit of 0 disables it', async () => {
    const { app } = testApp({ config: { rateLimit: { max: 0, windowSeconds: 60 } } });
    for (let i = 0; i < 5; i++) expect((await app.request('/api/v1/health')).status).toBe(200);
  });
});

describe('500 and 503', () => {
  test('an unexpected failure is a 500 without stack or internal message, and is logged', async () => {
    const failing: IndexProvider = {
      get: () => ({
        version: 'x',
        stats: { locale: 'fa', articles: 0, videos: 0, builtAt: '' },
        suggest: () => {
          throw new Error('secret internal detail at /srv/app/index.ts:12');
        },
      }),
    };
    const { app, entries } = testApp({ indexes: failing });
    const res = await app.request(suggestUrl({ q: 'x' }));
    const text = await res.clone().text();
    const error = await expectError(res, 500, 'internal_error');
    expect(error).toEqual({ code: 'internal_error', message: ERROR_MESSAGES[500] });
    expect(text).not.toMatch(/secret|index\.ts|at /);
    expect(entries.at(-1)).toMatchObject({ level: 'error', status: 500, error: 'internal_error', errorMessage: 'secret internal detail at /srv/app/index.ts:12' });
  });

  test('a locale whose index is not loaded is a 503 with Retry-After', async () => {
    const indexes = fakeProvider();
    indexes.set('fa', undefined);
    const { app } = testApp({ indexes });
    const res = await app.request(suggestUrl({ q: 'x', locale: 'fa' }));
    await expectError(res, 503, 'index_unavailable');
    expect(res.headers.get('Retry-After')).toBe('5');
    expect((await app.request(suggestUrl({ q: 'x', locale: 'en' }))).status).toBe(200);
  });
});
