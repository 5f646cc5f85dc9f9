/**
 * Text to index terms: tokenise (after normalise), then per word drop stopwords and stem. The same two functions
 * feed minisearch at index time (options.ts) and shape queries in suggest.ts, so both sides always agree.
 *
 * Script decides the rules, not the locale: Arabic-script words get the Persian stopwords and stemmer, Latin words
 * the English ones (possessive "'s" removed, apostrophes dropped, Porter stemmer from the `stemmer` package).
 * Numbers are kept as they are ("1570", "5g" and "f1" are often the most telling words of a support question).
 */
import { stemmer } from 'stemmer';
import { normalise } from './normalise.ts';
import { stemPersian } from './persian-stemmer.ts';
import type { Locale } from './schemas.ts';
import { STOPWORDS } from './stopwords.ts';

/** A word: letters, digits and combining marks, with inner apostrophes (don't, modem's). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;
const LATIN_LETTER = /\p{Script=Latin}/u;
const DIGITS_ONLY = /^\d+$/;
const POSSESSIVE = /'s$/;

/** A word of normalised text with its place in that text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** Splits already-normalised text into words, keeping each word's offsets. */
export function wordsOf(normalisedText: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalisedText.matchAll(WORD)) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** minisearch `tokenize`: normalise, then split into words. */
export function tokenise(text: string): string[] {
  return wordsOf(normalise(text)).map((token) => token.word);
}

/** Stems one normalised word without judging whether it is a stopword. */
export function stemWord(word: string): string {
  if (ARABIC_SCRIPT.test(word)) return stemPersian(word);
  if (DIGITS_ONLY.test(word)) return word;
  const bare = word.replace(POSSESSIVE, '').replaceAll("'", '');
  return LATIN_LETTER.test(bare) ? stemmer(bare) : bare;
}

/** True when the normalised word carries no meaning for search (see stopwords.ts). */
export function isStopword(word: string): boolean {
  if (ARABIC_SCRIPT.test(word)) return STOPWORDS.persian.has(word);
  return STOPWORDS.latin.has(word.replace(POSSESSIVE, '').replaceAll("'", ''));
}

/** The index term of a word, and whether the word is a stopword; null for lone letters. */
export interface AnalysedWord {
  term: string;
  stopword: boolean;
}

/** Words repeat endlessly in text; stemming each occurrence again would be most of the build's time. */
const TERM_CACHE_SIZE = 200_000;
const termCache = new Map<string, AnalysedWord | null>();

/**
 * One normalised word to its index term (stem), marked as stopword or not. A Persian word whose stem is a
 * stopword (میشود → شود) counts as a stopword too. Cached.
 */
export function analyseWord(word: string): AnalysedWord | null {
  const known = termCache.get(word);
  if (known !== undefined) return known;
  if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
  let analysed: AnalysedWord | null = null;
  if (word.length >= 2 || DIGITS_ONLY.test(word)) {
    const stem = stemWord(word);
    if (stem) {
      const stopword = isStopword(word) || (stem !== word && ARABIC_SCRIPT.test(stem) && STOPWORDS.persian.has(stem));
      analysed = { term: stem, stopword };
    }
  }
  termCache.set(word, analysed);
  return analysed;
}

/** minisearch `processTerm` for every field but the title: the word's index term, or null for stopwords. */
export function processTerm(word: string): string | null {
  const analysed = analyseWord(word);
  return analysed && !analysed.stopword ? analysed.term : null;
}

/**
 * minisearch `processTerm` for the title: stopwords are kept there. FAQ-style titles are questions, and their
 * function words ("what is", "how do I", "چرا", "چگونه") tell question types apart; titles are short, so keeping
 * them costs little. Queries search these words at a low weight (SUGGEST_DEFAULTS.stopwordWeight).
 */
export function processTitleTerm(word: string): string | null {
  return analyseWord(word)?.term ?? null;
}

/** The index terms of a text, in order, stopwords removed: what the index stores and what a query searches. */
export function analyse(text: string, _locale?: Locale): string[] {
  const terms: string[] = [];
  for (const word of tokenise(text)) {
    const term = processTerm(word);
    if (term) terms.push(term);
  }
  return terms;
}
