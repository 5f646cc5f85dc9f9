/**
 * The site's view of the content collections: published entries only (drafts are validated but never get a page),
 * with locale and slug read from the entry id. The only module in utils/ that touches astro:content.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locales.ts';
import { idToCategory, idToLocale, idToSlug } from './ids.ts';
import { rankPopular } from './popular.ts';

export type ArticleEntry = CollectionEntry<'articles'>;
export type VideoEntry = CollectionEntry<'videos'>;
export type CategoryEntry = CollectionEntry<'categories'>;

export const entryLocale = (entry: { id: string }): Locale => idToLocale(entry.id);
export const entrySlug = (entry: { id: string }): string => idToSlug(entry.id);
export const articleCategory = (entry: ArticleEntry): string => idToCategory(entry.id) ?? entry.data.category;

/** Published articles, optionally of one locale, in a stable order (by slug). */
export async function getArticles(locale?: Locale): Promise<ArticleEntry[]> {
  const all = await getCollection('articles', (e) => !e.data.draft && (!locale || entryLocale(e) === locale));
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/** Published video guides, optionally of one locale, in a stable order (by slug). */
export async function getVideos(locale?: Locale): Promise<VideoEntry[]> {
  const all = await getCollection('videos', (e) => !e.data.draft && (!locale || entryLocale(e) === locale));
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/** One locale's categories by their `order`. */
export async function getCategories(locale: Locale): Promise<CategoryEntry[]> {
  const all = await getCollection('categories', (e) => entryLocale(e) === locale);
  return all.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** Most recently updated first. */
export function byUpdated<T extends { data: { updated: Date }; id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.data.updated.getTime() - a.data.updated.getTime() || a.id.localeCompare(b.id));
}

/** One locale's articles ordered by the popularity signal documented in popular.ts. */
export function popularArticles(articles: readonly ArticleEntry[], videos: readonly VideoEntry[]): ArticleEntry[] {
  const bySlug = new Map(articles.map((a) => [entrySlug(a), a]));
  const order = rankPopular(
    articles.map((a) => ({ slug: entrySlug(a), related: a.data.related, updated: a.data.updated })),
    videos.map((v) => ({ articles: v.data.articles })),
  );
  return order.map((slug) => bySlug.get(slug)!);
}

/** For each locale, the entry with the same translationKey (undefined when that translation does not exist). */
export function translationsOf<T extends { id: string; data: { translationKey: string } }>(
  entry: T,
  all: readonly T[],
): Partial<Record<Locale, T>> {
  const found: Partial<Record<Locale, T>> = {};
  for (const other of all) if (other.data.translationKey === entry.data.translationKey) found[entryLocale(other)] = other;
  return found;
}
