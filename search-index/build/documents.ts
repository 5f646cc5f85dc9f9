/** Collected content (build/collect.ts) to the plain documents the search core indexes, per locale. */
import type { IndexDocument } from '../core/index.ts';
import type { Locale } from '../core/schemas.ts';
import type { CollectedContent } from './collect.ts';
import { mdxToSections } from './sections.ts';
import { cuesToPassages } from './transcript.ts';

/** The category of every video suggestion. */
export const VIDEO_CATEGORY = 'videos';

/** The published (non-draft) articles and video guides of one locale, as index documents. */
export function documentsFor(content: CollectedContent, locale: Locale, onProgress?: (done: number, total: number) => void): IndexDocument[] {
  const articles = content.articles.filter((entry) => entry.locale === locale && !entry.data.draft);
  const videos = content.videos.filter((entry) => entry.locale === locale && !entry.data.draft);
  const total = articles.length + videos.length;
  const documents: IndexDocument[] = [];
  for (const entry of articles) {
    documents.push({
      kind: 'article',
      slug: entry.slug,
      title: entry.data.title,
      description: entry.data.description,
      category: entry.category,
      keywords: entry.data.keywords,
      sections: mdxToSections(entry.body),
    });
    onProgress?.(documents.length, total);
  }
  for (const entry of videos) {
    const summary = mdxToSections(entry.body).filter((section) => section.text);
    documents.push({
      kind: 'video',
      slug: entry.slug,
      title: entry.data.title,
      description: entry.data.description,
      category: VIDEO_CATEGORY,
      keywords: entry.data.keywords,
      // The page's own text first (no start second: it opens the video page at the top), then the passages.
      sections: [
        ...summary.map((section) => ({ text: section.heading ? `${section.heading}. ${section.text}` : section.text })),
        ...cuesToPassages(entry.transcript.cues, entry.data.chapters),
      ],
    });
    onProgress?.(documents.length, total);
  }
  return documents;
}
