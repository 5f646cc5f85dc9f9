import { describe, expect, test } from 'vitest';
import { CONFIG_DEFAULTS, parseApiConfig } from '../../api/config.ts';
import { localeFromAcceptLanguage } from '../../api/locale.ts';
import { cleanInput, cleanOutput, toLogLine } from '../../api/text.ts';

describe('cleanInput', () => {
  test.each([
    ['plain text', 'modem red', 'modem red'],
    ['tabs and newlines become spaces', 'a\tb\nc\r\nd', 'a b c  d'],
    ['C1 controls become spaces', 'a\u0085b\u009bc', 'a b c'],
    ['DEL becomes a space', 'a\u007fb', 'a b'],
    ['bidi overrides are removed', '\u202eabc\u202c', 'abc'],
    ['bidi isolates are removed', '\u2066x\u2069\u2067y\u2068', 'xy'],
    ['marks are removed', 'a\u200eb\u200fc\u061cd', 'abcd'],
    ['a leading BOM is removed', '\ufeffمودم', 'مودم'],
    ['ZWNJ (Persian half-space) is kept', 'می\u200cخواهم', 'می\u200cخواهم'],
    ['ZWJ is kept', 'a\u200db', 'a\u200db'],
    ['line separators become spaces', 'a\u2028b\u2029c', 'a b c'],
  ])('%s', (_name, input, expected) => {
    expect(cleanInput(input)).toBe(expected);
  });

  test('cleanOutput removes without adding spaces', () => {
    expect(cleanOutput('<mark>a</mark>\u202e\u0007b')).toBe('<mark>a</mark>b');
  });
});

describe('toLogLine', () => {
  test('escapes every control and bidi character and stays valid JSON', () => {
    const entry = { msg: 'x\u202ey\u0085z\n\u2066\u200f' };
    const line = toLogLine(entry);
    expect(line).toBe('{"msg":"x\\u202ey\\u0085z\\n\\u2066\\u200f"}');
    expect(JSON.parse(line)).toEqual(entry);
  });

  test('leaves Persian text readable', () => {
    expect(toLogLine({ msg: 'مودم‌ها' })).toBe('{"msg":"مودم‌ها"}');
  });
});

describe('localeFromAcceptLanguage', () => {
  test.each([
    [undefined, 'fa'],
    ['', 'fa'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['fa-IR,fa;q=0.9,en;q=0.8', 'fa'],
    ['de,en;q=0.5', 'en'],
    ['en;q=0.4,fa;q=0.6', 'fa'],
    ['FA', 'fa'],
    ['en;q=0', 'fa'],
    ['de,fr', 'fa'],
    ['*', 'fa'],
  ])('%j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('parseApiConfig', () => {
  test('no variables give the safe defaults', () => {
    expect(parseApiConfig({}, '1.0.0')).toEqual({
      allowedOrigins: [],
      rateLimit: CONFIG_DEFAULTS.rateLimit,
      trustProxy: false,
      cacheSeconds: 60,
      version: '1.0.0',
    });
  });

  test('reads every variable', () => {
    expect(
      parseApiConfig(
        {
          RAHNAMA_ALLOWED_ORIGINS: 'https://shop.tiznet.example, http://localhost:3000/',
          RAHNAMA_RATE_LIMIT: '30/10',
          RAHNAMA_TRUST_PROXY: 'true',
          RAHNAMA_CACHE_SECONDS: '0',
        },
        '2',
      ),
    ).toEqual({
      allowedOrigins: ['https://shop.tiznet.example', 'http://localhost:3000'],
      rateLimit: { max: 30, windowSeconds: 10 },
      trustProxy: true,
      cacheSeconds: 0,
      version: '2',
    });
  });

  test.each([
    ['off', { max: 0, windowSeconds: 60 }],
    ['0', { max: 0, windowSeconds: 60 }],
    ['90', { max: 90, windowSeconds: 60 }],
    ['5/1s', { max: 5, windowSeconds: 1 }],
  ])('RAHNAMA_RATE_LIMIT=%s', (value, expected) => {
    expect(parseApiConfig({ RAHNAMA_RATE_LIMIT: value }, '1').rateLimit).toEqual(expected);
  });

  test.each([
    [{ RAHNAMA_RATE_LIMIT: 'lots' }, 'api/config: RAHNAMA_RATE_LIMIT expected "<requests>/<seconds>" like "120/60", or "off", got "lots"'],
    [{ RAHNAMA_RATE_LIMIT: '10/0' }, 'api/config: RAHNAMA_RATE_LIMIT expected "<requests>/<seconds>" like "120/60", or "off", got "10/0"'],
    [{ RAHNAMA_ALLOWED_ORIGINS: 'shop.example' }, 'api/config: RAHNAMA_ALLOWED_ORIGINS expected comma-separated origins like "https://shop.example", got "shop.example"'],
    [{ RAHNAMA_ALLOWED_ORIGINS: 'https://shop.example/path' }, 'api/config: RAHNAMA_ALLOWED_ORIGINS expected comma-separated origins like "https://shop.example", got "https://shop.example/path"'],
    [{ RAHNAMA_TRUST_PROXY: 'maybe' }, 'api/config: RAHNAMA_TRUST_PROXY expected true or false, got "maybe"'],
    [{ RAHNAMA_CACHE_SECONDS: '-1' }, 'api/config: RAHNAMA_CACHE_SECONDS expected an integer from 0 to 86400, got "-1"'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => parseApiConfig(env, '1')).toThrow(message);
  });
});
