/**
 * Server-side results for the built search page (/<locale>/search/?q=), so the page works without JavaScript when
 * the site is served by `npm start`. The page (site/pages/[locale]/search.astro) is built once with two hooks
 * this file fills per request: the query input (`data-rahnama-query`) and the results slot (RESULTS_MARKER), in
 * the page's own words (its strings travel in the page as JSON, so server and browser say the same thing).
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

/** The page carries its strings as JSON (written by search.astro from site/islands/search-strings.ts). */
const STRINGS_SCRIPT = /<script type="application\/json" id="rahnama-search-strings">([\s\S]*?)<\/script>/;

interface PageStrings {
  articles: string;
  videos: string;
  from: string;
  results: string;
  resultsOne: string;
  none: string;
  retryLater: string;
}

function pageStrings(html: string): PageStrings | undefined {
  const json = STRINGS_SCRIPT.exec(html)?.[1];
  if (!json) return undefined;
  try {
    const strings = JSON.parse(json) as Partial<PageStrings>;
    const keys = ['articles', 'videos', 'from', 'results', 'resultsOne', 'none', 'retryLater'] as const;
    return keys.every((key) => typeof strings[key] === 'string') ? (strings as PageStrings) : undefined;
  } catch {
    return undefined;
  }
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const localDigits = (text: string, locale: Locale): string =>
  locale === 'fa' ? text.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!) : text;

const clock = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function item(suggestion: Suggestion, locale: Locale, strings: PageStrings): string {
  const moment =
    suggestion.kind === 'video' && suggestion.start !== undefined
      ? ` <span class="search-result__time">${escapeHtml(fill(strings.from, { time: localDigits(clock(suggestion.start), locale) }))}</span>`
      : '';
  const section = suggestion.section ? `<span class="search-result__section">${escapeHtml(suggestion.section)}</span>` : '';
  // The snippet is HTML-safe by contract (escaped text plus <mark>); cleanOutput removes bidi/control characters.
  return `<li class="search-result search-result--${suggestion.kind}"><a class="search-result__title" href="${escapeHtml(suggestion.url)}">${escapeHtml(
    suggestion.title,
  )}</a>${moment}${section}<p class="search-result__snippet">${cleanOutput(suggestion.snippet)}</p></li>`;
}

/** The results block for a query: a summary line and the results grouped as articles and video moments. */
export function renderResults(suggestions: Suggestion[], query: string, locale: Locale, strings: PageStrings): string {
  if (suggestions.length === 0) return `<p class="search-results__summary" role="status">${escapeHtml(fill(strings.none, { query }))}</p>`;
  const groups = (['article', 'video'] as const)
    .map((kind) => ({ kind, items: suggestions.filter((suggestion) => suggestion.kind === kind) }))
    .filter((group) => group.items.length > 0)
    .map(
      ({ kind, items }) =>
        `<section class="search-results__group search-results__group--${kind}"><h2>${escapeHtml(kind === 'article' ? strings.articles : strings.videos)}</h2><ol>${items
          .map((suggestion) => item(suggestion, locale, strings))
          .join('')}</ol></section>`,
    );
  const summary = fill(suggestions.length === 1 ? strings.resultsOne : strings.results, { count: localDigits(String(suggestions.length), locale), query });
  return `<p class="search-results__summary" role="status">${escapeHtml(summary)}</p>${groups.join('')}`;
}

const SEARCH_PATH = new RegExp(`^/(${LOCALES.join('|')})/search/(?:index\\.html)?$`);

/**
 * Fills the built search page for ?q=; returns undefined (send the page as built) for other pages, an empty
 * query, or a page built without the hooks.
 */
export function renderSearchPage(indexes: IndexProvider, path: string, html: string, url: URL): string | undefined {
  const match = SEARCH_PATH.exec(path);
  const strings = match && html.includes(RESULTS_MARKER) ? pageStrings(html) : undefined;
  if (!match || !strings) return undefined;
  const locale = match[1] as Locale;
  const query = cleanInput(url.searchParams.get('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, LIMITS.maxTextChars);
  if (!query) return undefined;
  const index = indexes.get(locale);
  const results = index
    ? renderResults(index.suggest(query, { limit: LIMITS.maxSuggestions }).slice(0, LIMITS.maxSuggestions), query, locale, strings)
    : `<p class="search-results__summary" role="status">${escapeHtml(strings.retryLater)}</p>`;
  // Function replacers: a query may contain "$&" and friends, which a replacement string would interpret.
  return html.replace(QUERY_INPUT_HOOK, () => `value="${escapeHtml(query)}" data-rahnama-query`).replace(RESULTS_MARKER, () => results);
}
