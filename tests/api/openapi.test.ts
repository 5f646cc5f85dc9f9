/**
 * The OpenAPI document: valid OpenAPI 3.1 (structure, resolvable references, every schema a valid JSON Schema
 * 2020-12, the dialect OpenAPI 3.1 uses), listing exactly the routes the app serves, and describing what the
 * routes really answer.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { postJson, suggestUrl, testApp } from './helpers.ts';

type Json = Record<string, any>;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let doc: Json;
const { app } = testApp();

beforeAll(async () => {
  const res = await app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});

function newAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // OpenAPI 3.1 keywords that JSON Schema does not define are annotations, not errors.
  ajv.addKeyword('example');
  for (const [name, schema] of Object.entries<Json>(doc.components?.schemas ?? {})) ajv.addSchema(schema, `#/components/schemas/${name}`);
  return ajv;
}

/** Replaces component $refs by the schema itself, so a schema can be compiled on its own. */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (schema && typeof schema === 'object') {
    const ref = (schema as Json).$ref;
    if (typeof ref === 'string') return inline(resolve(ref));
    return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value)]));
  }
  return schema;
}

function resolve(ref: string): Json {
  expect(ref.startsWith('#/')).toBe(true);
  const target = ref
    .slice(2)
    .split('/')
    .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  expect(target, `unresolved ${ref}`).toBeTypeOf('object');
  return target;
}

function* walk(node: unknown): Generator<Json> {
  if (Array.isArray(node)) for (const item of node) yield* walk(item);
  else if (node && typeof node === 'object') {
    yield node as Json;
    for (const value of Object.values(node)) yield* walk(value);
  }
}

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1 with info', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Rahnama API', version: '9.9.9-test' });
    expect(typeof doc.info.description).toBe('string');
  });

  test('lists exactly the routes the app serves, with their methods', () => {
    const served = new Set(
      app.routes
        .filter((route) => route.path.startsWith('/api/v1/') && !route.path.endsWith('*') && HTTP_METHODS.includes(route.method.toLowerCase()))
        .map((route) => `${route.method.toLowerCase()} ${route.path}`),
    );
    const documented = new Set(
      Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => HTTP_METHODS.includes(key))
          .map((method) => `${method} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...served].sort());
    expect([...documented].sort()).toEqual([
      'get /api/v1/docs',
      'get /api/v1/health',
      'get /api/v1/openapi.json',
      'get /api/v1/ping',
      'get /api/v1/suggest',
      'post /api/v1/suggest',
    ]);
  });

  test('every operation has a unique operationId, a summary and described responses', () => {
    const ids = new Set<string>();
    for (const item of Object.values<Json>(doc.paths)) {
      for (const [method, operation] of Object.entries<Json>(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        expect(typeof operation.operationId).toBe('string');
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(typeof operation.summary).toBe('string');
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries<Json>(operation.responses)) {
          expect(status).toMatch(/^(?:[1-5]\d\d|[1-5]XX|default)$/);
          expect(typeof (response.$ref ? resolve(response.$ref) : response).description).toBe('string');
        }
        for (const parameter of operation.parameters ?? []) {
          expect(['query', 'header', 'path', 'cookie']).toContain(parameter.in);
          expect(typeof parameter.name).toBe('string');
          expect(parameter.schema).toBeTypeOf('object');
          if (parameter.in === 'path') expect(parameter.required).toBe(true);
        }
      }
    }
  });

  test('every $ref resolves and every schema is valid JSON Schema 2020-12', () => {
    const ajv = newAjv();
    for (const node of walk(doc)) if (typeof node.$ref === 'string') resolve(node.$ref);
    const schemas: unknown[] = [
      ...Object.values(doc.components?.schemas ?? {}),
      ...[...walk(doc.paths)].filter((node) => node.schema && typeof node.schema === 'object').map((node) => node.schema),
    ];
    expect(schemas.length).toBeGreaterThan(10);
    for (const schema of schemas) expect(() => ajv.compile(inline(schema) as Json)).not.toThrow();
  });

  test('documents every error status the suggest routes produce', () => {
    expect(Object.keys(doc.paths['/api/v1/suggest'].get.responses).sort()).toEqual(['200', '304', '400', '413', '429', '500', '503']);
    expect(Object.keys(doc.paths['/api/v1/suggest'].post.responses).sort()).toEqual(['200', '400', '413', '415', '429', '500', '503']);
  });
});

describe('responses match the documented schemas', () => {
  const validate = (schemaName: string, value: unknown) => {
    const check = newAjv().compile(inline({ $ref: `#/components/schemas/${schemaName}` }) as Json);
    expect(check(value), JSON.stringify(check.errors)).toBe(true);
  };

  test('suggest (GET and POST), health and errors', async () => {
    validate('SuggestResponse', await (await app.request(suggestUrl({ q: 'modem red', locale: 'en' }))).json());
    validate('SuggestResponse', await (await app.request('/api/v1/suggest', postJson({ description: 'password' }))).json());
    validate('Health', await (await app.request('/api/v1/health')).json());
    validate('Error', await (await app.request(suggestUrl({ limit: '0' }))).json());
    validate('Error', await (await app.request('/api/v1/suggest', { method: 'PUT' })).json());
  });

  test('the request schema rejects what the API rejects', () => {
    const check = newAjv().compile(inline({ $ref: '#/components/schemas/SuggestRequest' }) as Json);
    expect(check({ description: 'ok', limit: 3, locale: 'en' })).toBe(true);
    expect(check({ description: 'ok', limit: 11 })).toBe(false);
    expect(check({ description: 'x'.repeat(5001) })).toBe(false);
    expect(check({ subject: 'no description' })).toBe(false);
  });
});

describe('the reference page', () => {
  test('is HTML listing every route, with its own strict CSP', async () => {
    const res = await app.request('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    for (const id of ['suggestGet', 'suggestPost', 'health', 'ping', 'openapi', 'reference']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('<code>limit</code>');
    expect(html).toContain('<code>rate_limited</code>');
    expect(html).not.toMatch(/<script/i);
  });
});
