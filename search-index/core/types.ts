/** The suggestion contract shared by the search core, the API and the site. */
import type { Locale } from './schemas.ts';

export type DocKind = 'article' | 'video';

/** One suggestion: an article at its best section, or a video at its best moment. */
export interface Suggestion {
  /** Stable id: "<locale>/<slug>" of the article or video guide. */
  id: string;
  kind: DocKind;
  title: string;
  /** Site-relative URL of the best section (#heading) or the video second (?t=). */
  url: string;
  /** HTML-safe text with matched words wrapped in <mark>. */
  snippet: string;
  /** Category slug (articles) or "videos". */
  category: string;
  /** Relevance score; higher is better, comparable within one response only. */
  score: number;
  /** Heading text of the best section (articles) or chapter title (videos), when there is one. */
  section?: string;
  /** Start second of the best passage (videos only). */
  start?: number;
}

/** Facts about a loaded index, for /api/v1/health. */
export interface IndexStats {
  locale: Locale;
  articles: number;
  videos: number;
  /** ISO time the index was built. */
  builtAt: string;
}
