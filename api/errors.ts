/**
 * The API's one error type and one error shape: `{ "error": { "code", "message", "fields"? } }`.
 * Handlers throw ApiError; app.onError renders it (and anything else, as a 500 without details).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { LIMITS } from './config.ts';

/** Machine-readable error codes, one per status the API produces. */
export const ERROR_CODES = {
  400: 'invalid_request',
  403: 'cross_site',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
  500: 'internal_error',
  503: 'index_unavailable',
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

/** Default messages; tests assert them exactly. */
export const ERROR_MESSAGES = {
  400: 'The request is not valid; see "fields".',
  invalidJson: 'The request body is not valid JSON.',
  403: 'This route takes posts from another site\'s page only when its origin is in RAHNAMA_ALLOWED_ORIGINS.',
  404: 'There is no such API route. See /api/v1/docs.',
  405: 'This route does not accept that method; see the Allow header.',
  408: 'The request did not arrive in time.',
  413: `The request is too large: bodies up to ${LIMITS.maxBodyBytes} bytes and texts up to ${LIMITS.maxTextChars} characters.`,
  415: 'Send the request body as JSON with "Content-Type: application/json".',
  429: 'Too many requests from this address; retry after the number of seconds in Retry-After.',
  431: 'The request headers are too large.',
  /** Requests Node's HTTP parser rejects (api/server.ts). */
  invalidUrl:
    'The URL has characters that must be percent-encoded: spaces and letters outside ASCII, such as Persian. With curl: curl -G <url> --data-urlencode "q=<text>".',
  invalidHttp: 'The request is not valid HTTP/1.1.',
  chunkExtensions: 'The chunk extensions of the request body are too large.',
  500: 'Something went wrong on our side. The request id identifies it in our logs.',
  503: 'The search index is not loaded yet; retry shortly.',
} as const;

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** An error that renders itself as the API's JSON error shape. */
export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly fields?: Record<string, string>;
  readonly headers: Record<string, string>;

  constructor(status: ErrorStatus, options: { message?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {}) {
    super(options.message ?? ERROR_MESSAGES[status]);
    this.name = 'ApiError';
    this.status = status;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return { error: { code: ERROR_CODES[this.status], message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }

  /** Records the error's code for the request's log line. */
  record(c: Context): void {
    const logFields: unknown = c.get('logFields');
    if (logFields && typeof logFields === 'object') Object.assign(logFields, { error: ERROR_CODES[this.status] });
  }

  /** Renders the error and records its code for the request's log line. */
  render(c: Context): Response {
    this.record(c);
    return c.json(this.toBody(), this.status as ContentfulStatusCode, { 'Cache-Control': 'no-store', ...this.headers });
  }
}

/** Fields whose "too big" failure is a 413 (the text limit), not a 400. */
const TEXT_FIELDS = new Set(['q', 'description']);

/**
 * Turns a zod validation failure into an ApiError: 413 when a text is over the limit, otherwise 400 with one
 * message per field. The field is the dotted path; a failure of the whole body is reported as "body".
 */
export function validationError(error: ZodError, target: string): ApiError {
  const fields: Record<string, string> = {};
  let tooLarge = false;
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : target === 'json' ? 'body' : target;
    if (issue.code === 'too_big' && TEXT_FIELDS.has(field)) tooLarge = true;
    fields[field] ??= issue.message;
  }
  if (tooLarge) return new ApiError(413, { fields });
  const names = Object.keys(fields);
  return new ApiError(400, {
    message: `Invalid ${names.map((name) => `"${name}"`).join(', ')}: ${names.map((name) => fields[name]).join('; ')}.`,
    fields,
  });
}

/** Maps Hono's own HTTPExceptions (malformed JSON, media type, body limit) onto ApiError. */
export function fromHttpException(error: HTTPException): ApiError {
  if (error.status === 400) return new ApiError(400, { message: ERROR_MESSAGES.invalidJson, fields: { body: 'expected a JSON object' } });
  if (error.status in ERROR_CODES) return new ApiError(error.status as ErrorStatus);
  return new ApiError(500);
}
