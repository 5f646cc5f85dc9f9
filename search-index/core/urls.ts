/** The help center's URL scheme, in one place: the site's routes, the index build and the API all use it. */
import type { Locale } from './schemas.ts';

export const localeHome = (locale: Locale): string => `/${locale}/`;
export const categoryUrl = (locale: Locale, category: string): string => `/${locale}/categories/${category}/`;
/** An article, optionally at a heading anchor (the id Astro gives the heading, see github-slugger). */
export const articleUrl = (locale: Locale, slug: string, anchor?: string): string =>
  `/${locale}/articles/${slug}/${anchor ? `#${anchor}` : ''}`;
/** A video guide, optionally starting at a second. */
export const videoUrl = (locale: Locale, slug: string, startSecond?: number): string =>
  `/${locale}/videos/${slug}/${startSecond !== undefined ? `?t=${Math.floor(startSecond)}` : ''}`;
export const searchUrl = (locale: Locale, query?: string): string =>
  `/${locale}/search/${query ? `?q=${encodeURIComponent(query)}` : ''}`;
export const contactUrl = (locale: Locale): string => `/${locale}/contact/`;
/** The per-locale search index the build writes into dist/ and the browser and API load. */
export const searchIndexPath = (locale: Locale): string => `/search/${locale}.json`;
