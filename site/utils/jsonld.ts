/**
 * schema.org JSON-LD builders (https://schema.org/Article, /VideoObject, /Clip, /BreadcrumbList).
 * Pure: every URL passed in is already absolute.
 */
import { isoDay, isoDuration } from '../i18n/format.ts';

type Json = Record<string, unknown>;

export interface BreadcrumbInput {
  name: string;
  url: string;
}

export function breadcrumbList(items: readonly BreadcrumbInput[]): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

export interface ArticleInput {
  title: string;
  description: string;
  url: string;
  lang: string;
  updated: Date;
  section: string;
  keywords: readonly string[];
  publisher: string;
}

export function articleJsonLd(a: ArticleInput): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: a.title,
    description: a.description,
    inLanguage: a.lang,
    url: a.url,
    mainEntityOfPage: a.url,
    dateModified: isoDay(a.updated),
    articleSection: a.section,
    keywords: a.keywords.join(', ') || undefined,
    publisher: { '@type': 'Organization', name: a.publisher },
  };
}

export interface VideoInput {
  title: string;
  description: string;
  url: string;
  lang: string;
  updated: Date;
  thumbnailUrl: string;
  /** Seconds. */
  duration: number;
  transcript: string;
  contentUrl?: string;
  embedUrl?: string;
  chapters: readonly { start: number; title: string }[];
  /** URL of the page at a second (the ?t= link). */
  urlAt: (second: number) => string;
}

/** A VideoObject with one Clip per chapter (each clip ends where the next starts, the last at the video's end). */
export function videoJsonLd(v: VideoInput): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'VideoObject',
    name: v.title,
    description: v.description,
    inLanguage: v.lang,
    url: v.url,
    thumbnailUrl: v.thumbnailUrl,
    uploadDate: isoDay(v.updated),
    duration: isoDuration(v.duration),
    transcript: v.transcript,
    ...(v.contentUrl ? { contentUrl: v.contentUrl } : {}),
    ...(v.embedUrl ? { embedUrl: v.embedUrl } : {}),
    hasPart: v.chapters.map((chapter, i) => ({
      '@type': 'Clip',
      name: chapter.title,
      startOffset: Math.floor(chapter.start),
      endOffset: Math.floor(v.chapters[i + 1]?.start ?? v.duration),
      url: v.urlAt(chapter.start),
    })),
  };
}
