import { describe, expect, test } from 'vitest';
import { embedUrl, startFromSearch } from '../../site/islands/embed.ts';
import { activeIndex } from '../../site/islands/VideoPlayer.tsx';

describe('click-to-load embed URLs', () => {
  test('uses the privacy-enhanced YouTube host and its start parameter', () => {
    expect(embedUrl('youtube', 'abc_DEF-123', 65)).toBe(
      'https://www.youtube-nocookie.com/embed/abc_DEF-123?rel=0&cc_load_policy=1&autoplay=1&start=65',
    );
  });

  test('asks Vimeo not to track and starts with its #t= fragment', () => {
    expect(embedUrl('vimeo', '76979871', 90.7)).toBe('https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=90s');
  });

  test('starts Aparat with t, and leaves autoplay out for the JSON-LD embedUrl', () => {
    expect(embedUrl('aparat', 'xYz12', 30)).toBe(
      'https://www.aparat.com/video/video/embed/videohash/xYz12/vt/frame?autoplay=true&t=30',
    );
    expect(embedUrl('aparat', 'xYz12', 0, false)).toBe('https://www.aparat.com/video/video/embed/videohash/xYz12/vt/frame');
  });
});

describe('?t= start second', () => {
  test.each([
    ['?t=65', 65],
    ['?t=65s', 65],
    ['?t=12.9', 12],
    ['?q=x&t=0', 0],
  ])('reads %s as %d', (search, expected) => {
    expect(startFromSearch(search)).toBe(expected);
  });

  test.each(['', '?t=', '?t=abc', '?t=-5', '?t=1:05'])('ignores %j', (search) => {
    expect(startFromSearch(search)).toBeUndefined();
  });
});

describe('active chapter or cue', () => {
  const items = [{ start: 0 }, { start: 10 }, { start: 25 }];
  test('is the last one that has started', () => {
    expect(activeIndex(items, 0)).toBe(0);
    expect(activeIndex(items, 9.9)).toBe(0);
    expect(activeIndex(items, 10)).toBe(1);
    expect(activeIndex(items, 300)).toBe(2);
  });

  test('is none before the first starts', () => {
    expect(activeIndex([{ start: 5 }], 1)).toBe(-1);
  });
});
