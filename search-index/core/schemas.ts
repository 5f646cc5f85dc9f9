/**
 * Content schemas shared by the Astro collections (site/content.config.ts), the index build
 * (search-index/build) and the API. Pure: imports only zod.
 *
 * Every field has a one-line description; the writer's guide (content/WRITING.md) explains them at length.
 */
import { z } from 'zod';

export { LOCALES, DEFAULT_LOCALE, type Locale } from './locales.ts';

/** A URL-safe slug: lower-case ASCII letters, digits and single hyphens. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug of lower-case a-z, 0-9 and hyphens, e.g. "reset-password"');

/**
 * A time offset in a video: seconds as a number, or "m:ss" / "h:mm:ss" as a string. Always parsed to seconds.
 */
export const timeSchema = z.union([
  z.number().nonnegative('expected seconds ≥ 0'),
  z
    .string()
    .regex(/^(?:\d+:)?[0-5]?\d:[0-5]\d$/, 'expected a time as "m:ss" or "h:mm:ss", e.g. "1:05"')
    .transform(parseClock),
]);

/** Parses "m:ss" or "h:mm:ss" to seconds. */
export function parseClock(value: string): number {
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** YYYY-MM-DD (YAML dates arrive as Date objects, quoted ones as strings). */
const dateSchema = z.coerce.date({ error: 'expected a date as YYYY-MM-DD' });

/** Frontmatter of an article: content/articles/<locale>/<category>/<slug>.mdx */
export const articleSchema = z.object({
  /** The question or task as customers would put it; shown as the page title and in suggestions. */
  title: z.string().trim().min(3, 'expected a title of at least 3 characters').max(120, 'expected a title of at most 120 characters'),
  /** One or two sentences: what the article solves. Used as meta description and suggestion fallback snippet. */
  description: z.string().trim().min(10, 'expected a description of at least 10 characters').max(300, 'expected a description of at most 300 characters'),
  /** The category slug; must equal the article's folder and exist in content/categories/<locale>/. */
  category: slugSchema,
  /** Free-form labels, shown on the page. */
  tags: z.array(z.string().trim().min(1)).default([]),
  /** Ties the fa and en versions of one article together (same value in both). */
  translationKey: slugSchema,
  /** When the article was last meaningfully updated. */
  updated: dateSchema,
  /** When a writer should check the article again; after this date it is reported as stale. */
  reviewBy: dateSchema,
  /** Words customers use that the article does not ("can't sign in" for "login"); searched with a high boost. */
  keywords: z.array(z.string().trim().min(1)).default([]),
  /** Slugs of related articles in the same locale; each must exist. */
  related: z.array(slugSchema).default([]),
  /** Drafts are validated but not published or indexed. */
  draft: z.boolean().default(false),
});
export type ArticleFrontmatter = z.infer<typeof articleSchema>;

/** Where a video guide plays from: a self-hosted file, or an external provider (click-to-load embed). */
export const videoSourceSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('file'),
    /** Path under the site's public folder, e.g. "/media/videos/reset-password.mp4". */
    src: z.string().regex(/^\/[^\s]+\.(?:mp4|webm)$/, 'expected a path like "/media/videos/name.mp4" or ".webm"'),
  }),
  z.object({
    provider: z.enum(['youtube', 'aparat', 'vimeo']),
    /** The provider's video id. */
    id: z.string().regex(/^[A-Za-z0-9_-]{3,40}$/, 'expected the provider video id'),
  }),
]);
export type VideoSource = z.infer<typeof videoSourceSchema>;

/** Frontmatter of a video guide: content/videos/<locale>/<slug>.mdx, with <slug>.vtt beside it. */
export const videoSchema = z.object({
  /** The guide's title. */
  title: z.string().trim().min(3).max(120),
  /** One or two sentences: what the video shows. */
  description: z.string().trim().min(10).max(300),
  /** Ties the fa and en versions of one guide together. */
  translationKey: slugSchema,
  /** When the video or its transcript was last updated. */
  updated: dateSchema,
  /** When a writer should check the guide again. */
  reviewBy: dateSchema,
  /** Where the video plays from. */
  video: videoSourceSchema,
  /** Poster image under the public folder, e.g. "/media/posters/reset-password.svg". */
  poster: z.string().regex(/^\/[^\s]+\.(?:svg|png|jpg|jpeg|webp)$/, 'expected a path like "/media/posters/name.svg"'),
  /** Length of the video. */
  duration: timeSchema,
  /** Chapters in order; the first starts at 0. */
  chapters: z
    .array(z.object({ start: timeSchema, title: z.string().trim().min(2) }))
    .min(2, 'expected at least 2 chapters'),
  /** Slugs of the articles (same locale) this guide belongs to; each must exist. */
  articles: z.array(slugSchema).default([]),
  /** Words customers use for the problem, as for articles. */
  keywords: z.array(z.string().trim().min(1)).default([]),
  /** Drafts are validated but not published or indexed. */
  draft: z.boolean().default(false),
});
export type VideoFrontmatter = z.infer<typeof videoSchema>;

/** A category: content/categories/<locale>/<slug>.json */
export const categorySchema = z.object({
  /** Display name. */
  name: z.string().trim().min(2),
  /** One sentence shown on the home and category pages. */
  description: z.string().trim().min(10),
  /** Icon name from the site's icon set (site/components/Icon.astro). */
  icon: z.string().regex(/^[a-z-]+$/),
  /** Sort order on the home page, ascending. */
  order: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

/** Per-locale synonyms: content/synonyms/<locale>.json, groups of words customers treat as the same. */
export const synonymsSchema = z.object({
  /** Each group lists interchangeable words or phrases; a query term in a group also searches the others. */
  groups: z.array(z.array(z.string().trim().min(1)).min(2, 'expected at least 2 words in a synonym group')),
});
export type Synonyms = z.infer<typeof synonymsSchema>;
