import { describe, expect, test } from 'vitest';
import { formatClock, parseVtt, parseVttTimestamp } from '../../search-index/core/vtt.ts';

describe('parseVttTimestamp', () => {
  test.each([
    ['00:01.000', 1],
    ['01:02.500', 62.5],
    ['00:01:02.500', 62.5],
    ['10:00:00.001', 36000.001],
    ['1:02.500', undefined],
    ['00:60.000', undefined],
    ['00:01,000', undefined],
  ])('%s is %s seconds', (input, expected) => {
    expect(parseVttTimestamp(input)).toBe(expected);
  });
});

describe('formatClock', () => {
  test.each([
    [0, '0:00'],
    [65.9, '1:05'],
    [3723, '1:02:03'],
  ])('%s seconds reads %s', (input, expected) => {
    expect(formatClock(input)).toBe(expected);
  });
});

describe('parseVtt', () => {
  test('reads cues with identifiers, settings, tags, entities and Persian text', () => {
    const cues = parseVtt(
      [
        'WEBVTT - transcript',
        'Kind: captions',
        '',
        'NOTE written by the support team',
        '',
        'intro',
        '00:00:00.000 --> 00:00:03.500 align:start',
        '<v Sara>سلام، به راهنمای تیزنت خوش آمدید.</v>',
        '',
        '00:03.500 --> 00:07.000',
        'Press <c.key>Ctrl</c> &amp; <i>R</i>',
        'to reload.',
      ].join('\r\n'),
    );
    expect(cues).toEqual([
      { start: 0, end: 3.5, text: 'سلام، به راهنمای تیزنت خوش آمدید.' },
      { start: 3.5, end: 7, text: 'Press Ctrl & R to reload.' },
    ]);
  });

  test.each([
    ['00:00.000 --> 00:01.000\nhi', 'line 1: expected the file to start with "WEBVTT"'],
    ['WEBVTT\n\n00:00.000 -> 00:01.000\nhi', 'line 4: expected a cue timing line like "00:00:01.000 --> 00:00:04.000", got "hi"'],
    ['WEBVTT\n\n00:00.0 --> 00:01.000\nhi', 'line 3: expected timestamps as "mm:ss.ttt" or "hh:mm:ss.ttt", got "00:00.0 --> 00:01.000"'],
    ['WEBVTT\n\n00:02.000 --> 00:01.000\nhi', 'line 3: expected the cue to end after it starts'],
    ['WEBVTT\n\n00:05.000 --> 00:06.000\nhi\n\n00:01.000 --> 00:02.000\nho', 'line 6: expected cues in order of start time'],
    ['WEBVTT\n\n00:00.000 --> 00:01.000\n<i></i>', 'line 3: expected text after the cue timing line'],
  ])('rejects %j', (source, message) => {
    expect(() => parseVtt(source)).toThrow(message);
  });
});
