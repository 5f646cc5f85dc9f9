/**
 * The human-readable API reference (/api/v1/docs), rendered from the OpenAPI document itself so the two always
 * agree. Plain HTML and CSS, no script.
 */
import { LIMITS } from '../config.ts';
import { ERROR_CODES } from '../errors.ts';

interface SchemaObject {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  $ref?: string;
  anyOf?: SchemaObject[];
  nullable?: boolean;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: SchemaObject; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaObject }> }>;
}

export interface OpenApiDocumentLike {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

export const REFERENCE_CSS = `
:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.55}
body{max-inline-size:60rem;margin-inline:auto;padding:1rem 1.25rem 4rem}
h1{font-size:1.8rem}h2{margin-block-start:2.5rem;border-block-end:1px solid #8884;padding-block-end:.3rem}
code,pre{font-family:ui-monospace,monospace;font-size:.92em}
pre{background:#8881;padding:.75rem;overflow-x:auto;border-radius:.4rem}
table{border-collapse:collapse;inline-size:100%;margin-block:.5rem 1rem}
th,td{border:1px solid #8884;padding:.35rem .5rem;text-align:start;vertical-align:top}
.method{font-weight:700;text-transform:uppercase;padding-inline:.4rem;border-radius:.3rem;background:#2563eb22}
`;

function resolveRef(doc: OpenApiDocumentLike, schema: SchemaObject | undefined): SchemaObject | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.split('/').pop() ?? '';
  return doc.components?.schemas?.[name];
}

function typeLabel(doc: OpenApiDocumentLike, raw: SchemaObject | undefined): string {
  const schema = resolveRef(doc, raw);
  if (!schema) return '';
  if (raw?.$ref) return raw.$ref.split('/').pop() ?? '';
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map((option) => typeLabel(doc, option)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  if (type === 'array') return `array of ${typeLabel(doc, schema.items)}`;
  const bounds = [
    schema.minimum !== undefined && schema.maximum !== undefined ? `${schema.minimum}–${schema.maximum}` : '',
    schema.maxLength !== undefined ? `≤ ${schema.maxLength} chars` : '',
  ].filter(Boolean);
  return bounds.length ? `${type} (${bounds.join(', ')})` : type;
}

function describe(schema: SchemaObject | undefined, description?: string): string {
  const parts = [description ?? schema?.description ?? ''];
  if (schema?.default !== undefined) parts.push(`Default: <code>${escapeHtml(JSON.stringify(schema.default))}</code>.`);
  return parts.filter(Boolean).map((part, i) => (i === 0 ? escapeHtml(part) : part)).join(' ');
}

function fieldTable(doc: OpenApiDocumentLike, raw: SchemaObject | undefined): string {
  const schema = resolveRef(doc, raw);
  if (!schema?.properties) return '';
  const rows = Object.entries(schema.properties).map(
    ([name, property]) =>
      `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(typeLabel(doc, property))}</td><td>${
        schema.required?.includes(name) ? 'yes' : 'no'
      }</td><td>${describe(resolveRef(doc, property))}</td></tr>`,
  );
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function operationSection(doc: OpenApiDocumentLike, path: string, method: string, operation: Operation): string {
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(operation.responses ?? {});
  return `<section id="${escapeHtml(operation.operationId ?? `${method}-${path}`)}">
<h3><span class="method">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></h3>
<p><strong>${escapeHtml(operation.summary ?? '')}</strong></p>
${operation.description ? `<p>${escapeHtml(operation.description)}</p>` : ''}
${
  parameters.length
    ? `<h4>Query parameters</h4><table><thead><tr><th>Name</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escapeHtml(parameter.name)}</code></td><td>${escapeHtml(typeLabel(doc, parameter.schema))}</td><td>${
              parameter.required ? 'yes' : 'no'
            }</td><td>${describe(parameter.schema, parameter.description)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
}
${body ? `<h4>JSON body</h4>${fieldTable(doc, body)}` : ''}
<h4>Responses</h4><table><thead><tr><th>Status</th><th>Meaning</th></tr></thead><tbody>${responses
    .map(([status, response]) => `<tr><td>${escapeHtml(status)}</td><td>${escapeHtml(response.description ?? '')}</td></tr>`)
    .join('')}</tbody></table>
</section>`;
}

/** Renders the reference page for an OpenAPI document. */
export function renderReference(doc: OpenApiDocumentLike): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => operationSection(doc, path, method, operation)),
  );
  const suggestion = doc.components?.schemas?.Suggestion;
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style>${REFERENCE_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.info.title)} <small>v${escapeHtml(doc.info.version)}</small></h1>
${doc.info.description ? `<p>${escapeHtml(doc.info.description)}</p>` : ''}
<p>Machine-readable: <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a> (OpenAPI 3.1).</p>
<h2>Quick start</h2>
<pre>curl -G http://localhost:4321/api/v1/suggest --data-urlencode 'q=اینترنت قطع میشه' -d locale=fa

curl -X POST http://localhost:4321/api/v1/suggest \\
  -H 'Content-Type: application/json' \\
  -d '{"subject":"No internet","description":"The modem light is red and nothing loads","locale":"en"}'</pre>
<h2>Conventions</h2>
<ul>
<li>The locale comes from <code>locale</code>, then from <code>Accept-Language</code>, then defaults to <code>fa</code>.</li>
<li>Text is searched as written; empty or stopword-only text returns an empty list, not an error.</li>
<li>Limits: request bodies up to ${LIMITS.maxBodyBytes} bytes, descriptions up to ${LIMITS.maxTextChars} characters (413 beyond),
at most ${LIMITS.maxSuggestions} suggestions per request. A per-address rate limit answers 429 with <code>Retry-After</code>.</li>
<li>Every response carries an <code>X-Request-Id</code>; send your own (letters, digits, <code>-_=</code>) to correlate logs.</li>
<li>Browsers may call the API from the origins the operator allows (<code>RAHNAMA_ALLOWED_ORIGINS</code>).</li>
</ul>
<h2>Errors</h2>
<p>Every error has the same shape:</p>
<pre>{ "error": { "code": "invalid_request", "message": "Invalid \\"limit\\": expected an integer from 1 to 10.", "fields": { "limit": "expected an integer from 1 to 10" } } }</pre>
<table><thead><tr><th>Status</th><th><code>code</code></th></tr></thead><tbody>${Object.entries(ERROR_CODES)
    .map(([status, code]) => `<tr><td>${status}</td><td><code>${code}</code></td></tr>`)
    .join('')}</tbody></table>
<h2>Routes</h2>
${operations.join('\n')}
${suggestion ? `<h2>The Suggestion object</h2>${fieldTable(doc, suggestion)}` : ''}
</main>
</body>
</html>`;
}
