/**
 * Builds the site once and checks the output: every article and video guide has a page in both locales with the
 * right lang/dir, parseable JSON-LD of the expected types, hreflang alternates; the styles use logical properties
 * only; an article page stays inside the JavaScript budget.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite, ROOT, type BuiltSite } from './helpers/build-site.ts';
import { draftFiles, publishedArticles, publishedVideos, type ContentFile } from './helpers/content-files.ts';
import { physicalDirectionIssues } from './helpers/physical-css.ts';

const LOCALES = { fa: { lang: 'fa', dir: 'rtl' }, en: { lang: 'en', dir: 'ltr' } } as const;
/** An article page ships at most this much gzipped JavaScript (the issue's budget). */
const ARTICLE_JS_BUDGET_BYTES = 30 * 1024;

let site: BuiltSite;
let articles: ContentFile[];
let videos: ContentFile[];

beforeAll(async () => {
  [site, articles, videos] = await Promise.all([buildSite(), publishedArticles(), publishedVideos()]);
});

afterAll(async () => {
  await site?.remove();
});

const page = (path: string) => readFile(join(site.dir, path, 'index.html'), 'utf8');

function htmlTag(html: string): { lang?: string; dir?: string } {
  const tag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '';
  return { lang: /\blang="([^"]*)"/.exec(tag)?.[1], dir: /\bdir="([^"]*)"/.exec(tag)?.[1] };
}

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );
}

function alternates(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)) out[m[1]!] = m[2]!;
  return out;
}

const pairs = (files: ContentFile[]) => [...new Set(files.map((f) => f.slug))].sort();

describe('content has pages', () => {
  test('there is published content to check', () => {
    expect(articles.length).toBeGreaterThan(0);
    expect(videos.length).toBeGreaterThan(0);
  });

  test('every article has a page in both locales with the locale\'s lang and dir', async () => {
    for (const slug of pairs(articles)) {
      for (const [locale, expected] of Object.entries(LOCALES)) {
        const path = `${locale}/articles/${slug}`;
        expect(existsSync(join(site.dir, path, 'index.html')), `${path}/ is missing`).toBe(true);
        expect(htmlTag(await page(path)), path).toEqual(expected);
      }
    }
  });

  test('every video guide has a page and a transcript in both locales', async () => {
    for (const slug of pairs(videos)) {
      for (const [locale, expected] of Object.entries(LOCALES)) {
        const path = `${locale}/videos/${slug}`;
        expect(existsSync(join(site.dir, path, 'index.html')), `${path}/ is missing`).toBe(true);
        expect(htmlTag(await page(path)), path).toEqual(expected);
        const served = await readFile(join(site.dir, `${path}.vtt`), 'utf8');
        const source = await readFile(join(ROOT, 'content/videos', locale, `${slug}.vtt`), 'utf8');
        expect(served).toBe(source);
      }
    }
  });

  test('home, video list and category pages exist in both locales', async () => {
    for (const [locale, expected] of Object.entries(LOCALES)) {
      expect(htmlTag(await page(locale))).toEqual(expected);
      expect(htmlTag(await page(`${locale}/videos`))).toEqual(expected);
      const categories = await readdir(join(ROOT, 'content/categories', locale));
      for (const file of categories.filter((f) => f.endsWith('.json'))) {
        expect(htmlTag(await page(`${locale}/categories/${file.replace(/\.json$/, '')}`))).toEqual(expected);
      }
    }
  });

  test('drafts get no page', async () => {
    for (const draft of await draftFiles()) {
      const kind = draft.file.includes('/content/videos/') ? 'videos' : 'articles';
      expect(existsSync(join(site.dir, draft.locale, kind, draft.slug, 'index.html')), draft.file).toBe(false);
    }
  });

  test('/ redirects to /fa/ with a link and a canonical', async () => {
    const html = await page('');
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/fa/">');
    expect(html).toContain('href="/fa/"');
    expect(html).toMatch(/<link rel="canonical" href="[^"]*\/fa\/">/);
  });

  test('the 404 page speaks both languages', async () => {
    const html = await readFile(join(site.dir, '404.html'), 'utf8');
    expect(htmlTag(html)).toEqual(LOCALES.fa);
    expect(html).toMatch(/<section[^>]*lang="en" dir="ltr"/);
  });
});

describe('article pages', () => {
  test('show the updated date in the Solar Hijri calendar with Persian digits in fa, Gregorian in en', async () => {
    for (const a of articles) {
      const html = await page(`${a.locale}/articles/${a.slug}`);
      const time = /<time datetime="(\d{4}-\d{2}-\d{2})">([^<]+)<\/time>/.exec(html);
      expect(time, `${a.locale}/${a.slug}`).not.toBeNull();
      const expected = new Intl.DateTimeFormat(a.locale === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-US', {
        dateStyle: 'long',
        timeZone: 'UTC',
      }).format(new Date(time![1]!));
      expect(time![2]).toBe(expected);
      if (a.locale === 'fa') expect(time![2]).toMatch(/^[۰-۹]+ [\u0600-\u06FF]+ [۰-۹]{4}$/);
    }
  });

  test('<WatchVideo> becomes a link to the guide at its second, with the guide\'s title', async () => {
    const uses = articles.flatMap((a) =>
      [...a.body.matchAll(/<WatchVideo\s+slug="([a-z0-9-]+)"\s+at="(\d+(?::\d{2}){1,2})"/g)].map((m) => ({
        a,
        slug: m[1]!,
        second: m[2]!.split(':').reduce((t, p) => t * 60 + Number(p), 0),
      })),
    );
    expect(uses.length).toBeGreaterThan(0);
    for (const { a, slug, second } of uses) {
      const html = await page(`${a.locale}/articles/${a.slug}`);
      const video = videos.find((v) => v.locale === a.locale && v.slug === slug)!;
      const link = new RegExp(`<a class="watch-video" href="/${a.locale}/videos/${slug}/\\?t=${second}">[\\s\\S]*?</a>`).exec(html);
      expect(link, `${a.locale}/${a.slug} → ${slug} at ${second}`).not.toBeNull();
      const text = link![0].replace(/<[^>]+>/g, '').replace(/&quot;|&#34;/g, '"').replace(/&amp;/g, '&');
      expect(text).toContain(String(video.data.title));
    }
  });

  test('code blocks, if any, read left to right', async () => {
    for (const a of articles) {
      const html = await page(`${a.locale}/articles/${a.slug}`);
      for (const pre of html.match(/<pre\b[^>]*>/g) ?? []) expect(pre).toContain('dir="ltr"');
    }
  });
});

describe('SEO metadata', () => {
  test('article pages carry Article and BreadcrumbList JSON-LD', async () => {
    for (const a of articles) {
      const ld = jsonLd(await page(`${a.locale}/articles/${a.slug}`));
      expect(ld.map((d) => d['@type']).sort(), `${a.locale}/${a.slug}`).toEqual(['Article', 'BreadcrumbList']);
      const article = ld.find((d) => d['@type'] === 'Article')!;
      expect(article.headline).toBe(a.data.title);
      expect(article.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(article.inLanguage).toBe(a.locale);
    }
  });

  test('video pages carry a VideoObject with transcript, ISO duration, thumbnail and a clip per chapter', async () => {
    for (const v of videos) {
      const ld = jsonLd(await page(`${v.locale}/videos/${v.slug}`));
      expect(ld.map((d) => d['@type']).sort(), `${v.locale}/${v.slug}`).toEqual(['BreadcrumbList', 'VideoObject']);
      const video = ld.find((d) => d['@type'] === 'VideoObject')!;
      expect(String(video.transcript).length).toBeGreaterThan(100);
      expect(video.duration).toMatch(/^PT(?:\d+H)?(?:\d+M)?(?:\d+S)?$/);
      expect(video.thumbnailUrl).toMatch(/^https?:\/\/.+\/media\/posters\//);
      const clips = video.hasPart as { '@type': string; startOffset: number; endOffset: number }[];
      expect(clips).toHaveLength((v.data.chapters as unknown[]).length);
      for (const clip of clips) {
        expect(clip['@type']).toBe('Clip');
        expect(clip.endOffset).toBeGreaterThan(clip.startOffset);
      }
    }
  });

  test('translated pages link each other with hreflang, x-default pointing to Persian', async () => {
    for (const a of articles) {
      const links = alternates(await page(`${a.locale}/articles/${a.slug}`));
      const translated = articles.some((o) => o.locale !== a.locale && o.data.translationKey === a.data.translationKey);
      if (!translated) continue;
      expect(links.fa).toMatch(new RegExp(`/fa/articles/[a-z0-9-]+/$`));
      expect(links.en).toMatch(new RegExp(`/en/articles/[a-z0-9-]+/$`));
      expect(links['x-default']).toBe(links.fa);
    }
  });

  test('every content page has exactly one canonical, pointing at itself', async () => {
    const html = await page('en/articles/' + articles.find((a) => a.locale === 'en')!.slug);
    const canonicals = [...html.matchAll(/<link rel="canonical" href="([^"]+)"/g)];
    expect(canonicals).toHaveLength(1);
    expect(canonicals[0]![1]).toMatch(/\/en\/articles\/[a-z0-9-]+\/$/);
  });

  test('the sitemap lists pages with their hreflang alternates', async () => {
    const files = (await readdir(site.dir)).filter((f) => /^sitemap-\d+\.xml$/.test(f));
    const xml = (await Promise.all(files.map((f) => readFile(join(site.dir, f), 'utf8')))).join('');
    const slug = articles[0]!.slug;
    expect(xml).toMatch(new RegExp(`<loc>[^<]*/fa/articles/${slug}/</loc>`));
    expect(xml).toMatch(/<xhtml:link rel="alternate" hreflang="fa-IR" href="[^"]+\/fa\/"\/>/);
    expect(xml).toMatch(/<xhtml:link rel="alternate" hreflang="en-US" href="[^"]+\/en\/"\/>/);
    expect(xml).not.toMatch(/\.vtt</);
  });
});

describe('styles', () => {
  test('site styles use logical properties only (sources and <style> blocks)', async () => {
    const files = (await readdir(join(ROOT, 'site'), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(?:css|astro|tsx)$/.test(e.name) && !e.parentPath.includes('public'))
      .map((e) => join(e.parentPath, e.name));
    const issues: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const css = file.endsWith('.css')
        ? text
        : [...text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>|style=["{]([^"}]*)["}]/g)].map((m) => m[1] ?? m[2]).join('\n');
      issues.push(...physicalDirectionIssues(css).map((issue) => `${file.slice(ROOT.length + 1)}: ${issue}`));
    }
    expect(issues).toEqual([]);
  });

  test('the built stylesheets use logical properties only', async () => {
    const assets = join(site.dir, '_astro');
    const css = (await readdir(assets)).filter((f) => f.endsWith('.css'));
    expect(css.length).toBeGreaterThan(0);
    for (const file of css) expect(physicalDirectionIssues(await readFile(join(assets, file), 'utf8')), file).toEqual([]);
  });
});

describe('JavaScript budget', () => {
  test(`an article page ships at most ${ARTICLE_JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript`, async () => {
    const a = articles.find((x) => x.locale === 'fa')!;
    const html = await page(`fa/articles/${a.slug}`);
    const inline = [...html.matchAll(/<script(?![^>]*type="application\/ld\+json")(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => m[1]!,
    );
    const external = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"|<link rel="modulepreload" href="([^"]+)"/g)].map(
      (m) => m[1] ?? m[2]!,
    );
    const bodies = [...inline, ...(await Promise.all(external.map((src) => readFile(join(site.dir, src), 'utf8'))))];
    const gzipped = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0);
    console.info(`article page JavaScript: ${bodies.length} script(s), ${gzipped} bytes gzipped (each gzipped alone)`);
    expect(gzipped).toBeLessThanOrEqual(ARTICLE_JS_BUDGET_BYTES);
  });
});
