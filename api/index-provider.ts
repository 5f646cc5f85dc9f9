/**
 * What the app needs from the search indexes, as a runtime-neutral interface. The Node server gives it a
 * provider that loads dist/search/<locale>.json and swaps in rebuilt indexes (api/store/index-store.ts);
 * tests give it a small in-memory double.
 */
import type { Locale } from '../search-index/core/schemas.ts';
import type { IndexStats, Suggestion } from '../search-index/core/types.ts';

export interface SuggestOptions {
  /** Maximum number of suggestions. */
  limit: number;
}

/** One loaded, immutable per-locale index. A request keeps the object it started with, so a swap never splits it. */
export interface LocaleIndex {
  readonly stats: IndexStats;
  /** A stable token for this exact index build (for ETags); changes whenever the index is swapped. */
  readonly version: string;
  suggest(text: string, options: SuggestOptions): Suggestion[];
}

export interface IndexProvider {
  /** The current index of a locale, or undefined while none is loaded. */
  get(locale: Locale): LocaleIndex | undefined;
}
