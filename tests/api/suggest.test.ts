import { describe, expect, test } from 'vitest';
import { fakeProvider } from './fake-index.ts';
import { postJson, suggestUrl, testApp } from './helpers.ts';

describe('GET /api/v1/suggest', () => {
  test('answers the suggestion shape with tookMs and the locale', async () => {
    const { app } = testApp();
    const res = await app.request(suggestUrl({ q: 'modem light red', locale: 'en' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.locale).toBe('en');
    expect(typeof body.tookMs).toBe('number');
    expect(body.suggestions[0]).toEqual({
      id: 'en/modem-red-light',
      kind: 'article',
      title: 'Modem light is red',
      url: '/en/articles/modem-red-light/',
      snippet: 'If the <mark>modem</mark> <mark>light</mark> is red, check the cable',
      category: 'internet',
      score: 6,
    });
  });

  test('searches Persian text in the fa index', async () => {
    const { app } = testApp();
    const body = await (await app.request(suggestUrl({ q: 'چراغ مودم قرمز', locale: 'fa' }))).json();
    expect(body.suggestions.map((s: { id: string }) => s.id)).toEqual(['fa/modem-red-light']);
  });

  test('takes the locale from Accept-Language when none is given', async () => {
    const { app } = testApp();
    const res = await app.request(suggestUrl({ q: 'password' }), { headers: { 'Accept-Language': 'de-DE,en;q=0.8,fa;q=0.5' } });
    const body = await res.json();
    expect(body.locale).toBe('en');
    expect(body.suggestions[0].id).toBe('en/reset-password');
    expect(res.headers.get('Vary')).toMatch(/Accept-Language/);
  });

  test('defaults to fa without locale or Accept-Language', async () => {
    const { app } = testApp();
    expect((await (await app.request(suggestUrl({ q: 'رمز عبور' }))).json()).locale).toBe('fa');
  });

  test('an explicit locale wins over Accept-Language', async () => {
    const { app } = testApp();
    const res = await app.request(suggestUrl({ q: 'x', locale: 'fa' }), { headers: { 'Accept-Language': 'en' } });
    expect((await res.json()).locale).toBe('fa');
  });

  test('empty, blank and missing q give an empty list without searching', async () => {
    const calls: string[] = [];
    const { app } = testApp({ indexes: fakeProvider(calls) });
    for (const url of [suggestUrl({ q: '' }), suggestUrl({ q: '  \t ' }), '/api/v1/suggest', suggestUrl({ q: '\u202e\u2066' })]) {
      const res = await app.request(url);
      expect(res.status).toBe(200);
      expect((await res.json()).suggestions).toEqual([]);
    }
    expect(calls).toEqual([]);
  });

  test('limit caps the number of suggestions', async () => {
    const { app } = testApp();
    const all = await (await app.request(suggestUrl({ q: 'modem password internet', locale: 'en' }))).json();
    expect(all.suggestions.length).toBe(3);
    const one = await (await app.request(suggestUrl({ q: 'modem password internet', locale: 'en', limit: '1' }))).json();
    expect(one.suggestions.length).toBe(1);
  });

  test('control and bidi characters are removed before searching and never reach the snippet', async () => {
    const calls: string[] = [];
    const { app } = testApp({ indexes: fakeProvider(calls) });
    const body = await (await app.request(suggestUrl({ q: 'modem\u202e\u0000light\u0085red\u2067', locale: 'en' }))).json();
    expect(calls).toEqual(['modem light red']);
    expect(body.suggestions[0].id).toBe('en/modem-red-light');
    expect(JSON.stringify(body)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test('snippets stay HTML-safe: only <mark> tags, content escaped', async () => {
    const { app } = testApp();
    const body = await (await app.request(suggestUrl({ q: 'speed slow', locale: 'en' }))).json();
    expect(body.suggestions[0].snippet).toBe('Test your <mark>speed</mark> &#60;b&#62;first&#60;/b&#62;');
  });

  test('keeps the Persian half-space (ZWNJ) in the searched text', async () => {
    const calls: string[] = [];
    const { app } = testApp({ indexes: fakeProvider(calls) });
    await app.request(suggestUrl({ q: 'فراموش کرده‌اید', locale: 'fa' }));
    expect(calls).toEqual(['فراموش کرده\u200cاید']);
  });
});

describe('POST /api/v1/suggest', () => {
  test('answers for a description in JSON', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', postJson({ description: 'I forgot my password', locale: 'en' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json();
    expect(body.suggestions[0].id).toBe('en/reset-password');
  });

  test('searches the subject together with the description', async () => {
    const calls: string[] = [];
    const { app } = testApp({ indexes: fakeProvider(calls) });
    await app.request('/api/v1/suggest', postJson({ subject: 'Red light', description: 'nothing\nloads', locale: 'en' }));
    expect(calls).toEqual(['Red light nothing loads']);
  });

  test('an empty description is an empty list, not an error', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', postJson({ description: '' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ suggestions: [], locale: 'fa' });
  });

  test('accepts a JSON content type with a charset', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/suggest', postJson({ description: 'password', locale: 'en' }, { 'Content-Type': 'application/json; charset=utf-8' }));
    expect(res.status).toBe(200);
  });
});

describe('GET /api/v1/health', () => {
  test('reports every locale loaded with counts, build time and version', async () => {
    const { app } = testApp();
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      version: '9.9.9-test',
      indexes: {
        fa: { loaded: true, articles: 2, videos: 0, builtAt: '2026-11-22T10:00:00.000Z' },
        en: { loaded: true, articles: 3, videos: 0, builtAt: '2026-11-22T10:00:00.000Z' },
      },
    });
  });

  test('answers 503 with the same shape while an index is missing', async () => {
    const indexes = fakeProvider();
    indexes.set('en', undefined);
    const { app } = testApp({ indexes });
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe('unavailable');
    expect(body.indexes.en).toEqual({ loaded: false, articles: 0, videos: 0, builtAt: null });
  });
});

describe('GET /api/v1/ping', () => {
  test('answers without touching the index', async () => {
    const indexes = fakeProvider();
    indexes.set('fa', undefined);
    indexes.set('en', undefined);
    const { app } = testApp({ indexes });
    const res = await app.request('/api/v1/ping');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
