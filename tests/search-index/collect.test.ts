import { afterEach, describe, expect, test } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectContent, ContentError } from '../../search-index/build/collect.ts';

// A minimal valid help center, written to a temp folder; each test breaks one thing and expects the exact message.
const FILES: Record<string, string> = {
  'content/categories/fa/internet.json': JSON.stringify({ name: 'اینترنت خانگی', description: 'مودم، اتصال و سرعت اینترنت خانگی.', icon: 'wifi', order: 1 }),
  'content/categories/en/internet.json': JSON.stringify({ name: 'Home internet', description: 'Modem, connection and speed.', icon: 'wifi', order: 1 }),
  'content/articles/fa/internet/modem-red-light.mdx': `---
title: چراغ اینترنت مودم قرمز است
description: اگر چراغ اینترنت مودم قرمز شده و اتصال قطع می‌شود، این مراحل را انجام دهید.
category: internet
translationKey: modem-red-light
updated: 2026-10-01
reviewBy: 2027-04-01
keywords: [نت قطع میشه]
related: [slow-internet]
---
## کابل‌ها را بررسی کنید

<Steps>

1. مودم را خاموش کنید.
2. ۳۰ ثانیه صبر کنید.

</Steps>

<WatchVideo slug="modem-lights" at="0:30">چراغ‌ها را ببینید</WatchVideo>

[سرعت کم](/fa/articles/slow-internet/#سرعت-را-بسنجید)
`,
  'content/articles/fa/internet/slow-internet.mdx': `---
title: اینترنت کند است
description: سرعت اینترنت خانگی را بسنجید و مشکل کندی را پیدا کنید.
category: internet
translationKey: slow-internet
updated: 2026-10-01
reviewBy: 2027-04-01
---
## سرعت را بسنجید

متن.
`,
  'content/videos/fa/modem-lights.mdx': `---
title: چراغ‌های مودم
description: معنی چراغ‌های مودم تیزباکس در یک ویدیوی کوتاه.
translationKey: modem-lights
updated: 2026-10-01
reviewBy: 2027-04-01
video: { provider: youtube, id: abcDEF12345 }
poster: /media/posters/modem-lights-fa.svg
duration: "1:00"
chapters:
  - { start: "0:00", title: شروع }
  - { start: "0:30", title: چراغ قرمز }
articles: [modem-red-light]
---
متن.
`,
  'content/videos/fa/modem-lights.vtt': 'WEBVTT\n\n00:00.000 --> 00:05.000\nسلام.\n\n00:30.000 --> 00:40.000\nچراغ قرمز.\n',
  'site/public/media/posters/modem-lights-fa.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function tree(changes: Record<string, string | null> = {}): Promise<string> {
  root = await mkdtemp(join(tmpdir(), 'rahnama-content-'));
  for (const [path, text] of Object.entries({ ...FILES, ...changes })) {
    if (text === null) continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

async function problems(changes: Record<string, string | null>): Promise<string[]> {
  try {
    await collectContent(await tree(changes));
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).message.split('\n').slice(1).map((line) => line.trim());
  }
  throw new Error('expected a ContentError');
}

const ARTICLE = 'content/articles/fa/internet/modem-red-light.mdx';
const VIDEO = 'content/videos/fa/modem-lights.mdx';
const edit = (file: string, from: string | RegExp, to: string) => ({ [file]: FILES[file]!.replace(from, to) });

describe('collectContent', () => {
  test('accepts valid content and returns articles, videos with parsed transcripts and categories', async () => {
    const content = await collectContent(await tree());
    expect(content.articles.map((a) => `${a.locale}/${a.category}/${a.slug}`)).toEqual(['fa/internet/modem-red-light', 'fa/internet/slow-internet']);
    expect(content.articles[0]!.data.updated).toEqual(new Date('2026-10-01'));
    expect(content.articles[0]!.body.startsWith('## کابل‌ها را بررسی کنید')).toBe(true);
    expect(content.videos[0]!.data.chapters).toEqual([{ start: 0, title: 'شروع' }, { start: 30, title: 'چراغ قرمز' }]);
    expect(content.videos[0]!.transcript.cues).toHaveLength(2);
    expect(content.categories.map((c) => `${c.locale}/${c.slug}`)).toEqual(['en/internet', 'fa/internet']);
  });

  test.each([
    ['a missing title', edit(ARTICLE, /^title: .*$/m, ''), `${ARTICLE}: frontmatter field "title": is required`],
    ['a malformed date', edit(ARTICLE, 'reviewBy: 2027-04-01', 'reviewBy: soon'), `${ARTICLE}: frontmatter field "reviewBy": expected a date as YYYY-MM-DD`],
    ['a category that is not the folder', edit(ARTICLE, 'category: internet', 'category: billing'), `${ARTICLE}: frontmatter field "category": expected "internet" (the article's folder), got "billing"`],
    ['an unknown category', { 'content/categories/fa/internet.json': null }, `${ARTICLE}: frontmatter field "category": unknown category "internet": expected a file content/categories/fa/internet.json`],
    ['a dangling related article', edit(ARTICLE, 'related: [slow-internet]', 'related: [slow-internets]'), `${ARTICLE}: frontmatter field "related.0": no fa article with slug "slow-internets"`],
    ['a broken internal link', edit(ARTICLE, '/fa/articles/slow-internet/#', '/fa/articles/fast-internet/#'), `${ARTICLE}: line 22: broken link "/fa/articles/fast-internet/#سرعت-را-بسنجید": no fa article "fast-internet"`],
    ['a link to a missing heading', edit(ARTICLE, '#سرعت-را-بسنجید', '#nowhere'), `${ARTICLE}: line 22: broken link "/fa/articles/slow-internet/#nowhere": no heading with id "nowhere" in content/articles/fa/internet/slow-internet.mdx`],
    ['a WatchVideo of an unknown guide', edit(ARTICLE, 'slug="modem-lights"', 'slug="modem-light"'), `${ARTICLE}: line 20: <WatchVideo slug>: no fa video guide "modem-light"`],
    ['a WatchVideo past the end', edit(ARTICLE, 'at="0:30"', 'at="2:30"'), `${ARTICLE}: line 20: <WatchVideo at>: expected a time before the end of "modem-lights" (1:00)`],
    ['an MDX syntax error', edit(ARTICLE, '</Steps>', '</Step>'), `${ARTICLE}: line 18: MDX syntax error: Unexpected closing tag \`</Step>\`, expected corresponding closing tag for \`<Steps>\``],
    ['a missing transcript', { 'content/videos/fa/modem-lights.vtt': null }, `${VIDEO}: transcript: expected a WebVTT transcript at content/videos/fa/modem-lights.vtt`],
    ['a malformed transcript', { 'content/videos/fa/modem-lights.vtt': 'WEBVTT\n\n00:00 --> 00:05.000\nسلام.\n' }, 'content/videos/fa/modem-lights.vtt: malformed WebVTT: line 3: expected timestamps as "mm:ss.ttt" or "hh:mm:ss.ttt", got "00:00 --> 00:05.000"'],
    ['chapters out of order', edit(VIDEO, '{ start: "0:30", title: چراغ قرمز }', '{ start: "0:00", title: چراغ قرمز }'), `${VIDEO}: frontmatter field "chapters.1.start": expected chapters in order of start time`],
    ['a missing poster file', { 'site/public/media/posters/modem-lights-fa.svg': null }, `${VIDEO}: frontmatter field "poster": expected the file site/public/media/posters/modem-lights-fa.svg to exist`],
    ['a video guide of an unknown article', edit(VIDEO, 'articles: [modem-red-light]', 'articles: [modem-red]'), `${VIDEO}: frontmatter field "articles.0": no fa article with slug "modem-red"`],
    ['a file in the wrong place', { 'content/articles/fa/modem.mdx': FILES[ARTICLE]! }, 'content/articles/fa/modem.mdx: expected content/articles/<fa|en>/<category>/<slug>.mdx'],
  ])('rejects %s', async (_name, changes, expected) => {
    expect(await problems(changes)).toContain(expected);
  });

  test('lists every problem, not only the first', async () => {
    const found = await problems({ ...edit(ARTICLE, 'related: [slow-internet]', 'related: [a, b]'), 'content/videos/fa/modem-lights.vtt': null });
    expect(found).toHaveLength(3);
  });

  test('ignores files whose name starts with an underscore', async () => {
    const content = await collectContent(await tree({ 'content/articles/fa/internet/_draft-notes.mdx': 'not frontmatter' }));
    expect(content.articles).toHaveLength(2);
  });
});
