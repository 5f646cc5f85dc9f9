/**
 * Server-side results for the built search page (/<locale>/search/?q=), so the page works without JavaScript when
 * the site is served by `npm start`. The page (site/pages/[locale]/search.astro) is built once with two hooks
 * this file fills per request: the query input (`data-rahnama-query`) and the results slot (RESULTS_MARKER).
 * Ranking is the search core's (through the same index provider as the API); nothing here picks results.
 */
import { LOCALES, type Locale } from '../search-index/core/schemas.ts';
import type { Suggestion } from '../search-index/core/types.ts';
import { LIMITS } from './config.ts';
import type { IndexProvider } from './index-provider.ts';
import { cleanInput, cleanOutput } from './text.ts';

export const RESULTS_MARKER = '<!--rahnama:search-results-->';
/** The attribute pair the search page's query input is built with. */
export const QUERY_INPUT_HOOK = 'value="" data-rahnama-query';

const STRINGS: Record<Locale, { results: (count: string, query: string) => string; none: (query: string) => string; articles: string; videos: string; at: string; unavailable: string }> = {
  fa: {
    results: (count, query) => `${count} نتیجه برای «${query}»`,
    none: (query) => `نتیجه‌ای برای «${query}» پیدا نشد. کلمه‌های دیگری را امتحان کنید یا با پشتیبانی تماس بگیرید.`,
    articles: 'مقاله‌ها',
    videos: 'لحظه‌های ویدیو',
    at: 'از',
    unavailable: 'جست‌وجو موقتاً در دسترس نیست؛ چند لحظهٔ دیگر دوباره امتحان کنید.',
  },
  en: {
    results: (count, query) => `${count} ${count === '1' ? 'result' : 'results'} for “${query}”`,
    none: (query) => `Nothing found for “${query}”. Try other words, or contact support.`,
    articles: 'Articles',
    videos: 'Video moments',
    at: 'from',
    unavailable: 'Search is unavailable for a moment; please try again shortly.',
  },
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const localDigits = (text: string, locale: Locale): string =>
  locale === 'fa' ? text.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!) : text;

const clock = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function item(suggestion: Suggestion, locale: Locale): string {
  const moment =
    suggestion.kind === 'video' && suggestion.start !== undefined
      ? ` <span class="search-result__time">${STRINGS[locale].at} ${localDigits(clock(suggestion.start), locale)}</span>`
      : '';
  const section = suggestion.section ? `<span class="search-result__section">${escapeHtml(suggestion.section)}</span>` : '';
  // The snippet is HTML-safe by contract (escaped text plus <mark>); cleanOutput removes bidi/control characters.
  return `<li class="search-result search-result--${suggestion.kind}"><a class="search-result__title" href="${escapeHtml(suggestion.url)}">${escapeHtml(
    suggestion.title,
  )}</a>${moment}${section}<p class="search-result__snippet">${cleanOutput(suggestion.snippet)}</p></li>`;
}

/** The results block for a query: a summary line and the results grouped as articles and video moments. */
export function renderResults(suggestions: Suggestion[], query: string, locale: Locale): string {
  const strings = STRINGS[locale];
  const shownQuery = escapeHtml(query);
  if (suggestions.length === 0) return `<p class="search-results__summary" role="status">${strings.none(shownQuery)}</p>`;
  const groups = (['article', 'video'] as const)
    .map((kind) => ({ kind, items: suggestions.filter((suggestion) => suggestion.kind === kind) }))
    .filter((group) => group.items.length > 0)
    .map(
      ({ kind, items }) =>
        `<section class="search-results__group search-results__group--${kind}"><h2>${kind === 'article' ? strings.articles : strings.videos}</h2><ol>${items
          .map((suggestion) => item(suggestion, locale))
          .join('')}</ol></section>`,
    );
  return `<p class="search-results__summary" role="status">${strings.results(localDigits(String(suggestions.length), locale), shownQuery)}</p>${groups.join('')}`;
}

const SEARCH_PATH = new RegExp(`^/(${LOCALES.join('|')})/search/(?:index\\.html)?$`);

/**
 * Fills the built search page for ?q=; returns undefined (send the page as built) for other pages, an empty
 * query, or a page built without the hooks.
 */
export function renderSearchPage(indexes: IndexProvider, path: string, html: string, url: URL): string | undefined {
  const match = SEARCH_PATH.exec(path);
  if (!match || !html.includes(RESULTS_MARKER)) return undefined;
  const locale = match[1] as Locale;
  const query = cleanInput(url.searchParams.get('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, LIMITS.maxTextChars);
  if (!query) return undefined;
  const index = indexes.get(locale);
  const results = index
    ? renderResults(index.suggest(query, { limit: LIMITS.maxSuggestions }).slice(0, LIMITS.maxSuggestions), query, locale)
    : `<p class="search-results__summary" role="status">${STRINGS[locale].unavailable}</p>`;
  // Function replacers: a query may contain "$&" and friends, which a replacement string would interpret.
  return html.replace(QUERY_INPUT_HOOK, () => `value="${escapeHtml(query)}" data-rahnama-query`).replace(RESULTS_MARKER, () => results);
}
