/**
 * Snippets: a window of the unit's text around the words that matched, HTML-escaped, matched words in <mark>.
 * Words are compared through the analyser, so "مودم‌ها" in the text is marked for the query term "مودم" and
 * "modems" for "modem".
 */
import { analyse } from './analyse.ts';

/** A displayed word: letters, digits, marks, with inner ZWNJ, ZWJ, tatweel, apostrophes and hyphens (Wi-Fi) kept. */
const DISPLAY_WORD = /[\p{L}\p{N}\p{M}\u200c\u200d\u0640'’]+(?:-[\p{L}\p{N}\p{M}\u200c\u200d\u0640'’]+)*/gu;
const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ELLIPSIS = '…';
/** Words shown before the first marked word. */
const CONTEXT_WORDS = 4;

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

interface Word {
  start: number;
  end: number;
  marked: boolean;
}

/**
 * The best window of `maxWords` words of `text` (the one with the most matched words, earliest on a tie), as safe
 * HTML. `matchedTerms` are index terms (stems) as minisearch reports them for the unit.
 */
export function buildSnippet(text: string, matchedTerms: ReadonlySet<string>, maxWords: number): string {
  const words: Word[] = [];
  for (const match of text.matchAll(DISPLAY_WORD)) {
    const marked = matchedTerms.size > 0 && analyse(match[0]).some((term) => matchedTerms.has(term));
    words.push({ start: match.index, end: match.index + match[0].length, marked });
  }
  if (words.length === 0) return escapeHtml(text.trim());

  // Sliding window over the words: the start with the most marked words wins, the earliest on a tie.
  let bestStart = 0;
  let bestCount = -1;
  let count = 0;
  const lastStart = Math.max(0, words.length - maxWords);
  for (let index = 0; index < Math.min(maxWords, words.length); index++) if (words[index]!.marked) count += 1;
  for (let start = 0; start <= lastStart; start++) {
    if (start > 0) {
      if (words[start - 1]!.marked) count -= 1;
      if (words[start + maxWords - 1]?.marked) count += 1;
    }
    if (count > bestCount) {
      bestCount = count;
      bestStart = start;
    }
  }
  // Slide right so the first marked word has a little context before it (never loses a marked word).
  const firstMarked = words.findIndex((word, index) => index >= bestStart && word.marked);
  if (firstMarked >= 0) bestStart = Math.min(lastStart, Math.max(bestStart, firstMarked - CONTEXT_WORDS));
  const shown = words.slice(bestStart, bestStart + maxWords);
  let html = '';
  let cursor = shown[0]!.start;
  for (const word of shown) {
    html += escapeHtml(text.slice(cursor, word.start));
    const wordHtml = escapeHtml(text.slice(word.start, word.end));
    html += word.marked ? `<mark>${wordHtml}</mark>` : wordHtml;
    cursor = word.end;
  }
  const last = shown.at(-1)!;
  // Keep closing punctuation (a full stop, a question mark) that directly follows the last word.
  const trailing = /^[.!?؟،,;:)»"]+/u.exec(text.slice(last.end))?.[0] ?? '';
  html += escapeHtml(trailing);
  const prefix = bestStart > 0 ? ELLIPSIS : '';
  const suffix = bestStart + maxWords < words.length ? ELLIPSIS : '';
  return `${prefix}${html.trim()}${suffix}`;
}
