/**
 * "Popular" without analytics: a deterministic signal computed from the content itself.
 * An article's score counts how often the help center points customers to it:
 *   +1 for every other article that lists it in `related`,
 *   +2 for every video guide that lists it in `articles` (writers made a video because it is asked a lot).
 * Ties go to the more recently updated article, then to the slug (so the order never depends on file order).
 */
export const POPULAR_WEIGHTS = { relatedLink: 1, videoLink: 2 } as const;

export interface PopularArticleInput {
  slug: string;
  related: readonly string[];
  updated: Date;
}

export interface PopularVideoInput {
  articles: readonly string[];
}

/** Slugs of one locale's articles ordered by popularity, most popular first. */
export function rankPopular(
  articles: readonly PopularArticleInput[],
  videos: readonly PopularVideoInput[],
  weights: typeof POPULAR_WEIGHTS = POPULAR_WEIGHTS,
): string[] {
  const score = new Map(articles.map((a) => [a.slug, 0]));
  const add = (slug: string, points: number) => {
    if (score.has(slug)) score.set(slug, score.get(slug)! + points);
  };
  for (const article of articles) {
    for (const target of new Set(article.related)) if (target !== article.slug) add(target, weights.relatedLink);
  }
  for (const video of videos) for (const target of new Set(video.articles)) add(target, weights.videoLink);
  return [...articles]
    .sort(
      (a, b) =>
        score.get(b.slug)! - score.get(a.slug)! ||
        b.updated.getTime() - a.updated.getTime() ||
        a.slug.localeCompare(b.slug),
    )
    .map((a) => a.slug);
}
