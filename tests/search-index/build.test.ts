import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { collectContent, headingIds } from '../../search-index/build/collect.ts';
import { cuesToPassages, documentsFor, mdxToSections, writeSearchIndexes } from '../../search-index/build/index.ts';
import { parseMdx } from '../../search-index/build/mdx.ts';
import { createSearchIndex, loadSearchIndex, serialiseSearchIndex, suggest } from '../../search-index/core/index.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('mdxToSections', () => {
  test('splits at headings and gives each the id Astro gives it, repeats numbered', () => {
    const sections = mdxToSections(
      'Intro with **bold** text.\n\n## Steps\n\n1. One\n2. Two\n\n## Steps\n\nAgain.\n\n### Why `LOS` is red?\n\nBecause.\n',
    );
    expect(sections).toEqual([
      { text: 'Intro with bold text.' },
      { heading: 'Steps', anchor: 'steps', text: 'One Two' },
      { heading: 'Steps', anchor: 'steps-1', text: 'Again.' },
      { heading: 'Why LOS is red?', anchor: 'why-los-is-red', text: 'Because.' },
    ]);
  });

  test('keeps Persian letters in anchors, as github-slugger does', () => {
    expect(mdxToSections('## اگر چراغ LOS قرمز است\n\nمتن.')[0]).toEqual({ heading: 'اگر چراغ LOS قرمز است', anchor: 'اگر-چراغ-los-قرمز-است', text: 'متن.' });
  });

  test('reads component text and attributes but not code expressions or imports', () => {
    const sections = mdxToSections(
      'export const x = 1\n\n<Callout type="warning">Do not press **Reset**.</Callout>\n\n<Figure src="/media/images/a.svg" alt="Front of the modem" caption="Lights in normal use" />\n\nPress <Kbd>Ctrl</Kbd> and {1 + 1}.\n\n| Plan | Speed |\n| --- | --- |\n| Home 50 | 50 Mbps |\n',
    );
    expect(sections).toEqual([
      { text: 'Do not press Reset. Front of the modem Lights in normal use Press Ctrl and . Plan Speed Home 50 50 Mbps' },
    ]);
  });

  test('anchors match the content check for every fixture article', async () => {
    const content = await collectContent(FIXTURES);
    for (const article of content.articles) {
      const anchors = mdxToSections(article.body).flatMap((section) => (section.anchor ? [section.anchor] : []));
      expect(anchors, article.file).toEqual(headingIds(parseMdx(article.body)));
    }
  });
});

describe('cuesToPassages', () => {
  const cue = (start: number, text: string) => ({ start, end: start + 5, text });

  test('groups cues into passages of at most 30 seconds, split at chapters, headed by the chapter title', () => {
    const cues = [cue(0, 'a'), cue(5, 'b'), cue(30, 'c'), cue(40, 'd'), cue(45, 'e'), cue(70, 'f'), cue(75, 'g')];
    expect(cuesToPassages(cues, [{ start: 0, title: 'Start' }, { start: 40, title: 'Lights' }])).toEqual([
      { heading: 'Start', start: 0, text: 'a b' },
      { heading: 'Start', start: 30, text: 'c' },
      { heading: 'Lights', start: 40, text: 'd e' },
      { heading: 'Lights', start: 70, text: 'f g' },
    ]);
  });

  test('works without chapters', () => {
    expect(cuesToPassages([cue(0, 'a'), cue(31, 'b')])).toEqual([
      { start: 0, text: 'a' },
      { start: 31, text: 'b' },
    ]);
  });
});

describe('writeSearchIndexes', () => {
  let outDir = '';
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('writes one loadable index per locale, skips drafts and logs one size line per locale', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'rahnama-index-'));
    const content = await collectContent(FIXTURES);
    const lines: string[] = [];
    const written = await writeSearchIndexes(content, { outDir, log: (line) => lines.push(line), builtAt: '2026-11-22T12:00:00.000Z' });
    expect(written.map(({ locale, articles, videos }) => ({ locale, articles, videos }))).toEqual([
      { locale: 'fa', articles: 4, videos: 1 },
      { locale: 'en', articles: 4, videos: 1 },
    ]);
    expect(written.map((entry) => entry.file)).toEqual([join(outDir, 'search', 'fa.json'), join(outDir, 'search', 'en.json')]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^search-index: en: 4 articles, 1 videos, [\d.]+ kB \([\d.]+ kB gzipped\) → /);
    const en = loadSearchIndex(await readFile(join(outDir, 'search', 'en.json'), 'utf8'));
    expect(en.stats).toEqual({ locale: 'en', articles: 4, videos: 1, builtAt: '2026-11-22T12:00:00.000Z' });
    expect(suggest(en, 'close your account').map((suggestion) => suggestion.id)).not.toContain('en/close-account');
    expect(written[1]!.bytes).toBe((await readFile(written[1]!.file)).length);
    expect(written[1]!.gzipBytes).toBeLessThan(written[1]!.bytes);
  });

  test('the fixture help center gives identical suggestions built and after a round trip through its file', async () => {
    const content = await collectContent(FIXTURES);
    const queries = {
      fa: ['چراغ مودم قرمزه', 'رمز وایفای', 'نت کنده', 'کد پیامک نمیاد', 'رم'],
      en: ['modem light is red', 'forgot my passcode', 'wifi slow', 'LOS light blinking', 'pass'],
    } as const;
    for (const locale of ['fa', 'en'] as const) {
      const built = createSearchIndex(documentsFor(content, locale), locale, content.synonyms[locale], { builtAt: '2026-11-22T12:00:00.000Z' });
      const loaded = loadSearchIndex(JSON.stringify(serialiseSearchIndex(built)));
      for (const query of queries[locale]) expect(suggest(loaded, query, { limit: 10 }), query).toEqual(suggest(built, query, { limit: 10 }));
    }
  });

  test('a video document has its page text first, then passages with start seconds', async () => {
    const content = await collectContent(FIXTURES);
    const video = documentsFor(content, 'en').find((document) => document.kind === 'video')!;
    expect(video.sections[0]).toEqual({ text: 'A two-minute tour of the lights on the front of your modem.' });
    expect(video.sections.slice(1).map((section) => [section.start, section.heading])).toEqual([
      [0, 'Power'],
      [30, 'PON and LOS'],
      [60, 'Internet'],
      [90, 'WLAN'],
    ]);
  });
});
