import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyse, normalise, stemPersian, stemWord } from '../../search-index/core/index.ts';

// Table-driven cases from real Persian support text: each row is [input, expected normalised text].
const NORMALISE_CASES: [name: string, input: string, expected: string][] = [
  ['Arabic yeh and kaf become Persian', 'كارت شارژ اينترنت', 'کارت شارژ اینترنت'],
  ['alef maksura becomes yeh', 'مصطفى', 'مصطفی'],
  ['Persian digits become ASCII', 'کد ۱۲۳', 'کد 123'],
  ['Arabic-Indic digits become ASCII', 'کد ١٢٣', 'کد 123'],
  ['ASCII digits stay', 'کد 123', 'کد 123'],
  ['tatweel is removed', 'سلامـــت', 'سلامت'],
  ['harakat and tanwin are removed', 'مُدِرِّس فوراً', 'مدرس فورا'],
  ['alef forms fold to bare alef', 'آب أمیر إمام', 'اب امیر امام'],
  ['heh with yeh and teh marbuta become heh', 'خانۀ مدرسة', 'خانه مدرسه'],
  ['hamza on waw and yeh fold', 'مؤسسه مسئول', 'موسسه مسیول'],
  ['Arabic honorific and small-vowel marks are removed (once a cause of non-idempotence: ؐءؘ)', 'صلی\u0610 الله\u0618 ؐءؘ', 'صلی الله'],
  ['ZWNJ becomes a space', 'می‌گوید', 'می گوید'],
  ['presentation forms fold', 'ﻙﺘﺎﺏ', 'کتاب'],
  ['English is lower-cased and accents folded', 'Café MODEM', 'cafe modem'],
  ['curly apostrophes become straight', 'modem’s', "modem's"],
  ['white space collapses', '  مودم \n\t قطع  ', 'مودم قطع'],
  ['a one- or two-letter Latin prefix joins its word', 'Wi-Fi e-SIM sign-in', 'wifi esim sign-in'],
];

describe('normalise', () => {
  test.each(NORMALISE_CASES)('%s', (_name, input, expected) => {
    expect(normalise(input, 'fa')).toBe(expected);
  });

  test('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => normalise(normalise(text)) === normalise(text)),
      { numRuns: 500 },
    );
  });

  test('is idempotent on Persian and Arabic letters mixed with marks', () => {
    const persian = fc.string({ unit: fc.integer({ min: 0x0600, max: 0x06ff }).map((code) => String.fromCharCode(code)) });
    fc.assert(fc.property(persian, (text) => normalise(normalise(text)) === normalise(text)), { numRuns: 500 });
  });

  test('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => typeof normalise(text) === 'string'), { numRuns: 500 });
  });
});

describe('analyse', () => {
  test('the three spellings of می‌گوید meet', () => {
    const forms = ['می‌گوید', 'میگوید', 'می گوید'];
    const stems = forms.map((form) => normalise(form).split(' ').map(stemWord).filter((word) => word !== 'می'));
    expect(stems).toEqual([['گوید'], ['گوید'], ['گوید']]);
  });

  test('Arabic and Persian spellings of a word give the same terms', () => {
    expect(analyse('مشكل اتصال اينترنت', 'fa')).toEqual(analyse('مشکل اتصال اینترنت', 'fa'));
  });

  test('digits in any script give the same terms', () => {
    expect(analyse('۱۵۷۰', 'fa')).toEqual(['1570']);
    expect(analyse('١٥٧٠', 'fa')).toEqual(['1570']);
  });

  test('stopwords are dropped and Persian plurals stemmed', () => {
    expect(analyse('مودم‌های من قطع می‌شوند', 'fa')).toEqual(['مودم', 'قطع']);
  });

  test('English words are stemmed with Porter and possessives removed', () => {
    expect(analyse("The modem's lights keep blinking", 'en')).toEqual(['modem', 'light', 'blink']);
  });

  test('Latin words inside Persian text keep working', () => {
    expect(analyse('رمز Wi-Fi مودم TizBox F1', 'fa')).toEqual(['رمز', 'wifi', 'مودم', 'tizbox', 'f1']);
  });
});

// Each row: [word, stem]; the rules are documented in search-index/core/persian-stemmer.ts.
const STEM_CASES: [string, string][] = [
  ['میگوید', 'گوید'],
  ['نمیدانم', 'دانم'],
  ['میز', 'میز'],
  ['مودمها', 'مودم'],
  ['کارتهای', 'کارت'],
  ['سریعترین', 'سریع'],
  ['روتر', 'روتر'],
  ['فیلتر', 'فیلتر'],
  ['کاربران', 'کاربر'],
  ['ایران', 'ایران'],
  ['اطلاعات', 'اطلاع'],
  ['به', 'به'],
];

describe('stemPersian', () => {
  test.each(STEM_CASES)('%s → %s', (word, stem) => {
    expect(stemPersian(word)).toBe(stem);
  });
});
