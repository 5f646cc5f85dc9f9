import { beforeAll, describe, expect, test } from 'vitest';
import { collectContent, type CollectedContent } from '../../search-index/build/collect.ts';
import { LOCALES } from '../../search-index/core/schemas.ts';

// The demo help center is what a newcomer judges the product by: it must pass the content check and stay as large,
// as paired and as well transcribed as the foundation issue promises.
const MIN_ARTICLES = 40;
const MIN_CATEGORIES = 6;
const MIN_VIDEOS = 6;
const MIN_CUES = 20;
const ZWNJ = '\u200c';

let content: CollectedContent;
beforeAll(async () => {
  content = await collectContent(process.cwd());
});

describe('demo content', () => {
  test.each(LOCALES)('%s has enough published articles, categories and video guides', (locale) => {
    const articles = content.articles.filter((a) => a.locale === locale && !a.data.draft);
    expect(articles.length).toBeGreaterThanOrEqual(MIN_ARTICLES);
    expect(new Set(articles.map((a) => a.category)).size).toBeGreaterThanOrEqual(MIN_CATEGORIES);
    expect(content.videos.filter((v) => v.locale === locale && !v.data.draft).length).toBeGreaterThanOrEqual(MIN_VIDEOS);
  });

  test('every article and video guide is paired with its translation', () => {
    const keys = (kind: 'articles' | 'videos', locale: string) =>
      content[kind].filter((entry) => entry.locale === locale).map((entry) => entry.data.translationKey).sort();
    for (const kind of ['articles', 'videos'] as const) expect(keys(kind, 'fa')).toEqual(keys(kind, 'en'));
  });

  test(`every transcript has at least ${MIN_CUES} cues`, () => {
    const short = content.videos.filter((v) => v.transcript.cues.length < MIN_CUES).map((v) => v.transcript.file);
    expect(short).toEqual([]);
  });

  test('at least one video guide plays offline from a self-hosted file in each locale', () => {
    for (const locale of LOCALES) {
      expect(content.videos.some((v) => v.locale === locale && v.data.video.provider === 'file')).toBe(true);
    }
  });

  test('Persian text uses Persian yeh and kaf, and the ZWNJ in its verb prefixes', () => {
    const persian = [...content.articles, ...content.videos].filter((entry) => entry.locale === 'fa');
    const arabicLetters = persian.filter((entry) => /[يك]/.test(entry.body + entry.data.title)).map((entry) => entry.file);
    expect(arabicLetters).toEqual([]);
    // «می‌شود», «نمی‌توانید»: the prefix joined with a ZWNJ, never with a plain space, in running text.
    const spacedPrefix = persian.filter((entry) => / (?:ن?می) (?:شود|توانید|کنید|دهد)/.test(entry.body)).map((entry) => entry.file);
    expect(spacedPrefix).toEqual([]);
    expect(persian.every((entry) => entry.body.includes(ZWNJ))).toBe(true);
  });
});
