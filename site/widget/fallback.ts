/**
 * /widget-fallback.js: answers the widget's questions in the browser when the API cannot, with the same search
 * core as the API and the site search. Loaded only then, so it does not count against the widget's budget.
 *
 * The index comes as a script, /widget-index/<locale>.js, from the same origin as this file: a third party's page
 * may load scripts from the help center without the help center sending CORS headers, which a fetch() of
 * /search/<locale>.json would need.
 */
import { loadSearchIndex, suggest, type SearchIndex } from '../../search-index/core/index.ts';
import type { Locale } from '../../search-index/core/schemas.ts';
import type { Suggestion } from '../../search-index/core/types.ts';
import { INDEX_CALLBACK, widgetIndexPath } from './paths.ts';

const HOME = new URL((document.currentScript as HTMLScriptElement | null)?.src || location.href).origin;
const loaded = new Map<Locale, Promise<SearchIndex>>();
const waiting = new Map<Locale, (json: unknown) => void>();

(window as unknown as Record<string, unknown>)[INDEX_CALLBACK] = (locale: Locale, json: unknown) => waiting.get(locale)?.(json);

function loadIndex(locale: Locale): Promise<SearchIndex> {
  let pending = loaded.get(locale);
  if (!pending) {
    pending = new Promise<unknown>((resolve, reject) => {
      waiting.set(locale, resolve);
      const script = document.createElement('script');
      script.src = HOME + widgetIndexPath(locale);
      script.onerror = () => reject(new Error(`rahnama-suggest: ${script.src} did not load`));
      document.head.append(script);
    }).then((json) => loadSearchIndex(json));
    pending.catch(() => loaded.delete(locale));
    loaded.set(locale, pending);
  }
  return pending;
}

const api = {
  async search(locale: Locale, text: string, limit: number): Promise<Suggestion[]> {
    return suggest(await loadIndex(locale), text, { limit });
  },
};

(window as unknown as Record<string, unknown>).rahnamaFallback = api;
