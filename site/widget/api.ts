/**
 * The browser's client for POST /api/v1/suggest, shared by the contact page and the widget. It tells apart an
 * answer (possibly empty) from an API that cannot answer right now, which is when callers fall back to the static
 * index in the browser.
 */
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';

/** Give up on the API after this long and answer from the static index instead. */
export const API_TIMEOUT_MS = 4000;
export const SUGGEST_PATH = '/api/v1/suggest';

/** The API could not answer: network failure, timeout, 5xx, or 429 (over its rate limit). */
export class ApiUnavailable extends Error {
  readonly status: number | undefined;
  constructor(status?: number) {
    super(`suggest: the API cannot answer${status ? ` (HTTP ${status})` : ''}`);
    this.status = status;
  }
}

export interface SuggestRequest {
  subject: string;
  description: string;
  locale: Locale;
  limit: number;
}

/** Asks `<base>/api/v1/suggest`; `base` is '' for the same origin. Rejects with ApiUnavailable or an AbortError. */
export async function fetchSuggestions(base: string, request: SuggestRequest, signal: AbortSignal): Promise<Suggestion[]> {
  const timeout = AbortSignal.timeout(API_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(base + SUGGEST_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.any([signal, timeout]),
      credentials: 'omit',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiUnavailable();
  }
  if (response.status >= 500 || response.status === 429) throw new ApiUnavailable(response.status);
  if (!response.ok) throw new Error(`suggest: HTTP ${response.status}`);
  const body = (await response.json()) as { suggestions: Suggestion[] };
  return body.suggestions.slice(0, request.limit);
}
