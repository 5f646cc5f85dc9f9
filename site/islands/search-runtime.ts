/**
 * The browser side of the site search, loaded on first use (first focus of a search box): fetches the locale's
 * index from the static site and searches it with the same core as the API. Kept out of the page's initial
 * JavaScript; the module and the index arrive only when a visitor starts to search.
 */
import { loadSearchIndex, suggest, type SearchIndex } from '../../search-index/core/index.ts';
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';
import { searchIndexPath } from '../../search-index/core/urls.ts';

const loaded = new Map<Locale, Promise<SearchIndex>>();

/** Fetches and loads a locale's index once; a failed fetch is retried on the next call. */
export function loadIndex(locale: Locale): Promise<SearchIndex> {
  let pending = loaded.get(locale);
  if (!pending) {
    pending = fetch(searchIndexPath(locale))
      .then((res) => {
        if (!res.ok) throw new Error(`search index: HTTP ${res.status}`);
        return res.json();
      })
      .then((json: unknown) => loadSearchIndex(json));
    pending.catch(() => loaded.delete(locale));
    loaded.set(locale, pending);
  }
  return pending;
}

export async function search(locale: Locale, text: string, limit: number): Promise<Suggestion[]> {
  return suggest(await loadIndex(locale), text, { limit });
}
