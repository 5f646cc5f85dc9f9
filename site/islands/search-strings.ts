/** Strings of the site search (header box and results page), in both locales. */
import type { Locale } from '../../search-index/core/schemas.ts';

export interface SearchStrings {
  pageTitle: string;
  pageLead: string;
  articles: string;
  videos: string;
  /** "{time}" is the moment in the video. */
  from: string;
  /** "{count}" results for "{query}". */
  results: string;
  /** The same for exactly one result. */
  resultsOne: string;
  none: string;
  seeAll: string;
  loading: string;
  /** The header box could not load the search (the form still submits to the results page). */
  unavailable: string;
  /** The results page could not search right now. */
  retryLater: string;
  /** Hint read by screen readers when the box gets focus. */
  hint: string;
}

export const SEARCH_STRINGS: Record<Locale, SearchStrings> = {
  fa: {
    pageTitle: 'جست‌وجو',
    pageLead: 'مشکل‌تان را با کلمه‌های خودتان بنویسید؛ مقاله‌ها و لحظه‌های ویدیویی مرتبط را پیدا می‌کنیم.',
    articles: 'مقاله‌ها',
    videos: 'لحظه‌های ویدیو',
    from: 'از {time}',
    results: '{count} نتیجه برای «{query}»',
    resultsOne: '{count} نتیجه برای «{query}»',
    none: 'نتیجه‌ای برای «{query}» پیدا نشد. کلمه‌های دیگری را امتحان کنید یا با پشتیبانی تماس بگیرید.',
    seeAll: 'همه‌ی نتیجه‌ها برای «{query}»',
    loading: 'در حال آماده‌سازی جست‌وجو…',
    unavailable: 'جست‌وجوی فوری در دسترس نیست؛ دکمه‌ی جست‌وجو را بزنید.',
    retryLater: 'جست‌وجو موقتاً در دسترس نیست؛ چند لحظه‌ی دیگر دوباره امتحان کنید.',
    hint: 'با کلیدهای بالا و پایین بین پیشنهادها بروید و با Enter باز کنید.',
  },
  en: {
    pageTitle: 'Search',
    pageLead: 'Describe the problem in your own words; we find the articles and video moments that answer it.',
    articles: 'Articles',
    videos: 'Video moments',
    from: 'from {time}',
    results: '{count} results for “{query}”',
    resultsOne: '{count} result for “{query}”',
    none: 'Nothing found for “{query}”. Try other words, or contact support.',
    seeAll: 'All results for “{query}”',
    loading: 'Getting search ready…',
    unavailable: 'Instant search is unavailable; press Search instead.',
    retryLater: 'Search is unavailable for a moment; please try again shortly.',
    hint: 'Use the up and down arrow keys to move through suggestions and Enter to open one.',
  },
};

/** Fills "{name}" placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Seconds as "m:ss" in the locale's digits. */
export function momentLabel(seconds: number, locale: Locale): string {
  const text = `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  return locale === 'fa' ? text.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!) : text;
}

/** A count in the locale's digits. */
export function countLabel(count: number, locale: Locale): string {
  return locale === 'fa' ? String(count).replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!) : String(count);
}
