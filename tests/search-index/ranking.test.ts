import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { collectContent } from '../../search-index/build/collect.ts';
import { documentsFor } from '../../search-index/build/index.ts';
import { createSearchIndex, suggest, type SearchIndex } from '../../search-index/core/index.ts';

// The ranking set: the fixture help center (tests/fixtures/content: four articles and one video guide per locale),
// one test per query, asserting the exact order of suggestion URLs. Each comment says why that order is right.
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const indexes: Partial<Record<'fa' | 'en', SearchIndex>> = {};

beforeAll(async () => {
  const content = await collectContent(FIXTURES);
  for (const locale of ['fa', 'en'] as const) {
    indexes[locale] = createSearchIndex(documentsFor(content, locale), locale, content.synonyms[locale]);
  }
});

const urls = (locale: 'fa' | 'en', text: string): string[] => suggest(indexes[locale]!, text).map((suggestion) => suggestion.url);

describe('English ranking set', () => {
  test('a long problem description finds the red-light article at the Internet-light section', () => {
    // "router" meets "modem" through the synonyms file; "router light is red" and "internet keeps dropping" are the
    // article's keywords. The Internet-light section holds the most of the remaining words (modem, internet,
    // light), so it is the best section. The video talks about red lights too, far lower.
    expect(urls('en', 'since yesterday my router light is red and the internet keeps dropping')).toEqual([
      '/en/articles/modem-red-light/#if-the-internet-light-is-red',
      '/en/videos/modem-lights-explained/?t=60',
    ]);
  });

  test('a synonym finds the password article alone', () => {
    // "passcode" is in the password synonym group and "forgot" in the article's keywords; the Wi-Fi password
    // article matches "password" only and falls below the relative floor.
    expect(urls('en', 'forgot my passcode')).toEqual(['/en/articles/reset-password/#ask-for-a-code']);
  });

  test('a question about one light opens the video at that light', () => {
    // WLAN, blinking and light all meet in the video's last passage (chapter "WLAN", from 1:30). The Wi-Fi password
    // article says WLAN once (its TizBox F1 section, chosen over the V2 one that only has the synonym "Wireless").
    // The red-light article only says "light": it scores under a fifth of the video, which also covers half of its
    // own title's words, and the relative floor drops it.
    expect(urls('en', 'what does the blinking WLAN light mean')).toEqual([
      '/en/videos/modem-lights-explained/?t=90',
      '/en/articles/change-wifi-password/#on-the-tizbox-f1',
    ]);
  });

  test('the video passage outranks the article section when it holds every word', () => {
    // "LOS light blinking red": the video's PON-and-LOS passage (0:30) repeats LOS and light three times in a short
    // text; the article's LOS section says them once each in a longer one (BM25 term frequency and length
    // normalisation), so the article comes second. Nobody has "blinking" with LOS, so it decides nothing.
    expect(urls('en', 'LOS light blinking red')).toEqual([
      '/en/videos/modem-lights-explained/?t=30',
      '/en/articles/modem-red-light/#if-the-los-light-is-red',
    ]);
  });

  test('the word being typed is prefix-matched', () => {
    // "passw" is unfinished (no space after it), so it is prefix-matched to "password". Both articles have it in
    // the title; the reset article also in its keywords and text. Each opens at the section whose heading says it.
    expect(urls('en', 'passw')).toEqual([
      '/en/articles/reset-password/#choose-a-new-password',
      '/en/articles/change-wifi-password/#set-a-new-wi-fi-password',
    ]);
  });

  test('a finished unknown word finds nothing rather than noise', () => {
    expect(urls('en', 'banana smoothie ')).toEqual([]);
  });
});

describe('Persian ranking set', () => {
  test('a section heading with the exact words wins', () => {
    // "چراغ LOS قرمز" is the heading of the article's second section; the video's PON/LOS passage says the same
    // words in running text, second.
    expect(urls('fa', 'چراغ LOS قرمز است')).toEqual([
      '/fa/articles/modem-red-light/#اگر-چراغ-los-قرمز-است',
      '/fa/videos/modem-lights-explained/?t=30',
    ]);
  });

  test('colloquial words meet the writers\' keywords', () => {
    // "نت کنده" (the net is slow) is a keyword of the slow-internet article, not words of its text.
    expect(urls('fa', 'نت کنده')).toEqual(['/fa/articles/slow-internet/']);
  });

  test('informal spelling with Arabic letters and no ZWNJ still finds the red-light article', () => {
    // Arabic ي and ك fold to Persian letters; "ميشه" is a stopword; روتر meets مودم through the synonyms file and
    // "نت قطع" is in the article's keywords. Its LOS section has چراغ in its heading and چراغ and مودم in its
    // text, the most of the matched words; the video's PON/LOS passage follows.
    expect(urls('fa', 'چراغ روتر قرمزه و نت قطع ميشه')).toEqual([
      '/fa/articles/modem-red-light/#اگر-چراغ-los-قرمز-است',
      '/fa/videos/modem-lights-explained/?t=30',
    ]);
  });

  test('the SMS code question lands on the section that sends the code', () => {
    // «کد» and «پیامک» both occur in the «کد بگیرید» section (heading and text); «نمیاد» is unknown and ignored.
    expect(urls('fa', 'کد پیامک نمیاد')).toEqual(['/fa/articles/reset-password/#کد-بگیرید']);
  });
});
