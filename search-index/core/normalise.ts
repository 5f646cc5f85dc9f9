/**
 * Character-level normalisation shared by indexing and querying. Pure string functions, no tables from the
 * environment: the same input gives the same output in the build, the API and the browser.
 *
 * The rules, in order (DESIGN.md explains why each exists):
 * 1. Unicode NFKC, which folds Arabic presentation forms (ﻙ, ﻯ...) and full-width Latin to their base letters;
 *    then lower case, and NFD so that letters carrying a hamza or madda (آ أ ئ ۀ...) split into base + mark.
 * 2. Arabic letters written for Persian ones: ي ى ئ → ی, ك → ک, ة ۀ ە ھ → ه, أ إ ٱ آ → ا, ؤ → و; a lone ء is dropped.
 * 3. Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII; the Arabic decimal and thousands separators → "." and ",".
 * 4. Harakat, tanwin, the superscript alef, Quranic marks, Latin combining accents and tatweel (ـ) are removed.
 * 5. ZWNJ (U+200C) and the other zero-width and bidi controls become a space, so می‌گوید is read as می گوید; the
 *    stemmer then makes میگوید meet the two split forms (see persian-stemmer.ts).
 * 6. Curly apostrophes → ASCII apostrophe; runs of white space → one space.
 * 7. A two-part Latin word whose first part has one or two letters loses its hyphen: wi-fi → wifi, e-sim → esim,
 *    e-mail → email (customers write both; "sign-in" keeps its hyphen and reads as "sign in").
 */
import type { Locale } from './schemas.ts';

/** Single code points mapped to their Persian (or ASCII) equivalent; a value of '' drops the character. */
const CHARACTER_MAP: Readonly<Record<string, string>> = {
  'ي': 'ی', // Arabic yeh
  'ى': 'ی', // Arabic alef maksura
  'ئ': 'ی', // yeh with hamza above
  'ك': 'ک', // Arabic kaf
  'ة': 'ه', // teh marbuta
  'ۀ': 'ه', // heh with yeh above
  'ە': 'ه', // ae
  'ھ': 'ه', // heh doachashmee
  'ۂ': 'ه', // heh goal with hamza above
  'ہ': 'ه', // heh goal
  'أ': 'ا', // alef with hamza above
  'إ': 'ا', // alef with hamza below
  'ٱ': 'ا', // alef wasla
  'آ': 'ا', // alef with madda above
  'ؤ': 'و', // waw with hamza above
  'ء': '', // lone hamza, spelt or left out at will (اجزاء / اجزا)
  'ـ': '', // tatweel (kashida)
  '٫': '.', // Arabic decimal separator
  '٬': ',', // Arabic thousands separator
  '’': "'",
  '‘': "'",
  'ʼ': "'",
};

/**
 * Combining marks: Latin accents, the Arabic honorifics and small vowels (U+0610-061A), harakat and tanwin, superscript
 * alef, Quranic annotation marks. Every Arabic-script mark must go: one left beside another, once a ء or tatweel between
 * them is dropped, would be reordered by the next NFD and break idempotence (fast-check found ؐءؘ).
 */
const COMBINING_MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
/** ZWNJ, ZWJ, zero-width space, word joiner, BOM, soft hyphen and bidi controls. */
const INVISIBLE_SEPARATORS = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]/g;
const ARABIC_SCRIPT_VARIANTS = /[يىئكةۀەھۂہأإٱآؤءـ٫٬’‘ʼ]/g;
const EASTERN_DIGITS = /[\u06f0-\u06f9\u0660-\u0669]/g;
const WHITE_SPACE = /\s+/g;
const SHORT_HYPHENATED = /(?<![\p{L}\p{N}\p{M}-])(\p{Script=Latin}{1,2})-(\p{Script=Latin}+)(?![\p{L}\p{N}\p{M}-])/gu;

function asciiDigit(digit: string): string {
  const code = digit.charCodeAt(0);
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
}

/**
 * Folds `text` to the form that indexing and querying compare: see the rules at the top of this file.
 * Idempotent: normalise(normalise(x)) === normalise(x). The locale is accepted for symmetry with the other
 * text functions; the rules are script-based, so Latin words in Persian text are folded like English.
 */
export function normalise(text: string, _locale?: Locale): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(ARABIC_SCRIPT_VARIANTS, (character) => CHARACTER_MAP[character] ?? character)
    .replace(EASTERN_DIGITS, asciiDigit)
    .replace(INVISIBLE_SEPARATORS, ' ')
    .replace(WHITE_SPACE, ' ')
    .replace(SHORT_HYPHENATED, '$1$2')
    .trim();
}
