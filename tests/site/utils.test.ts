import { describe, expect, test } from 'vitest';
import { idToCategory, idToLocale, idToSlug } from '../../site/utils/ids.ts';
import { rankPopular } from '../../site/utils/popular.ts';
import { articleJsonLd, breadcrumbList, videoJsonLd } from '../../site/utils/jsonld.ts';

describe('entry ids', () => {
  test('reads locale, category and slug from an article id', () => {
    expect(idToLocale('fa/account/reset-password')).toBe('fa');
    expect(idToCategory('fa/account/reset-password')).toBe('account');
    expect(idToSlug('fa/account/reset-password')).toBe('reset-password');
  });

  test('reads locale and slug from a video or category id, which have no category folder', () => {
    expect(idToLocale('en/reset-password-walkthrough')).toBe('en');
    expect(idToSlug('en/reset-password-walkthrough')).toBe('reset-password-walkthrough');
    expect(idToCategory('en/reset-password-walkthrough')).toBeUndefined();
  });

  test('rejects an id outside a locale folder, naming it', () => {
    expect(() => idToLocale('account/reset-password')).toThrow(
      'site: entry "account/reset-password" is not inside a locale folder (expected one of fa, en)',
    );
  });
});

describe('popular articles', () => {
  const day = (d: string) => new Date(d);
  test('ranks by links from related lists and video guides, videos counting double', () => {
    const order = rankPopular(
      [
        { slug: 'a', related: ['b'], updated: day('2026-01-01') },
        { slug: 'b', related: ['a'], updated: day('2026-01-01') },
        { slug: 'c', related: ['a', 'b'], updated: day('2026-01-01') },
      ],
      [{ articles: ['c'] }],
    );
    // a: 2 (from b, c), b: 2 (from a, c), c: 2 (one video): tie, then by slug.
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('breaks ties by the most recent update, then by slug', () => {
    const order = rankPopular(
      [
        { slug: 'old', related: [], updated: day('2025-01-01') },
        { slug: 'new', related: [], updated: day('2026-06-01') },
        { slug: 'also-new', related: [], updated: day('2026-06-01') },
      ],
      [],
    );
    expect(order).toEqual(['also-new', 'new', 'old']);
  });

  test('ignores self links, duplicates and links to unknown slugs', () => {
    const order = rankPopular(
      [
        { slug: 'a', related: ['a', 'a', 'ghost'], updated: day('2026-01-01') },
        { slug: 'b', related: ['c', 'c'], updated: day('2025-01-01') },
        { slug: 'c', related: [], updated: day('2024-01-01') },
      ],
      [{ articles: ['ghost'] }],
    );
    expect(order).toEqual(['c', 'a', 'b']);
  });
});

describe('JSON-LD', () => {
  test('numbers breadcrumb positions from 1', () => {
    expect(breadcrumbList([{ name: 'Home', url: 'https://x/en/' }, { name: 'Billing', url: 'https://x/en/categories/billing/' }])).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://x/en/' },
        { '@type': 'ListItem', position: 2, name: 'Billing', item: 'https://x/en/categories/billing/' },
      ],
    });
  });

  test('gives an article its modification day', () => {
    const ld = articleJsonLd({
      title: 'Pay your bill online',
      description: 'How to pay.',
      url: 'https://x/en/articles/pay-bill-online/',
      lang: 'en',
      updated: new Date('2026-10-04'),
      section: 'Billing',
      keywords: ['bill'],
      publisher: 'TizNet',
    });
    expect(ld).toMatchObject({ '@type': 'Article', dateModified: '2026-10-04', inLanguage: 'en', keywords: 'bill' });
  });

  test('makes one clip per chapter, each ending where the next starts', () => {
    const ld = videoJsonLd({
      title: 'Reset',
      description: 'Video.',
      url: 'https://x/en/videos/r/',
      lang: 'en',
      updated: new Date('2026-10-04'),
      thumbnailUrl: 'https://x/media/posters/r.svg',
      duration: 95,
      transcript: 'Hello.',
      contentUrl: 'https://x/media/videos/r.mp4',
      chapters: [
        { start: 0, title: 'Intro' },
        { start: 40.5, title: 'Code' },
      ],
      urlAt: (s) => `https://x/en/videos/r/?t=${Math.floor(s)}`,
    });
    expect(ld).toMatchObject({ '@type': 'VideoObject', duration: 'PT1M35S', uploadDate: '2026-10-04', transcript: 'Hello.' });
    expect(ld.hasPart).toEqual([
      { '@type': 'Clip', name: 'Intro', startOffset: 0, endOffset: 40, url: 'https://x/en/videos/r/?t=0' },
      { '@type': 'Clip', name: 'Code', startOffset: 40, endOffset: 95, url: 'https://x/en/videos/r/?t=40' },
    ]);
    expect(ld).not.toHaveProperty('embedUrl');
  });
});
